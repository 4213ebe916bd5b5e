import { describe, expect, it } from "vitest";
import { SECOND } from "../../core/time";
import { simulate } from "../../index";
import type { HistoryEntry } from "../../check/checker";
import type { FaultSpec } from "../../scenario";
import type { Simulation } from "../../run-options";
import { redisScenario } from "../../testing/kits/redis-test-kit";

// Each test reproduces a rule of ../shared/REFERENCE.md §7 ([REDIS-R] replication, [REDIS-S]
// Sentinel), named in the test's title.
const S = SECOND;
type Args = Parameters<typeof redisScenario>[0];
const run = (a: Args): Promise<Simulation> => simulate(redisScenario(a), { recording: "off", keepHistory: true });
const ops = (sim: Simulation, pred: (h: HistoryEntry) => boolean = () => true) => sim.history.filter((h) => h.event === "op" && h.fields.type !== "invoke" && pred(h));
const records = (sim: Simulation, event: string) => sim.history.filter((h) => h.event === event);
const isolate = (groups: string[][], at = 10 * S, duration = 20 * S): FaultSpec => ({ at, action: "partition", groups, duration });
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;

describe("Redis replication [REDIS-R]", () => {
  it("REDIS-R replication is asynchronous: a primary cut off from both replicas acknowledges every append at once", async () => {
    const sim = await run({ duration: 20 * S, sentinels: false, clients: ["c1"], faults: [isolate([["p", "c1"], ["r1", "r2"]], 5 * S, 10 * S)] });
    const appends = ops(sim, (h) => h.fields.f === "append");
    expect(appends.length).toBeGreaterThan(100);
    expect(appends.every((h) => h.fields.type === "ok")).toBe(true);
  });

  it("REDIS-R WAIT numreplicas timeout: with no replica in reach it returns fewer after the timeout, and the write stays on the primary (WAIT is no rollback)", async () => {
    const sim = await run({ duration: 20 * S, sentinels: false, clients: ["c1"], client: { "wait-numreplicas": 1, "wait-timeout": 200 }, faults: [isolate([["p", "c1"], ["r1", "r2"]], 5 * S, 10 * S)] });
    const during = ops(sim, (h) => h.fields.f === "append" && h.t > 5.5 * S && h.t < 15 * S);
    expect(during.length).toBeGreaterThan(50);
    expect(during.every((h) => h.fields.type === "info" && h.fields.error === "WAIT 1 200 counted 0")).toBe(true);
    // The unconfirmed appends are in the primary's lists: later reads return them.
    const unconfirmed = new Set(during.map((h) => String(h.fields.value)));
    const read = ops(sim, (h) => h.fields.f === "read" && h.fields.type === "ok" && h.t > 15 * S).flatMap((h) => h.fields.value as string[]);
    expect(read.filter((v) => unconfirmed.has(v)).length).toBeGreaterThan(10);
    // Before the cut, WAIT 1 is answered by a replica within a round trip.
    expect(ops(sim, (h) => h.fields.f === "append" && h.t < 5 * S).every((h) => h.fields.type === "ok")).toBe(true);
  });

  it("REDIS-R min-replicas-to-write 1 + min-replicas-max-lag: the primary refuses writes (NOREPLICAS) once no replica acknowledged within the lag, and not before", async () => {
    for (const lag of [3, 10]) {
      const sim = await run({ duration: 30 * S, sentinels: false, clients: ["c1"], server: { "min-replicas-to-write": 1, "min-replicas-max-lag": lag }, faults: [isolate([["p", "c1"], ["r1", "r2"]], 5 * S, 20 * S)] });
      const refused = ops(sim, (h) => h.fields.f === "append" && h.fields.type === "fail");
      expect(refused.every((h) => h.fields.error === "NOREPLICAS")).toBe(true);
      // Replicas acknowledge every second, so the last ack came within 1 s before the cut.
      expect(refused[0].t, `lag ${lag}`).toBeGreaterThan((5 + lag - 1) * S);
      expect(refused[0].t).toBeLessThan((5 + lag) * S + 50_000);
      const lastOk = ops(sim, (h) => h.fields.f === "append" && h.fields.type === "ok" && h.t < 25 * S).at(-1)!;
      expect(lastOk.t).toBeLessThan(refused[0].t);
    }
  });

  it("REDIS-R PSYNC: an old primary that rejoins gets a full resync and discards exactly the writes it acknowledged alone; the other replica continues partially from the promoted one", async () => {
    const sim = await run({ duration: 90 * S, client: { finalReadAt: 85 * S }, faults: [isolate([["p", "c1"], ["r1", "r2", "s1", "s2", "s3", "c2"]], 10 * S, 40 * S)] });
    const resync = records(sim, "redis-full-resync").filter((h) => h.address === "p/redis");
    expect(resync.length).toBe(1);
    const lost = check(sim, "no-acknowledged-write-lost");
    expect(lost.status).toBe("violated");
    expect(resync[0].fields.discarded).toBe(lost.findings[0].value);
    expect(sim.result.metrics.counters["redis.partial-resync"]).toBeGreaterThanOrEqual(1);
  });
});

