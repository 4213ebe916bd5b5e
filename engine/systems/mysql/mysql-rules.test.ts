import { describe, expect, it } from "vitest";
import { SECOND } from "../../core/time";
import { simulate } from "../../index";
import type { HistoryEntry } from "../../check/checker";
import type { FaultSpec } from "../../scenario";
import type { Simulation } from "../../run-options";
import { mysqlScenario } from "../../testing/kits/mysql-test-kit";

// Each test reproduces a rule of ../shared/REFERENCE.md §7 [MYSQL-SS] (MySQL 8.0 manual 19.4.10,
// "Semisynchronous Replication"), named in the test's title.
const S = SECOND;
type Args = Parameters<typeof mysqlScenario>[0];
const run = (a: Args): Promise<Simulation> => simulate(mysqlScenario(a), { recording: "off", keepHistory: true });
const ops = (sim: Simulation, pred: (h: HistoryEntry) => boolean) => sim.history.filter((h) => h.event === "op" && h.fields.type !== "invoke" && pred(h));
const invokes = (sim: Simulation) => new Map(sim.history.filter((h) => h.event === "op" && h.fields.type === "invoke").map((h) => [`${h.address}#${String(h.fields.process)}`, h.t]));
const records = (sim: Simulation, event: string) => sim.history.filter((h) => h.event === event);
const stall = (at: number, duration: number, to = "r1"): FaultSpec => ({ at, action: "cut", from: "m", to, duration });

describe("MySQL semisynchronous replication [MYSQL-SS]", () => {
  it("MYSQL-SS rpl_semi_sync_source_timeout (default 10000 ms): with no acknowledgement the commits wait 10 s, then all return OK and later ones do not wait (asynchronous)", async () => {
    for (const [source, waitS] of [[{}, 10], [{ rpl_semi_sync_source_timeout: 2000 }, 2]] as const) {
      const sim = await run({ duration: 40 * S, source, faults: [stall(5 * S, 20 * S)] });
      const off = records(sim, "mysql-semisync").filter((h) => h.address === "m/mysql" && h.fields.on === false);
      expect(off.length, JSON.stringify(source)).toBe(1);
      const started = invokes(sim);
      const appends = ops(sim, (h) => h.fields.f === "append" && h.fields.type === "ok");
      // The first commit after the cut waited the whole timeout; no commit failed.
      const firstWait = appends.filter((h) => started.get(`${h.address}#${String(h.fields.process)}`)! > 5 * S)[0];
      expect(firstWait.t - started.get(`${firstWait.address}#${String(firstWait.fields.process)}`)!).toBeGreaterThan((waitS - 0.2) * S);
      expect(off[0].t).toBeGreaterThan((5 + waitS - 0.2) * S);
      expect(off[0].t).toBeLessThan((5 + waitS + 0.2) * S);
      expect(ops(sim, (h) => h.fields.f === "append" && h.fields.type !== "ok")).toEqual([]);
      // Once off, commits return at once: the source acknowledges alone.
      const later = appends.filter((h) => { const t0 = started.get(`${h.address}#${String(h.fields.process)}`)!; return t0 > off[0].t + 1 * S && t0 < 24 * S; });
      expect(later.length).toBeGreaterThan(20);
      expect(later.every((h) => h.t - started.get(`${h.address}#${String(h.fields.process)}`)! < 10_000)).toBe(true);
    }
  });

  it("MYSQL-SS the source returns to semisynchronous replication when a semisynchronous replica catches up", async () => {
    const sim = await run({ duration: 40 * S, faults: [stall(5 * S, 15 * S)] });
    const changes = records(sim, "mysql-semisync").filter((h) => h.address === "m/mysql").map((h) => h.fields.on);
    expect(changes).toEqual([false, true]);
    const on = records(sim, "mysql-semisync").filter((h) => h.address === "m/mysql")[1];
    expect(on.t).toBeGreaterThan(20 * S);
    expect(on.t).toBeLessThan(22 * S);
  });

  it("MYSQL-SS wait point AFTER_SYNC: no other session reads a transaction before a replica acknowledged it; AFTER_COMMIT: other sessions read it at once", async () => {
    const cut = [stall(5 * S, 20 * S)];
    const appended = (sim: Simulation) => new Set(ops(sim, (h) => h.fields.f === "append" && invokes(sim).get(`${h.address}#${String(h.fields.process)}`)! > 5 * S).map((h) => String(h.fields.value)));
    const seenBeforeTimeout = (sim: Simulation) => {
      const after = appended(sim);
      return ops(sim, (h) => h.fields.f === "read" && h.fields.type === "ok" && h.t > 5.1 * S && h.t < 14.8 * S).flatMap((h) => h.fields.value as string[]).filter((v) => after.has(v)).length;
    };
    expect(seenBeforeTimeout(await run({ duration: 30 * S, faults: cut }))).toBe(0);
    expect(seenBeforeTimeout(await run({ duration: 30 * S, source: { rpl_semi_sync_source_wait_point: "AFTER_COMMIT" }, faults: cut }))).toBeGreaterThan(10);
  });

  it("MYSQL-SS rpl_semi_sync_source_wait_for_replica_count: with 2, one stalled replica of two makes every commit wait for the timeout; with the default 1 the other replica suffices", async () => {
    const one = await run({ duration: 20 * S, replicas: 2, faults: [stall(5 * S, 10 * S, "r2")] });
    expect(records(one, "mysql-semisync")).toEqual([]);
    const two = await run({ duration: 20 * S, replicas: 2, source: { rpl_semi_sync_source_wait_for_replica_count: 2 }, faults: [stall(5 * S, 10 * S, "r2")] });
    expect(records(two, "mysql-semisync").filter((h) => h.address === "m/mysql").map((h) => h.fields.on)).toEqual([false, true]);
  });

  it("MHA ping_interval 3 s, three failures: the manager promotes the replica that received the most within four ping intervals (12 s) of the crash, and clients follow it", async () => {
    const sim = await run({ duration: 40 * S, replicas: 2, client: { finalReadAt: 35 * S, socketTimeout: 2000 }, faults: [stall(5 * S, 30 * S, "r2"), { at: 10 * S, action: "crash", node: "m" }] });
    const f = records(sim, "mysql-failover");
    expect(f.map((h) => h.fields.to)).toEqual(["r1/mysql"]);
    expect(f[0].t).toBeGreaterThan(18 * S);
    expect(f[0].t).toBeLessThan(22.1 * S);
    expect(ops(sim, (h) => h.fields.f === "append" && h.fields.type === "ok" && h.t > f[0].t).length).toBeGreaterThan(20);
    // AFTER_SYNC with r1 acknowledging throughout: nothing acknowledged is lost.
    expect(sim.result.checks[0].status).toBe("held");
  });
});
