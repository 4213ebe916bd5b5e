import { describe, expect, it } from "vitest";
import { simulate } from "../../../index";
import { MINUTE, MS, SECOND } from "../../../core/time";
import type { HistoryEntry } from "../../../check/checker";
import type { Simulation } from "../../../run-options";
import { queueScenario } from "../queue-scenario";
import { ROCKETMQ_DELAY_LEVELS, parseDelayLevels } from "./delay-levels";

const events = (sim: Simulation, event: string, address?: string): HistoryEntry[] =>
  sim.history.filter((h) => h.event === event && (address === undefined || h.address === address));
const levels = parseDelayLevels(ROCKETMQ_DELAY_LEVELS, "test");

/** One poison message (key k0), a consumer in group `g` that sends failures back, and a DLQ reader. */
const poison = (maxReconsumeTimes: number, duration: number) => queueScenario({
  name: "rocketmq-poison", duration, consumers: 1, publisher: { count: 1, rate: 10 },
  consumer: { group: "g", failKeys: ["k0"], onFailure: "send-back", maxReconsumeTimes, processingTime: 5 * MS },
  deadLetterQueue: "%DLQ%g",
});

describe("RocketMQ retries (REFERENCE §4)", () => {
  it("a poison message is retried 16 times (maxReconsumeTimes -1) at levels 3..18, 10s, 30s, 1m ... 2h, then goes to %DLQ%<group>", async () => {
    const sim = await simulate(poison(-1, 5 * 60 * MINUTE));
    const deliveries = events(sim, "consume", "c1/consumer");
    expect(deliveries.map((d) => d.fields.reconsumeTimes)).toEqual(Array.from({ length: 17 }, (_, i) => i));
    expect(deliveries.slice(1).every((d) => d.fields.queue === "%RETRY%g")).toBe(true);
    const scheduled = events(sim, "retry-scheduled");
    expect(scheduled.map((s) => s.fields.level)).toEqual(Array.from({ length: 16 }, (_, r) => 3 + r));
    expect(scheduled.slice(0, 3).map((s) => s.fields.delay)).toEqual([10 * SECOND, 30 * SECOND, 1 * MINUTE]);
    // Each retry arrives its level's delay after the failure was sent back (plus a few ms of network).
    const fails = events(sim, "process-fail");
    for (let r = 0; r < 16; r++) {
      const gap = deliveries[r + 1].t - fails[r].t;
      expect(gap).toBeGreaterThanOrEqual(levels[2 + r]);
      expect(gap).toBeLessThan(levels[2 + r] + 20 * MS);
    }
    const dead = events(sim, "dead-letter");
    expect(dead).toHaveLength(1);
    expect(dead[0].fields).toMatchObject({ reason: "max-reconsume-times", to: ["%DLQ%g"], reconsumeTimes: 16, queue: "%RETRY%g" });
    expect(events(sim, "consume", "d1/consumer").map((d) => d.fields.id)).toEqual([deliveries[0].fields.id]);
    expect(sim.result.passed).toBe(true);
  }, 60_000);

  it("maxReconsumeTimes 3: three retries (10s, 30s, 1m), and the fourth failure goes to the DLQ", async () => {
    const sim = await simulate(poison(3, 5 * MINUTE));
    expect(events(sim, "consume", "c1/consumer")).toHaveLength(4);
    expect(events(sim, "retry-scheduled").map((s) => s.fields.delay)).toEqual([10 * SECOND, 30 * SECOND, 1 * MINUTE]);
    expect(events(sim, "dead-letter").map((d) => d.fields.reconsumeTimes)).toEqual([3]);
  });

  it("a scheduled retry survives a broker restart: it is on disk and re-armed", async () => {
    const s = poison(3, 5 * MINUTE);
    s.faults = [{ at: 12 * SECOND, action: "crash", node: "mq", duration: 2 * SECOND }];
    const sim = await simulate(s);
    const deliveries = events(sim, "consume", "c1/consumer");
    expect(deliveries.map((d) => d.fields.reconsumeTimes)).toEqual([0, 1, 2, 3]);
    expect(events(sim, "dead-letter")).toHaveLength(1);
  });
});
