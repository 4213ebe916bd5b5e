import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { simulate } from "../../../engine/index";
import { SECOND } from "../../../engine/core/time";
import type { HistoryEntry } from "../../../engine/check/checker";
import type { Simulation } from "../../../engine/run-options";
import { expectEverySeedPasses, loadLibraryFile } from "../library-kit";

// The replicated stores' library: each test names the rule of ../shared/REFERENCE.md §7 it
// shows ([REDIS-R] replication, [REDIS-S] Sentinel, [MYSQL-SS] semi-synchronous replication),
// or the HBase rule of docs/stores.md [HBASE] (hbase-default.xml and the reference guide).
const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
const S = SECOND;

const load = (file: string, sets: string[] = []) => loadLibraryFile(dir, file, sets);
const run = (file: string, seed: number, sets: string[] = []) => simulate(load(file, sets).scenario, { seed });
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;
const ops = (sim: Simulation, pred: (h: HistoryEntry) => boolean) => sim.history.filter((h) => h.event === "op" && h.fields.type !== "invoke" && pred(h));
const record = (sim: Simulation, event: string, address?: string) => sim.history.filter((h) => h.event === event && (address === undefined || h.address === address));
/** The values of the acknowledged appends the final reads do not hold, with when each was acknowledged. */
const lostAppends = (sim: Simulation) => {
  const finals = new Map<string, Set<string>>();
  for (const h of ops(sim, (h) => h.fields.f === "read" && h.fields.type === "ok" && h.fields.final === true)) finals.set(String(h.fields.key), new Set(h.fields.value as string[]));
  return ops(sim, (h) => h.fields.f === "append" && h.fields.type === "ok" && !finals.get(String(h.fields.key))!.has(String(h.fields.value)));
};

describe("stores library: every scenario loads and passes over its seeds", () => {
  it("stores library: the scenarios are there", () => {
    expect(files).toEqual([
      "hbase-bug-paused-regionserver-serves.yaml", "hbase-paused-regionserver-fenced.yaml", "hbase-region-failover-crash.yaml",
      "mongo-w-majority.yaml", "mongo-w1-rollback.yaml",
      "mysql-semisync-after-commit-phantom-read.yaml", "mysql-semisync-after-sync-lossless.yaml", "mysql-semisync-timeout-fallback.yaml",
      "redis-failover-acked-write-lost.yaml", "redis-min-replicas-primary-isolated.yaml", "redis-wait-primary-isolated.yaml", "redis-wait-replica-partitioned.yaml",
    ]);
  });

  for (const file of files) {
    it(`stores library: ${file} passes for each of its seeds, with a description, a topic and narration that is shown`, async () => {
      const r = load(file);
      expect(r.scenario.description!.length).toBeGreaterThan(400);
      expect(r.scenario.tags?.topic).toBe("store");
      expect(r.scenario.narration!.length).toBeGreaterThanOrEqual(3);
      expect(r.seeds).toEqual([1, 2, 3]);
      await expectEverySeedPasses(file, r);
    }, 180_000);
  }
});

