import type { Micros } from "../../core/time";
import type { Runtime } from "../../node/runtime-api";
import { resumingNow } from "./resume-now";

/**
 * A condition variable on virtual time: `wait` resolves at the next `notify` or after `timeout`,
 * whichever comes first. Long-polling fetches and producers waiting for the high watermark use
 * it, and re-check their condition after every wake-up.
 */
export class Signal {
  private waiters: Array<() => void> = [];

  constructor(private readonly rt: Runtime) {}

  wait(timeout: Micros): Promise<void> {
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        resolve();
      };
      const timer = this.rt.setTimer(Math.max(1, timeout), resumingNow(finish), "wait");
      this.waiters.push(() => {
        this.rt.clearTimer(timer);
        finish();
      });
    });
  }

  /**
   * Wakes every waiter. Their continuations run when the kernel next runs pending continuations: call it from async
   * code, or return `resumeNow()` from the handler that calls it.
   */
  notify(): void {
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
