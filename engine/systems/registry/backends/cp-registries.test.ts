import { describe, expect, it } from "vitest";
import { SECOND, MS } from "../../../core/time";
import type { Micros } from "../../../core/time";
import { simulate } from "../../../index";
import type { FaultSpec } from "../../../scenario";
import { cpScenario } from "../../../testing/kits/cp-registry-test-kit";
import type { CpSpec } from "../../../testing/kits/cp-registry-test-kit";
import type { HistoryEntry } from "../../../check/checker";
import { registryClientOptions } from "../registry-profiles";

const run = (s: CpSpec) => simulate(cpScenario(s), { recording: "off" });
const at = (h: readonly HistoryEntry[], event: string, f: (e: HistoryEntry) => boolean = () => true) => h.filter((e) => e.event === event && f(e));
const attemptsTo = (h: readonly HistoryEntry[], id: string, from: Micros, to: Micros = Number.POSITIVE_INFINITY) =>
  at(h, "call-attempt", (e) => e.fields.instance === id && e.t >= from && e.t < to).length;
const clientViews = (h: readonly HistoryEntry[]) => at(h, "registry-view", (e) => e.fields.role === "client" && e.address === "c1/client");

describe("CP registry profiles: the unchanged proxy against etcd, ZooKeeper, Consul's catalog and Nacos persistent instances", () => {
  it("etcd (LeaseGrant: keys attached to an expired lease are deleted, with a delete event): an instance cut off from every server loses its key after the lease TTL, and the proxy's watch drops it", async () => {
    const sim = await run({ profile: "etcd", registry: { leaseTtlUs: "3s" }, faults: [{ at: 10 * SECOND, action: "partition", groups: [["b1"], ["r1", "r2", "r3", "b2", "b3", "c1"]] }] });
    const h = sim.history;
    expect(attemptsTo(h, "b1/api", 5 * SECOND, 10 * SECOND)).toBeGreaterThan(10);
    const revoked = at(h, "lease-revoked", (e) => e.fields.expired === true && (e.fields.keys as string[]).includes("/services/api/b1%2Fapi"));
    expect(revoked.length).toBeGreaterThan(0);
    // Expired by the leader's clock: no sooner than the TTL after the last keep-alive (sent every TTL/3).
    expect(revoked[0].t).toBeGreaterThan(12 * SECOND);
    expect(revoked[0].t).toBeLessThan(14 * SECOND);
    const dropped = clientViews(h).find((e) => e.t > 10 * SECOND && !(e.fields.ids as string[]).includes("b1/api"));
    expect(dropped!.t - revoked[0].t).toBeLessThan(100 * MS);
    expect(attemptsTo(h, "b1/api", dropped!.t + 50 * MS)).toBe(0);
  }, 60_000);

  it("etcd (writes need a majority): a backend beside a minority server cannot register while the partition lasts, and registers when it heals", async () => {
    const sim = await run({ profile: "etcd", registry: { leaseTtlUs: "3s" }, faults: [{ at: 0, action: "partition", groups: [["r1", "b1"], ["r2", "r3", "b2", "b3", "c1"]], duration: 15 * SECOND }] });
    expect(sim.result.metrics.counters["registry.client.register-refused"]).toBeGreaterThan(0);
    const h = sim.history;
    const firstWithB1 = clientViews(h).find((e) => (e.fields.ids as string[]).includes("b1/api"));
    expect(firstWithB1!.t).toBeGreaterThan(15 * SECOND);
    expect(attemptsTo(h, "b1/api", 0, 15 * SECOND)).toBe(0);
    expect(attemptsTo(h, "b1/api", 20 * SECOND)).toBeGreaterThan(10);
  }, 60_000);

  it("zookeeper (an ephemeral znode lives as long as its session): an instance cut off loses its znode when the leader expires its session, and the child watch drops it", async () => {
    const sim = await run({ profile: "zookeeper", registry: { sessionTimeoutUs: "4s" }, faults: [{ at: 10 * SECOND, action: "partition", groups: [["b1"], ["r1", "r2", "r3", "b2", "b3", "c1"]] }] });
    const h = sim.history;
    expect(attemptsTo(h, "b1/api", 5 * SECOND, 10 * SECOND)).toBeGreaterThan(10);
    const closed = at(h, "zk-deleted", (e) => e.fields.path === "/services/api/b1%2Fapi");
    expect(closed.length).toBeGreaterThan(0);
    // The session's timeout (4 s, within [2, 20] x tickTime) counted from the last ping the leader took.
    expect(closed[0].t).toBeGreaterThan(12 * SECOND);
    expect(closed[0].t).toBeLessThan(15 * SECOND);
    const dropped = clientViews(h).find((e) => e.t > 10 * SECOND && !(e.fields.ids as string[]).includes("b1/api"));
    expect(dropped!.t).toBeGreaterThan(closed[0].t);
    expect(attemptsTo(h, "b1/api", dropped!.t + 50 * MS)).toBe(0);
  }, 60_000);

  it("zookeeper (a server out of touch with the quorum refuses clients): a backend on the minority side cannot create its znode until the partition heals", async () => {
    const sim = await run({ profile: "zookeeper", registry: { sessionTimeoutUs: "4s" }, faults: [{ at: 0, action: "partition", groups: [["r1", "b1"], ["r2", "r3", "b2", "b3", "c1"]], duration: 15 * SECOND }] });
    const h = sim.history;
    expect(at(h, "zk-created", (e) => e.fields.path === "/services/api/b1%2Fapi" && e.t < 15 * SECOND)).toHaveLength(0);
    expect(attemptsTo(h, "b1/api", 20 * SECOND)).toBeGreaterThan(10);
  }, 60_000);

  it("consul (Consistency Modes: stale lets any server answer, arbitrarily stale): a client beside a minority server keeps getting its old list, with a dead instance in it", async () => {
    const faults = [{ at: 10 * SECOND, action: "partition", groups: [["r1", "c1"], ["r2", "r3", "b1", "b2", "b3"]] }, { at: 12 * SECOND, action: "crash", node: "b3" }] satisfies FaultSpec[];
    const stale = await run({ profile: "consul-catalog", registry: { checkTtlUs: "3s" }, client: { consistency: "stale" }, faults });
    const consistent = await run({ profile: "consul-catalog", registry: { checkTtlUs: "3s" }, client: { consistency: "consistent" }, faults });
    // The majority's leader lets b3's check go critical; r1 never hears of it and answers with b3.
    const critical = at(stale.history, "registry-view", (e) => e.fields.role === "server" && e.address !== "r1/store" && (e.fields.removed as string[]).includes("b3/api"));
    expect(critical[0].fields.cause).toBe("evict");
    expect(at(stale.history, "registry-view", (e) => e.address === "r1/store" && (e.fields.removed as string[]).includes("b3/api") && e.t < 30 * SECOND)).toHaveLength(0);
    expect(stale.result.metrics.counters["registry.client.fetch-failed"] ?? 0).toBe(0);
    expect(clientViews(stale.history).at(-1)!.fields.ids).toContain("b3/api");
    expect(attemptsTo(stale.history, "b3/api", 20 * SECOND)).toBeGreaterThan(10);
    // consistent (and default): the minority server is no leader, so every query fails there.
    expect(consistent.result.metrics.counters["registry.client.fetch-failed"]).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("consul (default mode: only a server that believes it leads answers, without a quorum round): a minority server that is not the leader refuses a default read", async () => {
    const faults = [{ at: 10 * SECOND, action: "partition", groups: [["r1", "c1"], ["r2", "r3", "b1", "b2", "b3"]] }] satisfies FaultSpec[];
    const sim = await run({ profile: "consul-catalog", registry: { checkTtlUs: "3s" }, faults });
    expect(sim.result.metrics.counters["registry.client.fetch-failed"]).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("nacos (ephemeral=false: a persistent instance is health-checked by the server and stays registered): a crashed instance is marked unhealthy and not routed to, then healthy again after its restart", async () => {
    const sim = await run({ profile: "nacos-persistent", faults: [{ at: 10 * SECOND, action: "crash", node: "b2", duration: 10 * SECOND }] });
    const h = sim.history;
    const verdicts = at(h, "nacos-health", (e) => e.fields.id === "b2/api");
    expect(verdicts.map((e) => e.fields.healthy)).toEqual([false, true]);
    expect(verdicts[0].t).toBeGreaterThan(10 * SECOND);
    expect(verdicts[0].t).toBeLessThan(12.5 * SECOND);
    const removed = at(h, "registry-view", (e) => e.fields.role === "server" && (e.fields.removed as string[]).includes("b2/api"));
    expect(new Set(removed.map((e) => e.fields.cause))).toEqual(new Set(["unhealthy"]));
    // Never deleted: no cancel, no expiry; the record was written once.
    expect(at(h, "kv-event", (e) => e.fields.type === "delete")).toHaveLength(0);
    expect(attemptsTo(h, "b2/api", verdicts[0].t + 50 * MS, verdicts[1].t)).toBe(0);
    expect(attemptsTo(h, "b2/api", verdicts[1].t + 100 * MS)).toBeGreaterThan(10);
  }, 60_000);

  it("nacos: backend nacos with ephemeral true is refused, naming the AP profile for ephemeral instances", () => {
    expect(() => registryClientOptions({ backend: "nacos" }, "backend b1/api")).toThrow(/ephemeral must be false with backend nacos/);
    expect(registryClientOptions({ profile: "nacos-persistent" }, "backend b1/api").ephemeral).toBe(false);
  });
});