describe("Redis Sentinel [REDIS-S]", () => {
  const cut = isolate([["p", "c1"], ["r1", "r2", "s1", "s2", "s3", "c2"]], 10 * S, 50 * S);

  it("REDIS-S down-after-milliseconds (default 30000): a sentinel deems the primary down 30 s after its last answer, and with 5000 after 5 s", async () => {
    for (const [config, after] of [[{}, 30], [{ "down-after-milliseconds": 5000 }, 5]] as const) {
      const sim = await run({ duration: 60 * S, sentinel: config, faults: [cut] });
      const sdown = records(sim, "sentinel-sdown").filter((h) => h.fields.server === "p/redis");
      expect(sdown.length).toBe(3);
      // INFO is polled every second: the last answer came up to 1 s before the cut, and the
      // verdict is made at the next poll.
      for (const h of sdown) {
        expect(h.t, JSON.stringify(config)).toBeGreaterThan((10 + after - 1) * S);
        expect(h.t).toBeLessThan((10 + after + 1) * S);
      }
    }
  });

  it("REDIS-S quorum: with quorum 3 and one sentinel cut off with the primary, the primary is never objectively down and nothing fails over", async () => {
    const sim = await run({ duration: 60 * S, sentinel: { quorum: 3, "down-after-milliseconds": 5000 }, faults: [isolate([["p", "s1", "c1"], ["r1", "r2", "s2", "s3", "c2"]], 10 * S, 40 * S)] });
    expect(records(sim, "sentinel-sdown").filter((h) => h.fields.server === "p/redis").map((h) => h.address)).toEqual(expect.arrayContaining(["s2/sentinel", "s3/sentinel"]));
    expect(records(sim, "sentinel-sdown").filter((h) => h.fields.server === "p/redis").length).toBe(2);
    expect(records(sim, "sentinel-odown")).toEqual([]);
    expect(records(sim, "sentinel-failover")).toEqual([]);
  });

  it("REDIS-S failover: one leader per epoch elected by a majority, which promotes the reachable replica with the largest offset; replica-priority 0 is never promoted", async () => {
    // r1 is cut off from the primary 5 s before the partition, so r2 has the larger offset.
    const early: FaultSpec = { at: 5 * S, action: "partition", groups: [["p", "r2", "s1", "s2", "s3", "c1", "c2"], ["r1"]], duration: 5 * S };
    const sim = await run({ duration: 60 * S, sentinel: { "down-after-milliseconds": 5000 }, faults: [early, isolate([["p", "c1"], ["r1", "r2", "s1", "s2", "s3", "c2"]], 10 * S, 40 * S)] });
    const failover = records(sim, "sentinel-failover");
    expect(failover.map((h) => h.fields.to)).toEqual(["r2/redis"]);
    const elected = records(sim, "sentinel-elected");
    expect(elected.length).toBe(1);
    expect(elected[0].fields.votes).toBeGreaterThanOrEqual(2);
    const prio = await run({ duration: 60 * S, sentinel: { "down-after-milliseconds": 5000 }, servers: { r2: { "replica-priority": 0 } }, faults: [early, isolate([["p", "c1"], ["r1", "r2", "s1", "s2", "s3", "c2"]], 10 * S, 40 * S)] });
    expect(records(prio, "sentinel-failover").map((h) => h.fields.to)).toEqual(["r1/redis"]);
  });

  it("REDIS-S the old primary rejoins as a replica of the new one, and clients that ask the sentinels follow the new primary", async () => {
    const sim = await run({ duration: 90 * S, sentinel: { "down-after-milliseconds": 5000 }, client: { finalReadAt: 85 * S }, faults: [cut] });
    const to = String(records(sim, "sentinel-failover")[0].fields.to);
    expect(records(sim, "redis-role").filter((h) => h.address === "p/redis").map((h) => h.fields)).toEqual([{ role: "slave", primary: to }]);
    // c2, beside the sentinels, writes successfully again within a few seconds of the failover.
    const failoverAt = records(sim, "sentinel-failover")[0].t;
    const c2ok = ops(sim, (h) => h.address === "c2/client" && h.fields.f === "append" && h.fields.type === "ok" && h.t > failoverAt);
    expect(c2ok[0].t - failoverAt).toBeLessThan(5 * S);
  });
});
