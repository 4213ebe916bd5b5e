import { describe, expect, it } from "vitest";
import { simulate } from "../../../index";
import { MS, SECOND } from "../../../core/time";
import type { HistoryEntry } from "../../../check/checker";
import type { Simulation } from "../../../run-options";
import type { FaultSpec } from "../../../scenario";
import { kafkaScenario } from "../kafka-scenario";

const events = (sim: Simulation, event: string, address?: string): HistoryEntry[] =>
  sim.history.filter((h) => h.event === event && (address === undefined || h.address === address));
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;

/** One consumer on one partition, crashed by a trigger inside its loop. */
const crashInLoop = (commit: string, on: "commit-offset" | "process", guarantee: string) => kafkaScenario({
  name: `crash-${commit}`, duration: 20 * SECOND, consumers: 1, topic: { partitions: 1 },
  producer: { count: 200, rate: 20 },
  consumer: { commit, processingTime: 20 * MS },
  triggers: [{ when: { on: "record", from: "c1/consumer", type: on, nth: 40 }, do: { action: "crash", node: "c1" }, duration: 2 * SECOND }],
  checks: [{ name: "no-acked-loss" }, { name: "all-accounted" }, { name: "duplicates", params: { guarantee } }],
});

describe("kafka consumer groups (REFERENCE §4)", () => {
  it("commit before processing (at-most-once): a crash between commit and processing loses the batch, and all-accounted catches it", async () => {
    const sim = await simulate(crashInLoop("before-process", "commit-offset", "at-most-once"));
    const lost = check(sim, "all-accounted");
    expect(lost.status).toBe("violated");
    expect(lost.violations[0].message).toMatch(/delivered to c1\/consumer .* but never processed, and the group committed offset \d+ past it/);
    expect(check(sim, "no-acked-loss").status).toBe("held");
    expect(check(sim, "duplicates").status).toBe("held");
  });

  it("process then commit (at-least-once): a crash between processing and commit processes it again, a duplicate at-least-once allows", async () => {
    const sim = await simulate(crashInLoop("after-process", "process", "at-least-once"));
    const dups = check(sim, "duplicates");
    expect(dups.status).toBe("held");
    expect(dups.findings[0].value).toBeGreaterThanOrEqual(1);
    expect(check(sim, "all-accounted").status).toBe("held");
    const crashed = events(sim, "process", "c1/consumer")[39].fields.id;
    expect(events(sim, "process").filter((p) => p.fields.id === crashed)).toHaveLength(2);
  });

  it("the same duplicate is a violation when the scenario claims exactly-once", async () => {
    const sim = await simulate(crashInLoop("after-process", "process", "exactly-once"));
    expect(check(sim, "duplicates").status).toBe("violated");
  });

  it("a crashed member is dropped when its session times out, and the survivor gets its partitions", async () => {
    const sim = await simulate(kafkaScenario({
      name: "rebalance-on-crash", duration: 30 * SECOND,
      faults: [{ at: 5 * SECOND, action: "crash", node: "c2", duration: 15 * SECOND }],
    }));
    const joins = events(sim, "group-joined", "c1/consumer");
    const takeover = joins.find((j) => j.t > 5 * SECOND)!;
    expect(takeover.fields.assignment).toEqual(["orders-0", "orders-1", "orders-2"]);
    // Dropped after the 3 s session timeout, not before.
    expect(takeover.t).toBeGreaterThan(7 * SECOND);
    expect(takeover.t).toBeLessThan(10 * SECOND);
    expect(events(sim, "group-joined", "c2/consumer").some((j) => j.t > 20 * SECOND)).toBe(true);
    expect(sim.result.passed).toBe(true);
  });

  it("a member that stops heartbeating (paused past its session) loses its partitions and rejoins when it resumes", async () => {
    const sim = await simulate(kafkaScenario({
      name: "rebalance-on-pause", duration: 30 * SECOND,
      faults: [{ at: 5 * SECOND, action: "pause", node: "c2", duration: 6 * SECOND }],
    }));
    const takeover = events(sim, "group-joined", "c1/consumer").find((j) => j.t > 5 * SECOND)!;
    expect(takeover.fields.assignment).toEqual(["orders-0", "orders-1", "orders-2"]);
    expect(takeover.t).toBeLessThan(11 * SECOND);
    const back = events(sim, "group-joined", "c2/consumer").find((j) => j.t > 11 * SECOND)!;
    expect((back.fields.assignment as string[]).length).toBeGreaterThan(0);
    expect(check(sim, "all-accounted").status).toBe("held");
    expect(check(sim, "no-acked-loss").status).toBe("held");
  });

  /** Half of the messages between the producer and the brokers are lost for 5 s. */
  const lossy: FaultSpec[] = ["b1", "b2", "b3"].flatMap((b) => [
    { at: 2 * SECOND, action: "link", from: "p1", to: b, link: { lossRatio: 0.5 }, duration: 5 * SECOND } as FaultSpec,
    { at: 2 * SECOND, action: "link", from: b, to: "p1", link: { lossRatio: 0.5 }, duration: 5 * SECOND } as FaultSpec,
  ]);
  const producerRetries = (enableIdempotence: boolean) => kafkaScenario({
    name: `idempotence-${enableIdempotence}`, duration: 30 * SECOND, faults: lossy,
    producer: { enableIdempotence, requestTimeout: 300 * MS, count: 300, rate: 30 },
    checks: [{ name: "no-acked-loss" }, { name: "duplicates", params: { guarantee: "exactly-once" } }, { name: "partition-order" }, { name: "all-accounted" }],
  });

  it("without idempotence, retried produce requests whose answers were lost write duplicates and reorder keys", async () => {
    const sim = await simulate(producerRetries(false));
    expect(check(sim, "duplicates").status).toBe("violated");
    expect(check(sim, "partition-order").status).toBe("violated");
    expect(check(sim, "no-acked-loss").status).toBe("held");
  });

  it("the idempotent producer (producer id + sequence) drops the duplicates and keeps each key in order", async () => {
    const sim = await simulate(producerRetries(true));
    expect(events(sim, "produce-ack").some((a) => a.fields.duplicate === true)).toBe(true);
    expect(check(sim, "duplicates").status).toBe("held");
    expect(check(sim, "partition-order").status).toBe("held");
    expect(check(sim, "no-acked-loss").status).toBe("held");
  });
});
