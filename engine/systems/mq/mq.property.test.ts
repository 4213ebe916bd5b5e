import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { run } from "../../index";
import { kafkaScenario } from "./kafka-scenario";
import { queueScenario } from "./queue-scenario";

const nemesis = (targets: string[]) => ({
  mix: { crash: 1, partition: 1, pause: 1, loss: 1 },
  interval: { dist: "exponential" as const, mean: 3 * SECOND },
  duration: { dist: "uniform" as const, min: 500 * MS, max: 3 * SECOND },
  until: 15 * SECOND, targets,
});

describe("message queues under a random nemesis", () => {
  it("property: the same seed gives the same trace, and correctly configured queues keep every promise", async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), async (seed, kafka) => {
      // acks=all, min.insync.replicas=2, fsync on every append, at-least-once consumers; durable
      // queues with confirms and manual acks: nothing acknowledged may be lost, whatever strikes.
      const s = kafka
        ? kafkaScenario({ seed, duration: 25 * SECOND, topic: { minInsyncReplicas: 2 }, broker: { flush: "every" }, producer: { count: 300, rate: 20 }, consumer: { commit: "after-process" }, nemesis: nemesis(["b1", "b2", "b3", "c1", "c2"]) })
        : queueScenario({ seed, duration: 25 * SECOND, publisher: { count: 300, rate: 20, retries: 3 }, consumer: { prefetch: 5 }, nemesis: nemesis(["mq", "c1", "c2", "p1"]) });
      const a = await run(s);
      const b = await run(s);
      expect(a.traceHash).toBe(b.traceHash);
      expect(a.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.violations[0]?.message}`)).toEqual([]);
    }), { numRuns: 8 });
  }, 300_000);
});
