import { describe, expect, it } from "vitest";
import { simulate } from "../../index";
import type { Json } from "../../core/json";
import { MS, SECOND } from "../../core/time";
import type { Micros } from "../../core/time";
import type { Runtime } from "../../node/runtime-api";
import type { Simulation } from "../../run-options";
import { etcdScenario } from "./consensus-scenario";
import type { EtcdScenarioOptions } from "./consensus-scenario";
import { ETCD_MSG } from "./kv-state-machine";

type Body = Record<string, Json>;

/** Calls the leader, following not-leader hints, until it answers or `deadline` passes. */
async function leaderCall(rt: Runtime, type: string, body: Json, deadline: Micros = rt.now() + 5 * SECOND): Promise<Body> {
  let to = "n1/etcd";
  const all = ["n1/etcd", "n2/etcd", "n3/etcd"];
  while (rt.now() < deadline) {
    try { return await rt.call<Body>(to, type, body, { timeout: 300 * MS }); } catch (e) {
      const hint = (e as { detail?: { leader?: string | null } }).detail?.leader;
      to = hint && hint !== to ? hint : all[(all.indexOf(to) + 1) % all.length];
      await rt.sleep(20 * MS);
    }
  }
  throw new Error(`${type}: no leader answered`);
}

/** An etcd cluster of three and, on n1, a process running `script` (its records land in the history). */
function withScript(script: (rt: Runtime) => Promise<void>, o: EtcdScenarioOptions = {}) {
  const sc = etcdScenario({ clients: 0, duration: 10 * SECOND, ...o });
  sc.processes.push({ node: "n1", name: "script", factory: (rt: Runtime) => ({ start: () => script(rt) }) } as never);
  return simulate(sc, { recording: "off" });
}
const recs = (s: Simulation, event: string) => s.history.filter((h) => h.event === event);

