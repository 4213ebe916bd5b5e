import type { Micros } from "../../core/time";
import type { Runtime } from "../../node/runtime-api";
import type { RateLimiter } from "./policies/rate-limiter";
import { AtomicRateLimiter } from "./policies/atomic-rate-limiter";
import { TokenBucket } from "./policies/token-bucket";
import { Bulkhead } from "./policies/bulkhead";
import type { BulkheadWake } from "./policies/bulkhead";
import type { ProxyOptions } from "./proxy-options";
import type { CallFailure } from "./call-failure";

/**
 * The proxy's admission guards, shared by all its calls: a rate limiter (Resilience4j's cycle
 * limiter or a token bucket) and a bulkhead (Resilience4j's fair semaphore). A call that must
 * wait sleeps on virtual time; a bulkhead waiter is woken by the `release` of a finishing call or
 * by its own deadline, both inside promise continuations, so it resumes at the right moment.
 */
export class Guards {
  private readonly limiter: RateLimiter | null;
  private readonly bulkhead: Bulkhead | null;
  private readonly tickets = new Map<number, (granted: boolean) => void>();

  constructor(private readonly rt: Runtime, o: ProxyOptions) {
    const rl = o.rateLimiter;
    this.limiter = rl === null ? null
      : rl.type === "token-bucket" ? new TokenBucket({ ratePerSec: rl.ratePerSec, burst: rl.burst, maxWaitUs: rl.maxWaitUs }, rt.now())
      : new AtomicRateLimiter({ limitForPeriod: rl.limitForPeriod, limitRefreshPeriodNs: rl.limitRefreshPeriodUs > 0 ? rl.limitRefreshPeriodUs * 1000 : undefined, timeoutDurationUs: rl.timeoutDurationUs }, rt.now());
    this.bulkhead = o.bulkhead ? new Bulkhead(o.bulkhead) : null;
  }

  /** Admits a call, maybe after waiting; returns the refusal, or null when admitted. */
  async enter(deadline: Micros | null): Promise<CallFailure | null> {
    const rt = this.rt;
    if (this.limiter) {
      const d = this.limiter.tryAcquire(rt.now());
      if (d.kind === "rejected") return "rate-limited";
      if (d.kind === "wait") {
        if (deadline !== null && d.until >= deadline) return "rate-limited";
        await rt.sleep(d.waitUs);
      }
    }
    if (this.bulkhead) {
      const d = this.bulkhead.tryAcquire(rt.now());
      if (d.kind === "rejected") return "bulkhead-full";
      if (d.kind === "queued") {
        const granted = new Promise<boolean>((resolve) => this.tickets.set(d.ticket, resolve));
        void rt.sleep(Math.max(0, d.deadline - rt.now())).then(() => this.wake(this.bulkhead!.expire(rt.now())));
        if (!(await granted)) return "bulkhead-full";
      }
    }
    return null;
  }

  /** Gives the bulkhead slot of an admitted call back. */
  leave(): void {
    if (this.bulkhead) this.wake(this.bulkhead.release(this.rt.now()));
  }

  private wake(w: BulkheadWake): void {
    if (w.granted !== null) this.take(w.granted)?.(true);
    for (const t of w.timedOut) this.take(t)?.(false);
  }

  private take(ticket: number): ((granted: boolean) => void) | undefined {
    const f = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    return f;
  }
}
