import { describe, expect, it } from "vitest";
import { AmqpQueue } from "./amqp-queue";
import { queueConfig } from "./queue-options";
import type { QueuedMessage } from "./queued-message";

const msg = (pos: number, expiresAt: number | null = null): QueuedMessage => ({
  id: `m${pos}`, key: null, routingKey: "q", pos, enqueuedAt: 0, expiresAt, persistent: true,
  redelivered: false, returns: 0, reconsumeTimes: 0, deaths: [],
});
const ids = (q: AmqpQueue) => q.ready.map((m) => m.id);

describe("AmqpQueue", () => {
  it("requeue puts a message back at its original position (RabbitMQ: nack requeue=true)", () => {
    const q = new AmqpQueue(queueConfig({ name: "q" }, "q"));
    for (let i = 1; i <= 4; i++) q.publish(msg(i));
    const first = q.take()!;
    const second = q.take()!;
    q.requeue(second, () => 99);
    q.requeue(first, () => 99);
    expect(ids(q)).toEqual(["m1", "m2", "m3", "m4"]);
  });

  it("a quorum queue without a delivery limit returns messages to the back", () => {
    let next = 10;
    const q = new AmqpQueue(queueConfig({ name: "q", type: "quorum", deliveryLimit: -1 }, "q"));
    for (let i = 1; i <= 3; i++) q.publish(msg(i));
    q.requeue(q.take()!, () => next++);
    expect(ids(q)).toEqual(["m2", "m3", "m1"]);
  });

  it("quorum queues default to a delivery limit of 20 (RabbitMQ 4.0), classic queues to none", () => {
    expect(queueConfig({ name: "q", type: "quorum" }, "q").deliveryLimit).toBe(20);
    expect(queueConfig({ name: "q" }, "q").deliveryLimit).toBe(-1);
  });

  it("x-max-length with drop-head pushes the oldest ready messages out", () => {
    const q = new AmqpQueue(queueConfig({ name: "q", maxLength: 2 }, "q"));
    q.publish(msg(1));
    q.publish(msg(2));
    const out = q.publish(msg(3));
    expect(out).toEqual({ accepted: true, dropped: [expect.objectContaining({ id: "m1" })] });
    expect(ids(q)).toEqual(["m2", "m3"]);
  });

  it("x-max-length with reject-publish refuses the new message and keeps the old", () => {
    const q = new AmqpQueue(queueConfig({ name: "q", maxLength: 2, overflow: "reject-publish" }, "q"));
    q.publish(msg(1));
    q.publish(msg(2));
    expect(q.publish(msg(3))).toEqual({ accepted: false, dropped: [] });
    expect(ids(q)).toEqual(["m1", "m2"]);
  });

  it("the length limit counts ready messages only: delivered ones make room", () => {
    const q = new AmqpQueue(queueConfig({ name: "q", maxLength: 1, overflow: "reject-publish" }, "q"));
    q.publish(msg(1));
    q.take();
    expect(q.publish(msg(2)).accepted).toBe(true);
  });

  it("TTL: expired messages leave from the head, in order", () => {
    const q = new AmqpQueue(queueConfig({ name: "q", messageTtl: 100 }, "q"));
    q.publish(msg(1, 100));
    q.publish(msg(2, 150));
    q.publish(msg(3, 200));
    expect(q.expire(160).map((m) => m.id)).toEqual(["m1", "m2"]);
    expect(q.nextExpiry()).toBe(200);
  });
});