describe("stores library: what the Redis scenarios show, measured", () => {
  it("REDIS-R asynchronous replication: the writes lost at failover are c1's, acknowledged by the cut-off primary between the cut and its reconfiguration, and p's full resync discards exactly them", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("redis-failover-acked-write-lost.yaml", seed);
      const lost = lostAppends(sim);
      expect(lost.length, `seed ${seed}`).toBeGreaterThan(400);
      expect(lost.every((h) => h.address === "c1/client" && h.t >= 10 * S && h.t < 70 * S)).toBe(true);
      const resync = record(sim, "redis-full-resync", "p/redis");
      expect(resync.length).toBe(1);
      expect(resync[0].fields.discarded).toBe(lost.length);
      // Sentinel waited down-after-milliseconds (30 s) and 8 s more after the heal before it
      // turned the old primary into a replica: c1's writes were acknowledged until then.
      expect(resync[0].t).toBeGreaterThan(68 * S);
      expect(check(sim, "no-acknowledged-write-lost").findings[0].value).toBe(lost.length);
    }
  }, 180_000);

  it("REDIS-R WAIT: with the primary cut off alone, no acknowledged write is lost, but WAIT undoes nothing: c1 reads the unconfirmed appends, which the failover then drops", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("redis-wait-primary-isolated.yaml", seed);
      expect(lostAppends(sim), `seed ${seed}`).toEqual([]);
      const unconfirmed = ops(sim, (h) => h.address === "c1/client" && h.fields.f === "append" && h.t > 10.1 * S && h.t < 60 * S);
      expect(unconfirmed.every((h) => h.fields.type === "info" && h.fields.error === "WAIT 1 100 counted 0")).toBe(true);
      expect(check(sim, "no-read-of-lost-write").findings[0].value).toBeGreaterThan(50);
      expect(record(sim, "redis-full-resync", "p/redis")[0].fields.discarded).toBeGreaterThan(400);
    }
  }, 180_000);

  it("REDIS-R WAIT does not make Redis strongly consistent: every lost write was confirmed by WAIT 1 (r1 had it), and Sentinel promoted r2, the one replica it could see", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("redis-wait-replica-partitioned.yaml", seed);
      expect(record(sim, "sentinel-failover").map((h) => h.fields.to), `seed ${seed}`).toEqual(["r2/redis"]);
      const lost = lostAppends(sim);
      expect(lost.length).toBeGreaterThan(400);
      expect(lost.every((h) => h.address === "c1/client" && h.fields.type === "ok")).toBe(true);
      // p also drops the few appends whose WAIT it could not confirm (they were never acknowledged).
      expect(record(sim, "redis-full-resync", "p/redis")[0].fields.discarded).toBeGreaterThanOrEqual(lost.length);
      // r1, a replica of the wrong primary, is left alone for failover-timeout (180 s): it
      // still holds the confirmed writes, where no client reads them.
      expect(record(sim, "sentinel-reconfigure").map((h) => h.fields.server)).toEqual(["p/redis"]);
    }
  }, 180_000);

  it("REDIS-R min-replicas-to-write 1, min-replicas-max-lag 10: the loss is bounded to the writes acknowledged within about 10 s of the cut; later ones are refused with NOREPLICAS", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("redis-min-replicas-primary-isolated.yaml", seed);
      const lost = lostAppends(sim);
      expect(lost.length, `seed ${seed}`).toBeGreaterThan(50);
      expect(lost.every((h) => h.t >= 10 * S && h.t < 21 * S)).toBe(true);
      const refused = ops(sim, (h) => h.address === "c1/client" && h.fields.type === "fail" && h.fields.error === "NOREPLICAS");
      expect(refused[0].t).toBeGreaterThan(19 * S);
      expect(refused[0].t).toBeLessThan(21 * S);
      expect(refused.length).toBeGreaterThan(100);
    }
  }, 180_000);
});

