import type { Micros } from "../../core/time";

/** Why a request was not admitted. */
export type Refusal = "queue-full" | "queue-timeout";

interface Waiter {
  since: Micros;
  resume: (refusal: Refusal | null) => void;
}

/**
 * A server's slots and its FIFO queue: at most `concurrency` requests in service (0: no limit),
 * at most `queueLimit` waiting (null: no limit). A finishing request hands its slot straight to
 * the oldest waiter, so service order is arrival order, as in an M/M/c queue. Waiters are resumed
 * only from `release`, which runs in a request's continuation, so their continuations run in
 * the same drain and at the same virtual time.
 */
export class Admission {
  inService = 0;
  private readonly queue: Waiter[] = [];
  private head = 0;

  constructor(readonly concurrency: number, readonly queueLimit: number | null, readonly queueTimeoutUs: Micros) {}

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.queue.length - this.head;
  }

  /**
   * Asks for a slot at local time `now`: null at once when one is free; a refusal at once when
   * the queue is full; otherwise a promise of a slot (or of a queue-timeout refusal).
   */
  acquire(now: Micros): Refusal | null | Promise<Refusal | null> {
    if (this.concurrency === 0 || this.inService < this.concurrency) {
      this.inService++;
      return null;
    }
    if (this.queueLimit !== null && this.queued >= this.queueLimit) return "queue-full";
    return new Promise<Refusal | null>((resume) => this.queue.push({ since: now, resume }));
  }

  /** Gives a slot back at local time `now`: to the oldest waiter that has not timed out. */
  release(now: Micros): void {
    while (this.head < this.queue.length) {
      const w = this.queue[this.head++];
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      if (this.queueTimeoutUs > 0 && now - w.since > this.queueTimeoutUs) {
        w.resume("queue-timeout");
        continue;
      }
      w.resume(null); // the slot passes on: inService is unchanged
      return;
    }
    this.inService--;
  }
}
