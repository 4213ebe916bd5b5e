import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { simulate } from "../../../engine/index";
import { SECOND } from "../../../engine/core/time";
import type { HistoryEntry } from "../../../engine/check/checker";
import type { Simulation } from "../../../engine/run-options";
import { expectEverySeedPasses, loadLibraryFile } from "../library-kit";

const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();

/** Loads a library file with the built-in catalogs, failing the test with the loader's errors. */
const load = (file: string, sets: string[] = []) => loadLibraryFile(dir, file, sets);

const run = async (file: string, sets: string[] = [], seed?: number) => {
  const r = load(file, sets);
  return simulate(r.scenario, { seed: seed ?? r.seeds![0] });
};
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;
const events = (sim: Simulation, event: string, address?: string): HistoryEntry[] =>
  sim.history.filter((h) => h.event === event && (address === undefined || h.address === address));

describe("mq library: every scenario loads and passes over its seeds", () => {
  it("mq library: the ten scenarios are there", () => {
    expect(files).toEqual([
      "kafka-acks-all-min-isr.yaml", "kafka-acks1-leader-crash.yaml", "kafka-at-least-once-duplicate.yaml", "kafka-at-most-once-loss.yaml",
      "kafka-bug-ack-before-sync.yaml", "kafka-bug-commit-before-process.yaml", "kafka-rebalance-partition.yaml", "kafka-unclean-leader-election.yaml",
      "rabbitmq-prefetch-redelivery.yaml", "rocketmq-poison-retry.yaml",
    ]);
  });

  for (const file of files) {
    it(`mq library: ${file} passes for each of its seeds, with a description and narration that is all shown`, async () => {
      const r = load(file);
      expect(r.scenario.description!.length).toBeGreaterThan(400);
      expect(r.scenario.narration!.length).toBeGreaterThanOrEqual(2);
      await expectEverySeedPasses(file, r);
    }, 120_000);
  }
});