describe("stores library: what the MySQL scenarios show, measured", () => {
  /** Values appended by commits invoked after `t`. */
  const appendedAfter = (sim: Simulation, t: number) => {
    const started = new Map(sim.history.filter((h) => h.event === "op" && h.fields.type === "invoke").map((h) => [`${h.address}#${String(h.fields.process)}`, h.t]));
    return new Set(ops(sim, (h) => h.fields.f === "append" && started.get(`${h.address}#${String(h.fields.process)}`)! >= t).map((h) => String(h.fields.value)));
  };
  const readsOf = (sim: Simulation, values: Set<string>, from: number, to: number) =>
    ops(sim, (h) => h.fields.f === "read" && h.fields.type === "ok" && h.t >= from && h.t < to).flatMap((h) => (h.fields.value as string[]).filter((v) => values.has(v)));

  it("MYSQL-SS AFTER_COMMIT: other sessions read commits made after the stream stopped, none of which is acknowledged, and all of which the failover loses; AFTER_SYNC: no one reads them", async () => {
    for (const seed of [1, 2, 3]) {
      const phantom = await run("mysql-semisync-after-commit-phantom-read.yaml", seed);
      const cutOff = appendedAfter(phantom, 10 * S);
      const seen = readsOf(phantom, cutOff, 10 * S, 15 * S);
      expect(seen.length, `seed ${seed}`).toBeGreaterThan(20);
      expect(ops(phantom, (h) => h.fields.f === "append" && h.fields.type === "ok" && h.t >= 10.01 * S && h.t < 15 * S)).toEqual([]);
      expect(lostAppends(phantom)).toEqual([]);
      const lossless = await run("mysql-semisync-after-sync-lossless.yaml", seed);
      expect(readsOf(lossless, appendedAfter(lossless, 10.01 * S), 10 * S, 15 * S)).toEqual([]);
      expect(record(lossless, "mysql-failover").map((h) => h.fields.to)).toEqual(["r1/mysql"]);
    }
  }, 180_000);

  it("MYSQL-SS rpl_semi_sync_source_timeout 10 s: during the replica's stall the source turns semi-sync off at 20 s and acknowledges alone; every commit acknowledged from then until the crash is lost", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("mysql-semisync-timeout-fallback.yaml", seed);
      const off = record(sim, "mysql-semisync", "m/mysql");
      expect(off.map((h) => h.fields.on), `seed ${seed}`).toEqual([false]);
      expect(off[0].t).toBeGreaterThan(19.9 * S);
      expect(off[0].t).toBeLessThan(20.2 * S);
      const lost = lostAppends(sim);
      expect(lost.length).toBeGreaterThan(500);
      expect(lost.every((h) => h.t >= off[0].t && h.t < 35 * S)).toBe(true);
      // The clients saw no error: every append they sent from 10 s to the crash was acknowledged or is in doubt (sent just before the crash).
      expect(ops(sim, (h) => h.fields.f === "append" && h.fields.type === "fail" && h.t < 35 * S)).toEqual([]);
    }
  }, 180_000);
});

describe("stores library: what the MongoDB scenarios show, measured", () => {
  it("MONGO w: 1 loses the writes the cut-off primary acknowledged before it stepped down; w: majority loses none, but readConcern local reads them", async () => {
    for (const seed of [1, 2, 3]) {
      const w1 = await run("mongo-w1-rollback.yaml", seed);
      const lost = lostAppends(w1);
      const down = record(w1, "mongo-stepdown", "p/mongo")[0];
      expect(lost.length, `seed ${seed}`).toBeGreaterThan(50);
      expect(lost.every((h) => h.address === "c1/client" && h.t >= 20 * S && h.t <= down.t)).toBe(true);
      expect(record(w1, "mongo-rollback", "p/mongo")[0].fields.entries).toBe(lost.length);
      const majority = await run("mongo-w-majority.yaml", seed);
      expect(lostAppends(majority)).toEqual([]);
      expect(check(majority, "no-read-of-lost-write").findings[0].value).toBeGreaterThan(5);
    }
  }, 180_000);
});

