import type { Micros } from "../../../core/time";
import { requireWhole } from "./policy-config-error";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";

/**
 * The bulkhead's options, declared once, with Resilience4j's BulkheadConfig defaults
 * (BulkheadConfig.java L33-34): a call that finds every slot taken is refused at once.
 */
export const BULKHEAD_OPTIONS = {
  maxConcurrentCalls: { type: "int", default: 25, min: 1, description: "Calls allowed in flight at once.", source: "Resilience4j maxConcurrentCalls" },
  maxWaitDurationUs: { type: "duration", default: 0, description: "How long a call may queue for a slot; 0 refuses at once.", source: "Resilience4j maxWaitDuration" },
} as const satisfies OptionTable;

/** Resilience4j's bulkhead defaults, from the table. */
export const BULKHEAD_DEFAULTS = defaultsOf(BULKHEAD_OPTIONS);

/** The bulkhead's options. */
export interface BulkheadOptions {
  /** Calls allowed in flight at once (>= 1). */
  maxConcurrentCalls: number;
  /** How long a call may queue for a slot; 0 refuses at once. */
  maxWaitDurationUs: Micros;
}

/** The answer to a request for a slot. */
export type BulkheadDecision =
  /** A slot is the caller's now; it must `release` it when the call ends. */
  | { readonly kind: "permitted" }
  /** Queued as `ticket`; `release` hands it a slot, or it times out at `deadline`. */
  | { readonly kind: "queued"; readonly ticket: number; readonly deadline: Micros }
  | { readonly kind: "rejected" };

/** What happened to the queue during a `release` or an `expire`. */
export interface BulkheadWake {
  /** The ticket that now holds the freed slot, or null when nobody was waiting. */
  readonly granted: number | null;
  /** Tickets whose wait ran out (deadline <= now); each of their calls fails as refused. */
  readonly timedOut: readonly number[];
}

interface Waiter {
  readonly ticket: number;
  readonly deadline: Micros;
}

const PERMITTED: BulkheadDecision = { kind: "permitted" };
const REJECTED: BulkheadDecision = { kind: "rejected" };

/**
 * Resilience4j's SemaphoreBulkhead (fair, so first come first served) as pure code on virtual
 * time. The bulkhead never sleeps: a call that must wait gets a ticket and a deadline, the owner
 * sets a timer for `nextDeadline()` and calls `expire`, and every `release` hands the freed slot to
 * the oldest waiter still in time. A waiter is in time while now < deadline. Because slots go
 * straight to waiters, no newcomer can overtake the queue.
 */
export class Bulkhead {
  readonly options: BulkheadOptions;
  private active = 0;
  private nextTicket = 1;
  /** FIFO of waiters; `head` skips the ones already served, so dequeuing is O(1). */
  private queue: Waiter[] = [];
  private head = 0;

  constructor(options: Partial<BulkheadOptions> = {}) {
    const o: BulkheadOptions = { ...BULKHEAD_DEFAULTS, ...options };
    requireWhole("bulkhead", "maxConcurrentCalls", o.maxConcurrentCalls, 1);
    requireWhole("bulkhead", "maxWaitDurationUs", o.maxWaitDurationUs, 0, "microseconds");
    this.options = o;
  }

  /** Calls holding a slot. */
  get activeCalls(): number {
    return this.active;
  }

  /** Calls queued for a slot (including any whose deadline has passed but was not yet expired). */
  get waitingCalls(): number {
    return this.queue.length - this.head;
  }

  /** Free slots: Resilience4j's `availableConcurrentCalls`. */
  get availableConcurrentCalls(): number {
    return this.options.maxConcurrentCalls - this.active;
  }

  /** Asks for a slot at `now`. */
  tryAcquire(now: Micros): BulkheadDecision {
    // A free slot with nobody queued: take it. (With waiters queued there is never a free slot,
    // because release hands slots straight to them; the check keeps the rule explicit.)
    if (this.active < this.options.maxConcurrentCalls && this.waitingCalls === 0) {
      this.active++;
      return PERMITTED;
    }
    if (this.options.maxWaitDurationUs === 0) return REJECTED;
    const waiter: Waiter = { ticket: this.nextTicket++, deadline: now + this.options.maxWaitDurationUs };
    this.queue.push(waiter);
    return { kind: "queued", ticket: waiter.ticket, deadline: waiter.deadline };
  }

  /** Frees the slot of a call that ended, and hands it to the oldest waiter still in time. */
  release(now: Micros): BulkheadWake {
    if (this.active === 0) throw new Error("bulkhead: release without a slot held; every release must match one permitted or granted call");
    this.active--;
    const timedOut = this.expireInto(now, []);
    let granted: number | null = null;
    if (this.waitingCalls > 0) {
      granted = this.queue[this.head++].ticket;
      this.active++;
      this.compact();
    }
    return { granted, timedOut };
  }

  /** Removes the waiters whose deadline is <= now; call it when the `nextDeadline()` timer fires. */
  expire(now: Micros): BulkheadWake {
    return { granted: null, timedOut: this.expireInto(now, []) };
  }

  /** Withdraws a queued ticket (its caller gave up); false if it is not queued. */
  cancel(ticket: number): boolean {
    for (let i = this.head; i < this.queue.length; i++) {
      if (this.queue[i].ticket === ticket) {
        this.queue.splice(i, 1);
        return true;
      }
    }
    return false;
  }

  /** The earliest deadline among the waiters, for the owner's timer; null when none wait. */
  nextDeadline(): Micros | null {
    // Deadlines are now + a fixed wait, so the queue is in deadline order and the head is first.
    return this.waitingCalls > 0 ? this.queue[this.head].deadline : null;
  }

  private expireInto(now: Micros, out: number[]): number[] {
    while (this.waitingCalls > 0 && this.queue[this.head].deadline <= now) out.push(this.queue[this.head++].ticket);
    this.compact();
    return out;
  }

  /** Drops served entries once they are the larger part of the array, so memory stays bounded. */
  private compact(): void {
    if (this.head > 32 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
