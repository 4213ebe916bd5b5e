import type { Micros } from "../../engine/core/time";
import type { TimerId } from "../../engine/node/runtime-api";
import type { ProcessScope } from "./process-scope";

/** Node's longest timer delay in milliseconds; a longer (or invalid, or < 1) delay becomes 1 ms, as in Node. */
const TIMEOUT_MAX_MS = 2 ** 31 - 1;

/**
 * A settled promise, returned to the kernel after every piece of sandboxed code (a handler, a
 * timer's callback) that returned nothing to wait for: a returned promise makes the loop drain
 * after the event, so the continuations that code released (a retry's `await delay(ms)`, a race
 * against a timeout, an async listener nobody awaits) run at this virtual time, inside the run,
 * instead of at some later drain or after the run has ended and the host's globals are back.
 */
export const DRAIN: Promise<void> = Promise.resolve();

/** Whether `v` is a promise or another thenable. */
export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

/** Which global made the timer: it labels the timer in the trace. */
export type TimerKind = "setTimeout" | "setInterval" | "setImmediate";

/** A delay in milliseconds, as Node coerces it, in microseconds (immediates take none). */
export function timerDelay(kind: TimerKind, ms: unknown): Micros {
  if (kind === "setImmediate") return 0;
  let after = Number(ms);
  if (!(after >= 1 && after <= TIMEOUT_MAX_MS)) after = 1;
  return Math.round(after * 1000);
}

/**
 * A `setTimeout`, `setInterval` or `setImmediate` of a sandboxed process: a kernel timer on its
 * node's local clock (so a crash drops it, a pause holds it, drift stretches it), whose callback
 * runs as the process's code. It has the methods of Node's `Timeout` that libraries call
 * (`ref`, `unref`, `hasRef`, `refresh`, `close`, and a numeric id through `+timer`); ref and
 * unref only answer `hasRef`, since a simulated process never keeps a host alive.
 */
export class VirtualTimer {
  private handle: TimerId | null = null;
  private cleared = false;
  private refed = true;
  private id = 0;

  constructor(
    private readonly scope: ProcessScope,
    private readonly kind: TimerKind,
    private readonly callback: (...args: unknown[]) => unknown,
    private readonly delay: Micros,
    private readonly args: readonly unknown[],
  ) {
    if (typeof callback !== "function") {
      throw new TypeError(`The "callback" argument must be of type function. Received ${callback === null ? "null" : typeof callback}`);
    }
    this.arm();
  }

  /** Cancels it (what `clearTimeout`, `clearInterval` and `clearImmediate` do). */
  close(): this {
    if (this.cleared) return this;
    this.cleared = true;
    this.disarm();
    if (this.id !== 0) this.scope.numbered.delete(this.id);
    return this;
  }

  /** Starts the delay over from now; a timeout that fired already fires again, as in Node. */
  refresh(): this {
    if (!this.cleared) {
      this.disarm();
      this.arm();
    }
    return this;
  }

  ref(): this {
    this.refed = true;
    return this;
  }

  unref(): this {
    this.refed = false;
    return this;
  }

  hasRef(): boolean {
    return this.refed;
  }

  [Symbol.toPrimitive](): number {
    if (this.id === 0) {
      this.id = this.scope.nextTimerId();
      if (!this.cleared) this.scope.numbered.set(this.id, this);
    }
    return this.id;
  }

  private arm(): void {
    this.handle = this.scope.rt.setTimer(this.delay, () => this.fire(), this.kind);
  }

  private disarm(): void {
    if (this.handle !== null) this.scope.rt.clearTimer(this.handle);
    this.handle = null;
  }

  /** Due: runs the callback as the process's code; an interval is armed again after it, as Node does. */
  private fire(): Promise<void> | undefined {
    if (this.cleared) return undefined;
    this.handle = null;
    const repeat = this.kind === "setInterval";
    if (!repeat && this.id !== 0) this.scope.numbered.delete(this.id);
    try {
      this.scope.run(() => this.callback(...this.args));
    } finally {
      if (repeat && !this.cleared && this.handle === null) this.arm();
    }
    return DRAIN;
  }
}
