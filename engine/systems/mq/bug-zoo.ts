import { MS, SECOND } from "../../core/time";
import type { Scenario, Seed } from "../../scenario";
import { kafkaScenario } from "./kafka-scenario";

/** The message queue bugs a scenario can switch on. */
export type MqBug = "ack-before-sync" | "commit-before-process";

/** Every message queue bug, with what it breaks, how a run shows it, and which checker catches it. */
export const MQ_BUGS: Record<MqBug, { where: "kafka-broker" | "kafka-consumer"; breaks: string; shows: string; caughtBy: string }> = {
  "ack-before-sync": {
    where: "kafka-broker",
    breaks: "With `flush: every`, the broker acknowledges an append before its fsync has finished.",
    shows: "A crash inside the fsync loses records the producer was told are durable; the restarted broker " +
      "reuses their offsets for new records, and consumers read those instead.",
    caughtBy: "no-acked-loss",
  },
  "commit-before-process": {
    where: "kafka-consumer",
    breaks: "The consumer claims at-least-once (`commit: after-process`) but commits a batch's offsets before processing it.",
    shows: "A crash between the commit and the processing skips the batch: the group's committed offset lies " +
      "past messages nobody processed.",
    caughtBy: "all-accounted",
  },
};

/**
 * A run in which the random crash nemesis can expose a bug, with `bug: null` for the correct
 * component under the very same faults.
 * - ack-before-sync: one broker (so durability rests on fsync alone) that syncs every append on a
 *   slow disk (20 ms an fsync, a busy network block device, so that an fsync is nearly always under way), a producer sending 50 messages a second
 *   with acks=all, and a nemesis crashing the broker every 4 s on average, for 12 s.
 * - commit-before-process: two consumers in a group that claims at-least-once, 20 ms to process
 *   a message, and a nemesis crashing a consumer every 4 s on average, for 12 s.
 */
export function mqBugZooScenario(bug: MqBug, enabled: boolean, seed: Seed): Scenario {
  const nemesis = (targets: string[]) => ({
    mix: { crash: 1 },
    interval: { dist: "exponential" as const, mean: 4 * SECOND },
    duration: { dist: "uniform" as const, min: 500 * MS, max: 2 * SECOND },
    until: 12 * SECOND,
    targets,
  });
  if (bug === "ack-before-sync") {
    return kafkaScenario({
      name: enabled ? "kafka-bug-ack-before-sync" : "kafka-single-broker-fsync-under-crashes",
      seed, duration: 20 * SECOND, brokers: 1, topic: { partitions: 1 },
      broker: { flush: "every", flushLatency: 20 * MS, bug: enabled ? bug : "none" },
      producer: { acks: "all", count: 700, rate: 50 },
      nemesis: nemesis(["b1"]),
    });
  }
  return kafkaScenario({
    name: enabled ? "kafka-bug-commit-before-process" : "kafka-at-least-once-under-crashes",
    seed, duration: 20 * SECOND,
    producer: { count: 300, rate: 20 },
    consumer: { commit: "after-process", processingTime: 20 * MS, bug: enabled ? bug : "none" },
    nemesis: nemesis(["c1", "c2"]),
    checks: [{ name: "no-acked-loss" }, { name: "duplicates", params: { guarantee: "at-least-once" } }, { name: "partition-order" }, { name: "all-accounted" }],
  });
}
