import type { Json } from "../../../core/json";
import type { Micros } from "../../../core/time";
import type { Disk } from "../../../node/runtime-api";
import type { QueuedMessage } from "./queued-message";

/** A message waiting for its retry delay (RocketMQ's SCHEDULE_TOPIC). */
export interface ScheduledMessage {
  due: Micros;
  queue: string;
  msg: QueuedMessage;
}

const pad = (n: number) => String(n).padStart(12, "0");

/**
 * The queue broker's disk: persistent messages of durable queues under `q/<queue>/<pos>`, and
 * scheduled retries under `sched/<pos>`. Writes are not synced here; the broker syncs before it
 * confirms a publish, and everything else (acks, delivery counts) rides on the next sync, so a
 * crash may bring back a message that was acknowledged, as RabbitMQ's may.
 */
export class QueueStore {
  constructor(private readonly disk: Disk) {}

  save(queue: string, msg: QueuedMessage): void {
    this.disk.write(this.key(queue, msg.pos), msg as unknown as Json);
  }

  remove(queue: string, msg: QueuedMessage): void {
    const k = this.key(queue, msg.pos);
    if (this.disk.read(k) !== undefined) this.disk.delete(k);
  }

  /** Whether `msg` is on disk in `queue`. */
  has(queue: string, msg: QueuedMessage): boolean {
    return this.disk.read(this.key(queue, msg.pos)) !== undefined;
  }

  schedule(s: ScheduledMessage): void {
    this.disk.write(`sched/${pad(s.msg.pos)}`, s as unknown as Json);
  }

  unschedule(pos: number): void {
    this.disk.delete(`sched/${pad(pos)}`);
  }

  /** Every stored message by queue, in position order. */
  recover(): Map<string, QueuedMessage[]> {
    const out = new Map<string, QueuedMessage[]>();
    for (const k of this.disk.keys("q/")) {
      const queue = decodeURIComponent(k.slice(2, k.lastIndexOf("/")));
      const msg = this.disk.read<Json>(k) as unknown as QueuedMessage;
      const list = out.get(queue) ?? [];
      list.push(msg);
      out.set(queue, list);
    }
    return out;
  }

  /** Every scheduled retry, in position order. */
  scheduled(): ScheduledMessage[] {
    return this.disk.keys("sched/").map((k) => this.disk.read<Json>(k) as unknown as ScheduledMessage);
  }

  /** The largest position on disk, so a restarted broker numbers on from there. */
  maxPos(): number {
    let max = 0;
    for (const list of this.recover().values()) for (const m of list) max = Math.max(max, m.pos);
    for (const s of this.scheduled()) max = Math.max(max, s.msg.pos);
    return max;
  }

  private key(queue: string, pos: number): string {
    return `q/${encodeURIComponent(queue)}/${pad(pos)}`;
  }
}
