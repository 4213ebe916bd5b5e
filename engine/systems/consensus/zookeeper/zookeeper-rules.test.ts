import { describe, expect, it } from "vitest";
import { simulate } from "../../../index";
import { MS, SECOND } from "../../../core/time";
import type { Simulation } from "../../../run-options";
import { negotiateSessionTimeout, resolveZkServerOptions } from "./zk-options";
import { ZK_CHECKS, zkScenario } from "./zk-scenario";
import type { ZkScenarioOptions } from "./zk-scenario";

const sim = (o: ZkScenarioOptions) => simulate(zkScenario(o), { recording: "off" });
const check = (s: Simulation, name: string) => s.result.checks.find((c) => c.name === name)!;
const failed = (s: Simulation) => s.result.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.violations[0]?.message}`);
const events = (s: Simulation, event: string, address?: string) => s.history.filter((h) => h.event === event && (address === undefined || h.address === address));

// The rules quoted are REFERENCE.md §3's ZooKeeper line (ZK-CODE, ZK-DOC).
describe("ZooKeeper rules (REFERENCE.md §3)", () => {
  it("ZooKeeper: session timeout clamped to [2, 20] x tickTime (code default tickTime 3000)", async () => {
    const d = resolveZkServerOptions({}, "test");
    expect(d.tickTimeUs).toBe(3000 * MS);
    expect([1 * SECOND, 6 * SECOND, 30 * SECOND, 60 * SECOND, 100 * SECOND].map((t) => negotiateSessionTimeout(t, d) / SECOND)).toEqual([6, 6, 30, 60, 60]);
    const own = resolveZkServerOptions({ tickTimeUs: "200ms", minSessionTimeoutUs: "1s" }, "test");
    expect(negotiateSessionTimeout(100 * MS, own)).toBe(1 * SECOND);
    // Through the service: tickTime 200 ms grants 400 ms for 100 ms and 4 s for 100 s.
    const s = await sim({ duration: 2 * SECOND, clients: [{ recipe: "member", sessionTimeoutUs: "100ms" }, { recipe: "member", sessionTimeoutUs: "100s" }, { recipe: "member", sessionTimeoutUs: "1500ms" }] });
    expect(Object.fromEntries(events(s, "zk-session").map((h) => [h.address, [h.fields.requested, h.fields.timeout]]))).toEqual({
      "c1/client": [100 * MS, 400 * MS], "c2/client": [100 * SECOND, 4 * SECOND], "c3/client": [1500 * MS, 1500 * MS],
    });
  });

  it("ZooKeeper: Ephemerals are deleted when the session ends: an isolated member's session expires after its timeout, its znode goes and the other members' child watches fire", async () => {
    const run = (bug: string) => sim({ duration: 8 * SECOND, server: { bug }, clients: [{ recipe: "member", sessionTimeoutUs: "2s" }, { recipe: "member", sessionTimeoutUs: "2s" }, { recipe: "member", sessionTimeoutUs: "2s" }], faults: [{ at: 2 * SECOND, action: "isolate", node: "c1", duration: 4 * SECOND }] });
    const s = await run("none");
    const mine = events(s, "zk-created", "z1/zk").find((h) => h.fields.path === "/members/c1-client")!;
    const closed = events(s, "zk-session-closed", "z1/zk").find((h) => h.fields.session === mine.fields.owner)!;
    expect(closed.fields.expired).toBe(true);
    // The last answered ping was sent at most a third of the timeout before the cut: expiry comes 1.3-2.3 s after it, by the leader's tick.
    expect(closed.t - 2 * SECOND).toBeGreaterThan(1300 * MS);
    expect(closed.t - 2 * SECOND).toBeLessThan(2400 * MS);
    expect(events(s, "zk-deleted", "z1/zk").some((h) => h.fields.path === "/members/c1-client" && h.t === closed.t)).toBe(true);
    const heard = events(s, "zk-watch-event").filter((h) => h.fields.path === "/members" && h.t >= closed.t && h.t < closed.t + 100 * MS);
    expect(new Set(heard.map((h) => h.address))).toEqual(new Set(["c2/client", "c3/client"]));
    // After the heal, c1 learns its session expired, opens a new one and registers again.
    expect(events(s, "zk-session-expired-seen", "c1/client")).toHaveLength(1);
    expect(events(s, "zk-member-registered", "c1/client")).toHaveLength(2);
    expect(failed(s)).toEqual([]);
    const buggy = await run("ephemeral-survives-expiry");
    expect(check(buggy, "ephemerals-die-with-session").violations[0].message).toMatch(/^z\d\/zk expired session \d+ at .* but its ephemeral \/members\/c1-client survived$/);
  });

  it("ZooKeeper: Standard watches fire once (3.6 adds persistent): every registration fires at most once; a server that never clears them fires again", async () => {
    const clients = [0, 1, 2, 3].map(() => ({ recipe: "lock-herd", sessionTimeoutUs: "2s", holdUs: "100ms", thinkUs: "50ms" }));
    const s = await sim({ duration: 5 * SECOND, clients });
    expect(check(s, "watch-fires-once").findings![0].value).toBeGreaterThan(50);
    expect(failed(s)).toEqual([]);
    const buggy = await sim({ duration: 5 * SECOND, server: { bug: "watch-not-cleared" }, clients });
    expect(check(buggy, "watch-fires-once").violations[0].message).toMatch(/^watch z\d\/zk@0#\d+ on \/lock fired again at z\d\/zk/);
  });

  it("ZooKeeper: A server cut off from the majority drops non-read-only clients (CP): the minority's clients are refused, the majority's go on", async () => {
    const kv = { recipe: "kv", sessionTimeoutUs: "2s" };
    const s = await sim({ servers: 5, colocated: true, duration: 7 * SECOND, server: { syncLimit: 2 }, clients: [kv, kv, kv, kv, kv], faults: [{ at: 2 * SECOND, action: "partition", groups: [["n1", "n2"], ["n3", "n4", "n5"]], duration: 3 * SECOND }] });
    const ops = (nodes: string[], type: string, from: number, to: number) => s.history.filter((h) => h.event === "op" && h.fields.type === type && nodes.includes(h.node) && h.t > from && h.t < to);
    // After syncLimit (2 ticks of 200 ms) without a quorum, nothing on the minority side succeeds.
    expect(ops(["n1", "n2"], "ok", 2600 * MS, 5 * SECOND)).toEqual([]);
    expect(ops(["n1", "n2"], "fail", 2600 * MS, 5 * SECOND).some((h) => h.fields.error === "not-connected")).toBe(true);
    expect(ops(["n3", "n4", "n5"], "ok", 2600 * MS, 5 * SECOND).length).toBeGreaterThan(50);
    expect(ops(["n1", "n2"], "ok", 6 * SECOND, 7 * SECOND).length).toBeGreaterThan(10);
    expect(failed(s)).toEqual([]);
  });
});

describe("ZooKeeper: reads, sync and recipes", () => {
  // n1 leads (its election timeout is the shortest) and n3 hears it 60 ms late, so n3's reads lag.
  const lagging = (sync: boolean): ZkScenarioOptions => ({
    colocated: true, duration: 5 * SECOND,
    server: (i) => (i === 0 ? { electionTimeoutMin: "150ms", electionTimeoutMax: "151ms" } : { electionTimeoutMin: "250ms", electionTimeoutMax: "400ms" }),
    clients: [0, 1, 2].map(() => ({ recipe: "kv", sessionTimeoutUs: "2s", keyCount: 1, sync })),
    checks: [...ZK_CHECKS, { name: "fresh-reads" }, { name: "linearizable", params: { model: "kv" } }],
  });
  const withLag = (o: ZkScenarioOptions) => { const sc = zkScenario(o); sc.network = { ...sc.network, links: [{ from: "n1", to: "n3", latency: { dist: "constant", value: 60 * MS } }] }; return simulate(sc, { recording: "off" }); };

  it("ZooKeeper: a plain read at a lagging follower can be stale (sequential consistency only); sync + read sees every write acknowledged before it began and is linearizable", async () => {
    const plain = await withLag(lagging(false));
    expect(check(plain, "fresh-reads").violations[0].message).toMatch(/^n3\/client/);
    expect(check(plain, "linearizable").status).toBe("violated");
    const synced = await withLag(lagging(true));
    expect(failed(synced)).toEqual([]);
    expect(check(synced, "fresh-reads").findings![0].message).toMatch(/^\d{2,} get\(s\) checked, 0 stale$/);
  });

  it("ZooKeeper: sequential znodes get a ten-digit suffix from the parent's cversion; the lock recipe wakes one waiter per release, the herd wakes them all", async () => {
    const clients = (recipe: string) => [0, 1, 2, 3, 4].map(() => ({ recipe, sessionTimeoutUs: "2s", holdUs: "100ms", thinkUs: "50ms" }));
    const recipe = await sim({ duration: 6 * SECOND, clients: clients("lock") });
    const herd = await sim({ duration: 6 * SECOND, clients: clients("lock-herd") });
    expect(events(recipe, "zk-created", "z1/zk").map((h) => String(h.fields.path)).filter((p) => p.startsWith("/lock/")).every((p) => /-lock-\d{10}$/.test(p))).toBe(true);
    const perTake = (s: Simulation) => s.result.metrics.counters["zk.watch.events"] / s.result.metrics.counters["zk.lock.acquired"];
    expect(perTake(recipe)).toBeLessThan(1.2);
    expect(perTake(herd)).toBeGreaterThan(3);
    expect([...failed(recipe), ...failed(herd)]).toEqual([]);
  });
});