// The rules quoted are REFERENCE.md's etcd lines (§3 registry, §6 consensus; ETCD).
describe("etcd rules (REFERENCE.md §3 and §6)", () => {
  it("etcd: a lease expires without keepAlive within its TTL; its keys are deleted (delete events)", async () => {
    const s = await withScript(async (rt) => {
      await rt.sleep(1 * SECOND);
      const lease = await leaderCall(rt, ETCD_MSG.leaseGrant, { ttl: 1 * SECOND });
      await leaderCall(rt, ETCD_MSG.put, { key: "svc/a", value: "10.0.0.1", lease: lease.id });
      rt.record("granted", { id: lease.id });
      await rt.call("n2/etcd", ETCD_MSG.watch, { key: "svc/a", from: 0, to: rt.address }, { timeout: SECOND });
      await rt.sleep(2 * SECOND);
      rt.record("read", { value: (await leaderCall(rt, ETCD_MSG.get, { key: "svc/a" })).value });
    }, { duration: 5 * SECOND });
    const granted = recs(s, "granted")[0];
    const revoked = recs(s, "lease-revoked").find((h) => h.node === "n1")!;
    expect(revoked.fields.expired).toBe(true);
    expect(revoked.fields.keys).toEqual(["svc/a"]);
    // Expiry by the leader's clock: after the TTL, within one lease check (100 ms) and a commit.
    expect(revoked.t - granted.t).toBeGreaterThan(1 * SECOND - 50 * MS);
    expect(revoked.t - granted.t).toBeLessThan(1 * SECOND + 200 * MS);
    expect(recs(s, "kv-event").filter((h) => h.fields.type === "delete" && h.fields.key === "svc/a").map((h) => h.node).sort()).toEqual(["n1", "n2", "n3"]);
    expect(recs(s, "read")[0].fields.value).toBeNull();
  });

  it("etcd: leases with TTL and keep-alive: keep-alives within the TTL keep the lease and its keys", async () => {
    const s = await withScript(async (rt) => {
      await rt.sleep(1 * SECOND);
      const lease = await leaderCall(rt, ETCD_MSG.leaseGrant, { ttl: 500 * MS });
      await leaderCall(rt, ETCD_MSG.put, { key: "svc/a", value: "x", lease: lease.id });
      for (let i = 0; i < 20; i++) { await rt.sleep(200 * MS); await leaderCall(rt, ETCD_MSG.leaseKeepAlive, { id: lease.id }); }
      rt.record("read", { value: (await leaderCall(rt, ETCD_MSG.get, { key: "svc/a" })).value });
    }, { duration: 6 * SECOND });
    expect(recs(s, "lease-revoked")).toEqual([]);
    expect(recs(s, "read")[0].fields.value).toBe("x");
  });

  it("etcd: a new leader extends leases: a leader crash pushes expiry to a whole TTL after the new leader's election", async () => {
    let crashAt = 0;
    const probe = await withScript(async () => {}, { duration: 1 * SECOND });
    const first = recs(probe, "raft-leader")[0].node;
    const s = await withScript(async (rt) => {
      await rt.sleep(1 * SECOND);
      const lease = await leaderCall(rt, ETCD_MSG.leaseGrant, { ttl: 1 * SECOND });
      await leaderCall(rt, ETCD_MSG.put, { key: "svc/a", value: "x", lease: lease.id });
    }, { duration: 6 * SECOND, faults: [{ at: (crashAt = 1500 * MS), action: "crash", node: first, duration: 4 * SECOND }] });
    const second = recs(s, "raft-leader").find((h) => h.t > crashAt)!;
    const revoked = recs(s, "lease-revoked").find((h) => h.node === second.node)!;
    expect(revoked.t - second.t).toBeGreaterThanOrEqual(1 * SECOND);
    expect(revoked.t - second.t).toBeLessThan(1 * SECOND + 300 * MS);
  });

  it("etcd: watches from a revision: a watch started at an old revision gets every later event of its key, in revision order", async () => {
    const s = await withScript(async (rt) => {
      await rt.sleep(1 * SECOND);
      const revs: number[] = [];
      for (let i = 0; i < 5; i++) revs.push(Number((await leaderCall(rt, ETCD_MSG.put, { key: "k", value: i })).rev));
      // Long enough for n3 to apply the five puts: the watch is served from its own state.
      await rt.sleep(200 * MS);
      const w = await rt.call<Body>("n3/etcd", ETCD_MSG.watch, { key: "k", from: revs[2], to: rt.address }, { timeout: SECOND });
      rt.record("backlog", { revs: (w.events as Body[]).map((e) => e.rev), want: revs.slice(2) });
    }, { duration: 3 * SECOND });
    const b = recs(s, "backlog")[0].fields;
    expect(b.revs).toEqual(b.want);
  });

  it("etcd: compaction cancels watches on compacted revisions", async () => {
    const s = await withScript(async (rt) => {
      await rt.sleep(1 * SECOND);
      let first = 0;
      // More events than the 5,000 the store keeps, 100 at a time.
      for (let i = 0; i < 52; i++) {
        const r = await Promise.all(Array.from({ length: 100 }, (_, j) => leaderCall(rt, ETCD_MSG.put, { key: `k${j % 7}`, value: i })));
        if (i === 0) first = Math.min(...r.map((x) => Number(x.rev)));
      }
      const w = await rt.call<Body>("n1/etcd", ETCD_MSG.watch, { key: "k1", from: first, to: rt.address }, { timeout: SECOND });
      rt.record("watch", { canceled: w.canceled ?? false, compactRevision: w.compactRevision ?? 0, from: first });
    }, { duration: 30 * SECOND });
    const w = recs(s, "watch")[0].fields;
    expect(w.canceled).toBe(true);
    expect(Number(w.compactRevision)).toBeGreaterThan(Number(w.from));
  }, 120_000);

  it("etcd: The minority side is unavailable and a minority leader steps down (etcd profile: check-quorum)", async () => {
    const probe = await simulate(etcdScenario({ profile: "etcd", duration: 3 * SECOND }), { recording: "off" });
    const first = recs(probe, "raft-leader")[0].node;
    const s = await simulate(etcdScenario({ profile: "etcd", duration: 9 * SECOND, faults: [{ at: 3 * SECOND, action: "isolate", node: first, duration: 5 * SECOND }] }), { recording: "off" });
    const down = recs(s, "raft-step-down").find((h) => h.node === first)!;
    expect(down.fields.reason).toBe("check-quorum");
    expect(down.t - 3 * SECOND).toBeLessThan(2100 * MS);
    const ok = (node: string) => s.history.filter((h) => h.event === "op" && h.fields.type === "ok" && h.node === node && h.fields.f !== "get" && h.t > 3100 * MS && h.t < 8 * SECOND);
    expect(ok(first)).toEqual([]);
    expect(ok(["n1", "n2", "n3"].find((n) => n !== first)!).length).toBeGreaterThan(20);
    expect(s.result.passed).toBe(true);
  });
});
