import { describe, expect, it } from "vitest";
import { simulate } from "../../../index";
import { SECOND } from "../../../core/time";
import type { HistoryEntry } from "../../../check/checker";
import type { Simulation } from "../../../run-options";
import { kafkaScenario } from "../kafka-scenario";

const events = (sim: Simulation, event: string): HistoryEntry[] => sim.history.filter((h) => h.event === event);
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;

/** b1 leads orders-0; its fetch answers to b2 and b3 are cut at 3 s, then it crashes at 4 s. */
const leaderCrashBeforeFollowersFetch = (acks: string) => kafkaScenario({
  name: `acks-${acks}-leader-crash`, duration: 25 * SECOND,
  topic: { partitions: 1 }, broker: { replicaLagTimeMax: 10 * SECOND },
  producer: { acks, count: 300, rate: 20 },
  faults: [
    { at: 3 * SECOND, action: "cut", from: "b1", to: "b2", duration: 3 * SECOND },
    { at: 3 * SECOND, action: "cut", from: "b1", to: "b3", duration: 3 * SECOND },
    { at: 4 * SECOND, action: "crash", node: "b1", duration: 8 * SECOND },
  ],
});

describe("kafka replication (REFERENCE §4)", () => {
  it("acks=1: the leader acknowledges what only it has; it crashes, a follower takes over, and no-acked-loss catches the loss", async () => {
    const sim = await simulate(leaderCrashBeforeFollowersFetch("1"));
    const loss = check(sim, "no-acked-loss");
    expect(loss.status).toBe("violated");
    // The lost records are exactly those acknowledged between the cut and the crash.
    for (const v of loss.violations) {
      const ack = sim.history[v.history[0]];
      expect(ack.event).toBe("produce-ack");
      expect(ack.t).toBeGreaterThanOrEqual(3 * SECOND);
      expect(ack.t).toBeLessThan(4 * SECOND);
    }
    expect(events(sim, "leader-elected").map((e) => e.fields.leader)).toEqual(["b2/broker"]);
  });

  it("acks=all under the same faults: nothing acknowledged is lost, the writes in doubt were never acknowledged", async () => {
    const sim = await simulate(leaderCrashBeforeFollowersFetch("all"));
    expect(check(sim, "no-acked-loss").status).toBe("held");
    expect(check(sim, "all-accounted").status).toBe("held");
    const acked = events(sim, "produce-ack");
    expect(acked.filter((a) => a.t >= 3 * SECOND && a.t < 4 * SECOND)).toHaveLength(0);
  });

  it("acks=all with min.insync.replicas=2 and one of two replicas down: the producer is refused with NOT_ENOUGH_REPLICAS", async () => {
    const sim = await simulate(kafkaScenario({
      name: "min-isr", duration: 20 * SECOND, brokers: 2,
      topic: { partitions: 1, minInsyncReplicas: 2 },
      producer: { acks: "all", retries: 0, count: 200, rate: 20 },
      faults: [{ at: 3 * SECOND, action: "crash", node: "b2", duration: 7 * SECOND }],
    }));
    const fenced = events(sim, "leader-elected").concat(events(sim, "isr-change")).find((e) => Array.isArray(e.fields.isr) && e.fields.isr.length === 1)!;
    const rejoined = events(sim, "isr-change").find((e) => e.t > fenced.t && (e.fields.isr as string[]).length === 2)!;
    const produced = new Map(events(sim, "produce").map((e) => [e.fields.id, e.t]));
    // Records produced once the ISR is down to one are refused up front.
    const refused = events(sim, "produce-error").filter((e) => produced.get(e.fields.id)! > fenced.t && e.t < rejoined.t);
    expect(refused.length).toBeGreaterThan(50);
    expect(new Set(refused.map((e) => e.fields.error))).toEqual(new Set(["NOT_ENOUGH_REPLICAS"]));
    // Those appended before the shrink fail too: timed out, or committed with too small an ISR.
    const earlier = events(sim, "produce-error").filter((e) => produced.get(e.fields.id)! <= fenced.t);
    for (const e of earlier) expect(["REQUEST_TIMED_OUT", "NOT_ENOUGH_REPLICAS_AFTER_APPEND", "NOT_ENOUGH_REPLICAS"]).toContain(e.fields.error);
    // While the ISR is one replica, nothing produced is acknowledged.
    expect(events(sim, "produce-ack").filter((a) => produced.get(a.fields.id)! > fenced.t + SECOND && a.t < rejoined.t)).toHaveLength(0);
    expect(check(sim, "no-acked-loss").status).toBe("held");
  });

  it("acks=all with the default min.insync.replicas=1 succeeds with the ISR that remains, just the leader", async () => {
    const sim = await simulate(kafkaScenario({
      name: "min-isr-1", duration: 20 * SECOND, brokers: 2,
      topic: { partitions: 1 },
      producer: { acks: "all", count: 200, rate: 20 },
      faults: [{ at: 3 * SECOND, action: "crash", node: "b2", duration: 7 * SECOND }],
    }));
    const shrunk = events(sim, "isr-change").find((e) => (e.fields.isr as string[]).length === 1)!;
    expect(shrunk.fields.isr).toEqual(["b1/broker"]);
    expect(events(sim, "produce-ack").filter((a) => a.t > shrunk.t && a.t < 10 * SECOND).length).toBeGreaterThan(50);
    expect(events(sim, "produce-error")).toHaveLength(0);
    expect(check(sim, "no-acked-loss").status).toBe("held");
  });

  /**
   * b2 falls out of the ISR behind a cut; b1 alone acknowledges acks=all writes, then crashes
   * until 20 s. The brokers fsync every append, so b1 comes back with its log: with Kafka's
   * default (no fsync) it would come back empty, and even the clean election would lose data.
   */
  const leaderAloneThenCrash = (unclean: boolean) => kafkaScenario({
    name: `unclean-${unclean}`, duration: 35 * SECOND, brokers: 2, broker: { flush: "every" },
    topic: { partitions: 1, uncleanLeaderElection: unclean },
    producer: { acks: "all", count: 500, rate: 20 },
    faults: [
      { at: 2 * SECOND, action: "cut", from: "b1", to: "b2", duration: 6 * SECOND },
      { at: 8 * SECOND, action: "crash", node: "b1", duration: 12 * SECOND },
    ],
  });

  it("unclean.leader.election.enable=false: with the only in-sync replica down, the partition stays offline rather than lose data", async () => {
    const sim = await simulate(leaderAloneThenCrash(false));
    const offline = events(sim, "partition-offline");
    expect(offline).toHaveLength(1);
    expect(offline[0].fields.isr).toEqual(["b1/broker"]);
    const elected = events(sim, "leader-elected");
    expect(elected.every((e) => e.fields.unclean === false)).toBe(true);
    expect(elected.at(-1)!.fields.leader).toBe("b1/broker");
    expect(elected.at(-1)!.t).toBeGreaterThanOrEqual(20 * SECOND);
    expect(events(sim, "produce-ack").filter((a) => a.t > offline[0].t && a.t < 20 * SECOND)).toHaveLength(0);
    expect(check(sim, "no-acked-loss").status).toBe("held");
    expect(check(sim, "all-accounted").status).toBe("held");
  });

  it("unclean.leader.election.enable=true: the out-of-sync replica is elected and what only the old leader had is lost", async () => {
    const sim = await simulate(leaderAloneThenCrash(true));
    const unclean = events(sim, "leader-elected").filter((e) => e.fields.unclean === true);
    expect(unclean).toHaveLength(1);
    expect(unclean[0].fields.leader).toBe("b2/broker");
    const loss = check(sim, "no-acked-loss");
    expect(loss.status).toBe("violated");
    const lostAckTimes = loss.violations.map((v) => sim.history[v.history[0]].t);
    expect(Math.min(...lostAckTimes)).toBeGreaterThanOrEqual(2 * SECOND);
    expect(Math.max(...lostAckTimes)).toBeLessThan(8 * SECOND);
    // b1 comes back and cuts the records b2 never had off its own log.
    expect(events(sim, "truncate").some((e) => e.address === "b1/broker")).toBe(true);
  });

  /** One broker, acks=all, consumers start after the crash: durability rests on fsync alone. */
  const singleReplica = (flush: string) => kafkaScenario({
    name: `flush-${flush}`, duration: 25 * SECOND, brokers: 1, consumerStart: 10 * SECOND,
    topic: { partitions: 1 }, broker: { flush },
    producer: { acks: "all", count: 200, rate: 20 },
    faults: [{ at: 5 * SECOND, action: "crash", node: "b1", duration: 2 * SECOND }],
  });

  it("flush: never (Kafka's default) on a single replica: a crash loses every acknowledged record in the page cache", async () => {
    const sim = await simulate(singleReplica("never"));
    const loss = check(sim, "no-acked-loss");
    expect(loss.status).toBe("violated");
    const lost = new Set(loss.violations.map((v) => sim.history[v.history[0]].fields.id));
    expect(lost.size).toBeGreaterThan(0);
  });

  it("flush: every on a single replica: acknowledged means synced, and the same crash loses nothing acknowledged", async () => {
    const sim = await simulate(singleReplica("every"));
    expect(check(sim, "no-acked-loss").status).toBe("held");
    expect(check(sim, "all-accounted").status).toBe("held");
    expect(events(sim, "produce-ack").length).toBeGreaterThan(150);
  });

  it("only committed records are consumable: what the leader alone holds waits for the followers", async () => {
    const sim = await simulate(kafkaScenario({
      name: "committed-only", duration: 15 * SECOND, topic: { partitions: 1 },
      producer: { acks: "1", count: 200, rate: 20 },
      faults: [
        { at: 3 * SECOND, action: "cut", from: "b1", to: "b2", duration: 2 * SECOND },
        { at: 3 * SECOND, action: "cut", from: "b1", to: "b3", duration: 2 * SECOND },
      ],
    }));
    const duringCut = events(sim, "produce-ack").filter((a) => a.t > 3.01 * SECOND && a.t < 5 * SECOND).map((a) => a.fields.id);
    expect(duringCut.length).toBeGreaterThan(20);
    const consumedAt = new Map(events(sim, "consume").map((c) => [c.fields.id, c.t]));
    for (const id of duringCut) expect(consumedAt.get(id)!).toBeGreaterThanOrEqual(5 * SECOND);
    expect(sim.result.passed).toBe(true);
  });

  it("acks=0 promises nothing: records sent to a leader that crashes vanish, and there is no acknowledgement to hold against it", async () => {
    const sim = await simulate(leaderCrashBeforeFollowersFetch("0"));
    expect(events(sim, "produce-ack")).toHaveLength(0);
    const produced = events(sim, "produce").map((p) => p.fields.id);
    const consumed = new Set(events(sim, "consume").map((c) => c.fields.id));
    expect(produced.filter((id) => !consumed.has(id)).length).toBeGreaterThan(10);
    expect(check(sim, "no-acked-loss").status).toBe("held");
    expect(check(sim, "all-accounted").status).toBe("held");
  });
});
