import { MQ_EVENTS } from "../mq-events";
import type { BrokerCore } from "../queue/broker-core";
import type { Delivery } from "../queue/consumer-registry";
import type { QueuedMessage } from "../queue/queued-message";
import type { ScheduledMessage } from "../queue/queue-store";
import { dlqQueue, goesToDlq, levelDelay, retryLevel, retryQueue } from "./delay-levels";

/** A consumer's request to send a failed message back (RocketMQ's CONSUMER_SEND_MSG_BACK). */
export interface SendBack {
  group: string;
  /** -1 means 16. */
  maxReconsumeTimes: number;
  /** 0 lets the broker choose `3 + reconsumeTimes`. */
  delayLevel: number;
}

/**
 * RocketMQ's handling of a message a consumer failed to consume: once its `reconsumeTimes` has
 * reached `maxReconsumeTimes` it goes to the group's dead-letter queue `%DLQ%<group>`; otherwise
 * it comes back on the group's retry queue `%RETRY%<group>` after the delay of level
 * `3 + reconsumeTimes`, with `reconsumeTimes` one higher. The delayed copy is written to disk, so
 * a broker restart does not lose it.
 */
export function sendBack(core: BrokerCore, d: Delivery, req: SendBack): void {
  const msg = d.msg;
  core.store.remove(d.sub.queue, msg);
  if (goesToDlq(msg.reconsumeTimes, req.maxReconsumeTimes)) {
    const dlq = dlqQueue(req.group);
    const copy: QueuedMessage = { ...msg, pos: core.nextPos(), enqueuedAt: core.rt.now(), redelivered: false, deaths: [{ queue: d.sub.queue, reason: "max-reconsume-times" }, ...msg.deaths] };
    core.enqueue(core.queue(dlq, true)!, copy);
    core.rt.metrics.count("mq.dead-letter");
    core.rt.record(MQ_EVENTS.deadLetter, { id: msg.id, queue: d.sub.queue, reason: "max-reconsume-times", to: [dlq], reconsumeTimes: msg.reconsumeTimes });
    return;
  }
  const levels = core.o.delayLevels;
  const level = retryLevel(msg.reconsumeTimes, levels.length, req.delayLevel);
  const delay = levelDelay(levels, level);
  const copy: QueuedMessage = { ...msg, pos: core.nextPos(), reconsumeTimes: msg.reconsumeTimes + 1, redelivered: false, returns: 0 };
  const entry: ScheduledMessage = { due: core.rt.now() + delay, queue: retryQueue(req.group), msg: copy };
  core.store.schedule(entry);
  void core.flusher.sync();
  core.rt.metrics.count("mq.retry");
  core.rt.record(MQ_EVENTS.retryScheduled, { id: msg.id, group: req.group, reconsumeTimes: msg.reconsumeTimes, level, delay, queue: entry.queue });
  arm(core, entry);
}

/** Sets the timer that moves a scheduled message onto its retry queue when it is due. */
export function arm(core: BrokerCore, entry: ScheduledMessage): void {
  core.rt.setTimer(Math.max(1, entry.due - core.rt.now()), () => {
    core.store.unschedule(entry.msg.pos);
    entry.msg.enqueuedAt = core.rt.now();
    core.enqueue(core.queue(entry.queue, true)!, entry.msg);
  }, "retry-due");
}
