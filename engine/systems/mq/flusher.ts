import type { Micros } from "../../core/time";
import type { Runtime, TimerId } from "../../node/runtime-api";
import { resumingNow } from "./resume-now";

/**
 * When a broker forces its log to disk (Kafka's `log.flush.interval.messages`):
 * - `every`: after every append, before the write counts (RabbitMQ confirms persistent messages
 *   only once they are on disk; Kafka with `log.flush.interval.messages=1`);
 * - `messages` (a number N): after every N appends, so up to N-1 acknowledged records live only
 *   in the page cache;
 * - `never`: Kafka's default (`Long.MAX_VALUE`): it relies on replication, not fsync, and a crash
 *   loses every record that only the page cache held.
 */
export type FlushPolicy = { kind: "every" } | { kind: "messages"; n: number } | { kind: "never" };

/** Reads a flush policy from config: `"every"`, `"never"` or a number of messages. */
export function flushPolicyValue(value: unknown, where: string, fallback: FlushPolicy): FlushPolicy {
  if (value === undefined || value === null) return fallback;
  if (value === "every" || value === 1) return { kind: "every" };
  if (value === "never") return { kind: "never" };
  if (typeof value === "number" && Number.isInteger(value) && value > 1) return { kind: "messages", n: value };
  throw new Error(`${where}: expected "every", "never" or a whole number of messages (2 or more), got ${JSON.stringify(value)}`);
}

/**
 * Group commit on the process's disk. An fsync takes `latency`; every append that asks for
 * durability while one is in progress is made durable by the same sync, as a real log's flusher
 * batches them. A crash before the sync completes loses the appends, and leaves their waiters
 * waiting forever, which is right: that incarnation's code has stopped.
 */
export class Flusher {
  private waiters: Array<() => void> = [];
  private timer: TimerId | null = null;
  private sinceSync = 0;

  constructor(private readonly rt: Runtime, readonly policy: FlushPolicy, private readonly latency: Micros) {}

  /**
   * Notes `count` appends. Returns a promise that resolves once they are durable when the policy
   * syncs now, and null when it does not (the appends stay in the page cache for now).
   */
  appended(count = 1): Promise<void> | null {
    this.sinceSync += count;
    const p = this.policy;
    if (p.kind === "never") return null;
    if (p.kind === "messages" && this.sinceSync < p.n) return null;
    return this.sync();
  }

  /** Forces everything written so far to disk; resolves when it is durable. */
  sync(): Promise<void> {
    if (this.latency <= 0) {
      this.complete();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      if (this.timer === null) this.timer = this.rt.setTimer(this.latency, resumingNow(() => this.complete()), "fsync");
    });
  }

  /** How many appends the page cache holds that no sync has covered yet. */
  get pending(): number {
    return this.sinceSync;
  }

  private complete(): void {
    this.timer = null;
    this.rt.disk.sync();
    this.sinceSync = 0;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
