import { AsyncLocalStorage } from "node:async_hooks";
import type { Micros } from "../../engine/core/time";
import type { Runtime } from "../../engine/node/runtime-api";

/**
 * Virtual time 0 as a wall-clock date, 2025-01-01T00:00:00Z: in a process at local time `t`,
 * `Date.now()` is this plus `t` in whole milliseconds. A date and not 0, because libraries treat
 * a zero timestamp as "never" (`if (!this.lastFailure)`), and 1970 would look like a bug in logs.
 */
export const VIRTUAL_EPOCH_MS = 1_735_689_600_000;

/**
 * Which process's code is running. AsyncLocalStorage follows a handler through every `await`:
 * a continuation runs with the scope that was current where it awaited, whenever the kernel's
 * drain gets to it and whichever process's event came last. That is why the sandbox asks it on
 * every call instead of swapping globals at the start and end of a handler, which a
 * continuation (it runs later, after the handler returned) would never see.
 */
const storage = new AsyncLocalStorage<ProcessScope>();

/** Something a number given to `clearTimeout` may name: a virtual timer whose id was read. */
export interface NumberedTimer {
  close(): unknown;
}

/**
 * One process incarnation's view of the host's time and randomness: its node's local clock (skew
 * and drift included) as `Date`, `performance.now` and `process.hrtime`, its timers as kernel
 * timers, and its own seeded stream as `Math.random`. It holds no state of the run beyond the
 * runtime, so a crash (a dead runtime sets no timers) needs nothing of it.
 */
export class ProcessScope {
  /** Timers whose numeric id was read (`+timer`), so `clearTimeout(id)` finds them, as Node's does. */
  readonly numbered = new Map<number, NumberedTimer>();
  private lastId = 0;

  constructor(readonly rt: Runtime) {}

  /** The scope of the process whose code is running, if any. */
  static current(): ProcessScope | undefined {
    return storage.getStore();
  }

  /** Runs `fn` as this process's code: every global the sandbox routes answers for this process, across awaits too. */
  run<T>(fn: () => T): T {
    return storage.run(this, fn);
  }

  /** The node's local clock in microseconds. */
  local(): Micros {
    return this.rt.now();
  }

  /** `Date.now()`: the local clock as whole milliseconds since the virtual epoch. */
  dateNow(): number {
    return VIRTUAL_EPOCH_MS + Math.floor(this.rt.now() / 1000);
  }

  /** `performance.now()`: the local clock in milliseconds, with its microseconds. */
  perfNow(): number {
    return this.rt.now() / 1000;
  }

  /** `Math.random()`: the process's own seeded stream. */
  random(): number {
    return this.rt.random.next();
  }

  /** The next numeric timer id of this process. */
  nextTimerId(): number {
    return ++this.lastId;
  }
}
