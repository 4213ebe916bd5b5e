import { describe, expect, it } from "vitest";
import { simulate } from "../../../index";
import { MS, SECOND } from "../../../core/time";
import type { HistoryEntry } from "../../../check/checker";
import type { Simulation } from "../../../run-options";
import { queueScenario } from "../queue-scenario";

const events = (sim: Simulation, event: string, address?: string): HistoryEntry[] =>
  sim.history.filter((h) => h.event === event && (address === undefined || h.address === address));
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;
const withDlx = { queues: [{ name: "work", deadLetterExchange: "dlx" }, { name: "dead" }], exchanges: [{ name: "dlx", type: "fanout", bindings: ["dead"] }] };

describe("queue broker (REFERENCE §4, RabbitMQ)", () => {
  it("nack with requeue=false dead-letters the message through the DLX with reason rejected", async () => {
    const sim = await simulate(queueScenario({
      broker: withDlx, consumer: { failKeys: ["k3"], onFailure: "nack" }, deadLetterQueue: "dead",
    }));
    const dead = events(sim, "dead-letter");
    expect(dead).toHaveLength(20);
    for (const d of dead) expect(d.fields).toMatchObject({ queue: "work", reason: "rejected", to: ["dead"] });
    const atDlq = events(sim, "consume", "d1/consumer");
    expect(atDlq.map((c) => c.fields.id)).toEqual(dead.map((d) => d.fields.id));
    expect(new Set(atDlq.map((c) => c.fields.deathReason))).toEqual(new Set(["rejected"]));
    expect(sim.result.passed).toBe(true);
  });

  it("reject with requeue=false and no dead-letter exchange discards the message", async () => {
    const sim = await simulate(queueScenario({ consumer: { failKeys: ["k3"], onFailure: "reject" } }));
    expect(events(sim, "dead-letter")).toHaveLength(0);
    const discarded = events(sim, "discard");
    expect(discarded).toHaveLength(20);
    expect(discarded[0].fields).toMatchObject({ queue: "work", reason: "rejected", why: "no dead-letter exchange" });
  });

  /** The largest number of deliveries a consumer held unacknowledged at once. */
  const maxOutstanding = (sim: Simulation, address: string) => {
    let open = 0;
    let max = 0;
    for (const h of sim.history) {
      if (h.address !== address) continue;
      if (h.event === "consume") max = Math.max(max, ++open);
      else if (h.event === "process" || h.event === "process-fail") open--;
    }
    return max;
  };

  it("prefetch 3 caps a consumer's unacknowledged deliveries at 3; prefetch 0 does not cap them", async () => {
    const slow = (prefetch: number) => queueScenario({ consumers: 1, publisher: { count: 100, rate: 50 }, consumer: { prefetch, processingTime: 100 * MS } });
    const capped = await simulate(slow(3));
    expect(maxOutstanding(capped, "c1/consumer")).toBe(3);
    const unlimited = await simulate(slow(0));
    expect(maxOutstanding(unlimited, "c1/consumer")).toBeGreaterThan(20);
    expect(capped.result.passed && unlimited.result.passed).toBe(true);
  });

  it("a consumer's connection lost (its machine crashed): after the heartbeat timeout its unacked deliveries go to another consumer with redelivered=true", async () => {
    const sim = await simulate(queueScenario({
      consumer: { prefetch: 10, processingTime: 200 * MS },
      faults: [{ at: 5 * SECOND, action: "crash", node: "c1", duration: 20 * SECOND }],
    }));
    const closed = events(sim, "connection-closed");
    expect(closed).toHaveLength(1);
    // Detected by the 2 s heartbeat timeout, not at once.
    expect(closed[0].t).toBeGreaterThan(6.5 * SECOND);
    expect(closed[0].t).toBeLessThan(8.5 * SECOND);
    const requeued = closed[0].fields.requeued as string[];
    expect(requeued.length).toBe(10);
    const redelivered = events(sim, "consume", "c2/consumer").filter((c) => requeued.includes(c.fields.id as string));
    expect(redelivered).toHaveLength(10);
    for (const c of redelivered) expect(c.fields).toMatchObject({ redelivered: true, deliveryCount: 1 });
    expect(check(sim, "all-accounted").status).toBe("held");
  });

  it("a consumer that restarts reconnects at once, and the broker requeues the old connection's deliveries without waiting for the timeout", async () => {
    const sim = await simulate(queueScenario({
      broker: { heartbeat: 60 * SECOND }, consumers: 1,
      consumer: { prefetch: 5, processingTime: 200 * MS, heartbeat: 60 * SECOND },
      faults: [{ at: 5 * SECOND, action: "crash", node: "c1", duration: 1 * SECOND }],
    }));
    const closed = events(sim, "connection-closed");
    expect(closed).toHaveLength(1);
    expect(closed[0].t).toBeLessThan(6.1 * SECOND);
    expect(closed[0].fields.why).toMatch(/connected again/);
    const again = events(sim, "consume").filter((c) => c.t > 6 * SECOND && (closed[0].fields.requeued as string[]).includes(c.fields.id as string));
    expect(again.every((c) => c.fields.redelivered === true)).toBe(true);
    expect(again.length).toBe((closed[0].fields.requeued as string[]).length);
  });

  it("autoAck: delivered counts as done once sent, so a consumer crash loses what it had not processed, and what was on its way to it", async () => {
    const sim = await simulate(queueScenario({
      consumer: { autoAck: true, prefetch: 0, processingTime: 100 * MS },
      publisher: { count: 150, rate: 30 },
      faults: [{ at: 3 * SECOND, action: "crash", node: "c1", duration: 2 * SECOND }],
    }));
    const lost = check(sim, "all-accounted");
    expect(lost.status).toBe("violated");
    expect(lost.violations[0].message).toMatch(/delivered 1 time\(s\) but never processed/);
    expect(events(sim, "connection-closed")[0].fields.requeued).toEqual([]);
    // Deliveries pushed to the dead machine before the heartbeat timeout never arrived at all:
    // with autoAck the broker forgot them as it sent them, so even the broker's promise is gone.
    const loss = check(sim, "no-acked-loss");
    expect(loss.status).toBe("violated");
    const consumed = new Set(events(sim, "consume").map((c) => c.fields.id));
    for (const v of loss.violations) expect(consumed.has(sim.history[v.history[0]].fields.id)).toBe(false);
  });

  it("message TTL: messages nobody consumes in time are dead-lettered with reason expired", async () => {
    const sim = await simulate(queueScenario({
      consumers: 0, deadLetterQueue: "dead", publisher: { count: 10, rate: 10 },
      broker: { ...withDlx, queues: [{ name: "work", messageTtl: 500 * MS, deadLetterExchange: "dlx" }, { name: "dead" }] },
    }));
    const dead = events(sim, "dead-letter");
    expect(dead).toHaveLength(10);
    for (const d of dead) expect(d.fields.reason).toBe("expired");
    const produced = new Map(events(sim, "produce-ack").map((p) => [p.fields.id, p.t]));
    for (const d of dead) expect(d.t - produced.get(d.fields.id)!).toBeGreaterThanOrEqual(490 * MS);
    expect(sim.result.passed).toBe(true);
  });

  it("x-max-length with drop-head dead-letters the oldest with reason maxlen; with reject-publish the publisher gets a nack", async () => {
    const dropHead = await simulate(queueScenario({
      consumers: 0, deadLetterQueue: "dead", publisher: { count: 10, rate: 10 },
      broker: { ...withDlx, queues: [{ name: "work", maxLength: 4, deadLetterExchange: "dlx" }, { name: "dead" }] },
    }));
    expect(events(dropHead, "dead-letter").map((d) => d.fields.reason)).toEqual(Array(6).fill("maxlen"));
    expect(events(dropHead, "dead-letter").map((d) => d.fields.id)).toEqual([0, 1, 2, 3, 4, 5].map((n) => `p1/publisher#0:${n}`));
    const reject = await simulate(queueScenario({
      consumers: 0, publisher: { count: 10, rate: 10 },
      broker: { queues: [{ name: "work", maxLength: 4, overflow: "reject-publish" }] },
    }));
    expect(events(reject, "produce-ack")).toHaveLength(4);
    expect(events(reject, "produce-error").map((e) => e.fields.error)).toEqual(Array(6).fill("REJECTED"));
  });

  it("a quorum queue's default delivery limit of 20: a poison message requeued by nack is delivered 21 times, then dead-lettered with reason delivery_limit", async () => {
    const sim = await simulate(queueScenario({
      consumers: 1, deadLetterQueue: "dead", publisher: { count: 1, rate: 10 },
      broker: { ...withDlx, queues: [{ name: "work", type: "quorum", deadLetterExchange: "dlx" }, { name: "dead" }] },
      consumer: { failKeys: ["k0"], onFailure: "nack-requeue" },
    }));
    const deliveries = events(sim, "consume", "c1/consumer");
    expect(deliveries).toHaveLength(21);
    expect(deliveries.map((d) => d.fields.deliveryCount)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(deliveries.slice(1).every((d) => d.fields.redelivered === true)).toBe(true);
    expect(events(sim, "dead-letter").map((d) => d.fields.reason)).toEqual(["delivery_limit"]);
  });

  it("a classic queue has no delivery limit: the poison message comes back for ever", async () => {
    const sim = await simulate(queueScenario({
      consumers: 1, duration: 5 * SECOND, publisher: { count: 1, rate: 10 },
      consumer: { failKeys: ["k0"], onFailure: "nack-requeue", processingTime: 10 * MS },
    }));
    expect(events(sim, "consume").length).toBeGreaterThan(100);
    expect(events(sim, "dead-letter")).toHaveLength(0);
  });

  /**
   * The broker crashes the moment the 50th confirm reaches the publisher (its fsync takes 20 ms);
   * the consumer is slower than the publisher, so that message is still in the queue.
   */
  const crashAtConfirm = (broker: Record<string, unknown>) => queueScenario({
    consumers: 1, consumer: { processingTime: 100 * MS, prefetch: 1 }, publisher: { count: 100, rate: 20 },
    broker: { flushLatency: 20 * MS, ...broker },
    triggers: [{ when: { on: "record", from: "p1/publisher", type: "produce-ack", nth: 50 }, do: { action: "crash", node: "mq" }, duration: 1 * SECOND }],
  });

  it("publisher confirms wait for the fsync: a broker crash right after a confirm loses nothing confirmed", async () => {
    const sim = await simulate(crashAtConfirm({}));
    expect(check(sim, "no-acked-loss").status).toBe("held");
    expect(check(sim, "all-accounted").status).toBe("held");
  });

  it("bug zoo: a broker that confirms before its fsync (ack-before-sync) loses confirmed messages in the same crash", async () => {
    const sim = await simulate(crashAtConfirm({ bug: "ack-before-sync" }));
    expect(check(sim, "no-acked-loss").status).toBe("violated");
  });

  it("transient messages (persistent: false) are confirmed without touching the disk and die with the broker", async () => {
    const sim = await simulate(queueScenario({
      consumers: 1, duration: 20 * SECOND, publisher: { count: 100, rate: 20, persistent: false },
      consumer: { processingTime: 200 * MS, prefetch: 1 },
      faults: [{ at: 3 * SECOND, action: "crash", node: "mq", duration: 1 * SECOND }],
    }));
    expect(check(sim, "no-acked-loss").status).toBe("violated");
  });
});