describe("stores library: what the HBase scenarios show, measured", () => {
  const rs1Puts = (sim: Simulation, from: number) => record(sim, "hbase-put", "rs1/rs").filter((h) => h.t >= from);
  const splitWals = (sim: Simulation) => new Set(record(sim, "hbase-wal-split").flatMap((h) => h.fields.wals as string[]));
  const gaps = (sim: Simulation) => check(sim, "region-unavailability").findings.slice(0, -1).map((f) => f.value!);

  it("HBASE zookeeper.session.timeout 90 s: a crashed region server's regions stay unavailable until its session expires (90 s after its last ping) and its WAL is split; then they reopen elsewhere with every acknowledged edit", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("hbase-region-failover-crash.yaml", seed);
      const crash = record(sim, "hbase-server-crash", "m/master");
      expect(crash.map((h) => h.fields.server), `seed ${seed}`).toEqual(["rs1,16020,0"]);
      // rs1 pinged every 30 s: its last ping was at most 30 s before the crash at 35 s.
      expect(crash[0].t - 35 * S).toBeGreaterThan(60 * S);
      expect(crash[0].t - 35 * S).toBeLessThan(90 * S);
      const split = record(sim, "hbase-wal-split", "m/master")[0];
      // The WAL held every write rs1 acknowledged (and the few it synced but could not answer before the crash).
      const acked = record(sim, "hbase-put", "rs1/rs").length;
      expect(Number(split.fields.edits)).toBeGreaterThanOrEqual(acked);
      expect(Number(split.fields.edits)).toBeLessThanOrEqual(acked + 5);
      const reopened = record(sim, "hbase-region-open").filter((h) => h.t > 35 * S);
      expect(reopened.map((h) => h.fields.region).sort()).toEqual(crash[0].fields.regions);
      expect(reopened.reduce((n, h) => n + Number(h.fields.edits), 0)).toBe(split.fields.edits);
      expect(lostAppends(sim)).toEqual([]);
      // Measured: the moved regions' gaps are the failover; the others' are the workload's noise.
      const [r0, r1, r2, r3] = gaps(sim);
      for (const g of [r0, r3]) { expect(g).toBeGreaterThan(crash[0].t - 35 * S); expect(g).toBeLessThan(crash[0].t - 35 * S + 5 * S); }
      for (const g of [r1, r2]) expect(g).toBeLessThan(5 * S);
    }
  }, 180_000);

  it("HBASE log splitting renames the WAL directory and recovers the WAL's lease: a GC-paused region server that wakes up after its regions moved gets its WAL appends refused and acknowledges no write", async () => {
    let refused = 0;
    for (const seed of [1, 2, 3]) {
      const sim = await run("hbase-paused-regionserver-fenced.yaml", seed);
      expect(record(sim, "hbase-wal-fenced").map((h) => h.fields.dir), `seed ${seed}`).toEqual(["/hbase/WALs/rs1,16020,0-splitting"]);
      // Whether a queued put reaches HDFS before rs1 hears its session expired depends on the seed; over these three it does.
      refused += sim.result.metrics.counters["hdfs.append.refused"] ?? 0;
      // rs1 may still answer a put whose WAL append HDFS took before the pause: that edit was split and replayed.
      expect(rs1Puts(sim, 35 * S).filter((h) => !splitWals(sim).has(String(h.fields.wal)))).toEqual([]);
      expect(record(sim, "hbase-rs-abort", "rs1/rs").length).toBe(1);
      expect(check(sim, "one-writer-per-region").findings[0].value).toBe(0);
      expect(lostAppends(sim)).toEqual([]);
    }
    expect(refused).toBeGreaterThan(0);
  }, 180_000);

  it("HBASE bug zoo serve-after-expiry: without the fence and the abort, the paused server acknowledges the queued puts for regions it lost, and every one of them is missing from the final state", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("hbase-bug-paused-regionserver-serves.yaml", seed);
      const late = rs1Puts(sim, 35 * S).filter((h) => !splitWals(sim).has(String(h.fields.wal)));
      expect(late.length, `seed ${seed}`).toBeGreaterThan(50);
      expect(late.every((h) => h.fields.wal === "/hbase/WALs/rs1,16020,0/rs1,16020,0.2")).toBe(true);
      expect(late.every((h) => h.t >= 75 * S)).toBe(true);
      expect(check(sim, "one-writer-per-region").findings[0].value).toBe(late.length);
      const lost = lostAppends(sim);
      expect(lost.length).toBeGreaterThan(50);
      expect(lost.every((h) => h.t >= 75 * S)).toBe(true);
    }
  }, 180_000);
});