describe("mq library: what the scenarios show, measured", () => {
  it("kafka-acks1-leader-crash: exactly the records acknowledged between the cut and the crash are lost; acks=all loses none", async () => {
    const sim = await run("kafka-acks1-leader-crash.yaml");
    const acks = check(sim, "no-acked-loss").violations.map((v) => sim.history[v.history[0]].t);
    expect(acks.length).toBeGreaterThan(5);
    expect(Math.min(...acks)).toBeGreaterThanOrEqual(3 * SECOND);
    expect(Math.max(...acks)).toBeLessThan(4 * SECOND);
    const safe = await run("kafka-acks1-leader-crash.yaml", ["workload.config.acks=all"]);
    expect(check(safe, "no-acked-loss").status).toBe("held");
  });

  it("kafka-acks-all-min-isr: once the ISR is one replica, acks=all writes are refused with NOT_ENOUGH_REPLICAS; with min.insync.replicas=1 they succeed", async () => {
    const sim = await run("kafka-acks-all-min-isr.yaml");
    const shrink = events(sim, "isr-change")[0];
    const produced = new Map(events(sim, "produce").map((p) => [p.fields.id, p.t]));
    const later = events(sim, "produce-error").filter((e) => produced.get(e.fields.id)! > shrink.t + SECOND && e.t < 10 * SECOND);
    expect(later.length).toBeGreaterThan(50);
    expect(new Set(later.map((e) => e.fields.error))).toEqual(new Set(["NOT_ENOUGH_REPLICAS"]));
    const relaxed = await run("kafka-acks-all-min-isr.yaml", ["services.0.config.topics.0.minInsyncReplicas=1"]);
    expect(events(relaxed, "produce-error").every((e) => e.fields.error !== "NOT_ENOUGH_REPLICAS")).toBe(true);
  });

  it("kafka-at-least-once-duplicate: the 40th processed record is processed a second time, nothing is lost", async () => {
    const sim = await run("kafka-at-least-once-duplicate.yaml");
    const fortieth = events(sim, "process")[39].fields.id;
    expect(events(sim, "process").filter((p) => p.fields.id === fortieth)).toHaveLength(2);
    expect(check(sim, "duplicates").violations.map((v) => sim.history[v.history[0]].fields.id)).toEqual([fortieth]);
    expect(check(sim, "all-accounted").status).toBe("held");
  });

  it("kafka-at-most-once-loss: the lost records were delivered to c1 before the crash, and committed past", async () => {
    const sim = await run("kafka-at-most-once-loss.yaml");
    const crash = sim.result.faults[0].t;
    for (const v of check(sim, "all-accounted").violations) {
      expect(v.message).toMatch(/delivered to c1\/consumer .* but never processed/);
      const id = sim.history[v.history[0]].fields.id;
      expect(events(sim, "consume").find((c) => c.fields.id === id)!.t).toBeLessThanOrEqual(crash);
    }
  });

  it("kafka-unclean-leader-election: b2 is elected unclean and b1 truncates; without unclean election the partition waits offline for b1", async () => {
    const sim = await run("kafka-unclean-leader-election.yaml");
    expect(events(sim, "leader-elected").map((e) => [e.fields.leader, e.fields.unclean])).toEqual([["b2/broker", true]]);
    expect(events(sim, "truncate", "b1/broker")).toHaveLength(1);
    const clean = await run("kafka-unclean-leader-election.yaml", ["services.0.config.uncleanLeaderElection=false"]);
    expect(events(clean, "partition-offline")).toHaveLength(1);
    expect(events(clean, "leader-elected").map((e) => e.fields.leader)).toEqual(["b1/broker"]);
    expect(check(clean, "no-acked-loss").status).toBe("held");
  });

  it("kafka-rebalance-partition: generation 3 leaves c3 out, generation 4 takes it back, and the zombie's work shows as duplicates", async () => {
    const sim = await run("kafka-rebalance-partition.yaml");
    const gen = (g: number) => Object.fromEntries(events(sim, "group-joined").filter((j) => j.fields.generation === g).map((j) => [j.address, (j.fields.assignment as string[]).length]));
    expect(gen(3)).toEqual({ "c1/consumer": 3, "c2/consumer": 3 });
    expect(gen(4)).toEqual({ "c1/consumer": 2, "c2/consumer": 2, "c3/consumer": 2 });
    expect(check(sim, "duplicates").findings[0].value).toBeGreaterThan(10);
  });

  it("rabbitmq-prefetch-redelivery: the 10 deliveries c1 held are requeued after the heartbeat timeout and reach c2 marked redelivered", async () => {
    const sim = await run("rabbitmq-prefetch-redelivery.yaml");
    const closed = events(sim, "connection-closed");
    expect(closed.map((c) => (c.fields.requeued as string[]).length)).toEqual([10]);
    expect(closed[0].t - 5 * SECOND).toBeGreaterThan(1 * SECOND);
    const again = events(sim, "consume", "c2/consumer").filter((c) => (closed[0].fields.requeued as string[]).includes(c.fields.id as string));
    expect(again.map((c) => c.fields.redelivered)).toEqual(Array(10).fill(true));
  });

  it("rocketmq-poison-retry: each poison message is dead-lettered 17140 s (4h45m40s) after its first failure, plus its processing and round trips", async () => {
    const sim = await run("rocketmq-poison-retry.yaml");
    for (const d of events(sim, "dead-letter")) {
      const first = events(sim, "process-fail").find((f) => f.fields.id === d.fields.id)!;
      const elapsed = d.t - first.t;
      expect(elapsed).toBeGreaterThanOrEqual(17_140 * SECOND);
      expect(elapsed).toBeLessThan(17_141 * SECOND);
    }
  });

  it("the bug zoo's minimal runs hold once the bug is switched off", async () => {
    expect((await run("kafka-bug-ack-before-sync.yaml", ["services.2.config.bug=none"])).result.checks.find((c) => c.name === "no-acked-loss")!.status).toBe("held");
    expect((await run("kafka-bug-commit-before-process.yaml", ["services.3.config.bug=none"])).result.checks.find((c) => c.name === "all-accounted")!.status).toBe("held");
  });
});
