import type { Micros } from "./time";
import type { Tagged } from "./event-kinds";
import { EventQueue } from "./event-queue";
import { EventDigest } from "./digest";
import { assert } from "./assert";

/** Why the loop stopped on its own: the queue ran dry, a limit, or the host asked. */
export type LoopStop = "idle" | "max-events" | "interrupted";

/** What the loop hands each event to: one object, so the call site stays monomorphic. */
export interface Dispatcher<T> {
  dispatch(ev: T): void;
}

/** The limits and hooks of one `EventLoop.run`. */
export interface LoopLimits<E extends string> {
  /** Events after this time are not run; the clock stops here and the run ends with `endReason`. */
  end: Micros;
  endReason: E;
  maxEvents: number;
  /** Lets pending promise continuations run (a macrotask round trip: see `channelDrain`). */
  drain: () => Promise<void>;
  /** Polled every 4,096 events; true stops the run as `interrupted`. */
  shouldStop?: () => boolean;
  /** The first sampling time; `sample(t)` is called when time reaches it and returns the next. */
  sampleAt: Micros;
  sample: (t: Micros) => Micros;
}

/**
 * The ground floor of the simulator: virtual time, the event queue, the count and digest of the
 * dispatched events, and the run loop. It is the only thing that advances time. It knows nothing
 * of nodes, processes or messages: each event goes to the `Dispatcher` the run is given.
 */
export class EventLoop<T extends Tagged> {
  /** The present. Only `run` moves it, and only forward. */
  now: Micros = 0;
  /** Events dispatched so far (counted by `count`). */
  events = 0;
  /**
   * One-shot: set when promise continuations may be pending (a promise the engine made was
   * settled); the loop drains before the next event.
   */
  drainPending = false;
  /**
   * Handler promises not yet settled: while any is, the loop drains after every event, because a
   * plain handler or a timer may resolve something such a handler awaits, and its continuation
   * must run at that virtual time, not at the next drain.
   */
  unsettled = 0;
  private readonly queue = new EventQueue<T>();
  private readonly digest = new EventDigest();

  /** Schedules `ev` at virtual time `t`, which must not be before the present. */
  at(t: Micros, ev: T): void {
    this.queue.push(t, ev);
  }

  /** Events waiting in the queue. */
  get pending(): number {
    return this.queue.size;
  }

  /** Counts a dispatched event and folds it into the digest. */
  count(kind: number, target: number, id: number): void {
    this.events++;
    this.digest.fold(this.now, kind, target, id);
  }

  /** The digest of the dispatched event sequence, as 16 hex digits. */
  digestHex(): string {
    return this.digest.hex(this.events);
  }

  /**
   * Runs events until the queue is empty, the end time passes, or a limit is hit. Plain handlers
   * run back to back; after an event that left promise continuations pending, `drain` lets them
   * run before the next event, so async code is as deterministic as sync code.
   */
  async run<E extends string>(to: Dispatcher<T>, limits: LoopLimits<E>): Promise<LoopStop | E> {
    const q = this.queue;
    const { end, endReason, maxEvents, drain, shouldStop, sample } = limits;
    assert(end >= this.now, "event loop: the end of the run is before the present");
    let polled = 0;
    let nextSample = limits.sampleAt;
    for (;;) {
      if (q.size === 0) return "idle";
      const t = q.peekTime();
      if (t > end) {
        this.now = end;
        return endReason;
      }
      if (this.events >= maxEvents) return "max-events";
      if (shouldStop && ++polled >= 4096) {
        polled = 0;
        if (shouldStop()) return "interrupted";
      }
      if (t >= nextSample) nextSample = sample(t);
      this.now = t;
      to.dispatch(q.pop());
      if (this.drainPending || this.unsettled > 0) {
        this.drainPending = false;
        await drain();
      }
    }
  }
}
