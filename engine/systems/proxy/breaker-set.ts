import type { Metrics, Runtime, TimerId } from "../../node/runtime-api";
import { CircuitBreaker } from "../breaker/circuit-breaker";
import type { BreakerSettings } from "./proxy-options";

/**
 * The proxy's circuit breakers: one per service, or one per instance of each service, created on
 * first use. Every state change is recorded in the history (`breaker-transition`, with the number
 * of probes HALF_OPEN permits), which is what the `breaker-probes` checker replays, and counted
 * as a metric. Automatic OPEN -> HALF_OPEN transitions get the timer the breaker asks for.
 */
export class BreakerSet {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly timers = new Map<string, TimerId>();

  constructor(private readonly rt: Runtime, readonly settings: BreakerSettings, private readonly metrics: Metrics = rt.metrics) {}

  /** The breaker's name for a call to `instanceId` of `service`. */
  nameFor(service: string, instanceId: string): string {
    return this.settings.scope === "service" ? service : `${service}@${instanceId}`;
  }

  /** The breaker called `name`, created on first use. */
  get(name: string): CircuitBreaker {
    let b = this.breakers.get(name);
    if (!b) {
      b = new CircuitBreaker(name, this.settings.options, this.rt.now());
      const permits = b.options.permittedNumberOfCallsInHalfOpenState;
      b.onStateTransition((t) => {
        this.rt.record("breaker-transition", { breaker: t.breaker, from: t.from, to: t.to, reason: t.reason, permits });
        this.metrics.count(`breaker.${t.to.toLowerCase()}`);
        this.rt.publish<{ breakers?: Record<string, string> }>((s) => {
          s.breakers ??= {};
          s.breakers[t.breaker] = t.to;
        });
        this.arm(t.breaker);
      });
      this.breakers.set(name, b);
    }
    return b;
  }

  /** Sets the timer for the breaker's next scheduled transition, if it has one. */
  private arm(name: string): void {
    const old = this.timers.get(name);
    if (old) this.rt.clearTimer(old);
    const b = this.breakers.get(name)!;
    const at = b.nextTransitionAt();
    if (at === null) return;
    this.timers.set(name, this.rt.setTimer(Math.max(0, at - this.rt.now()), () => b.advance(this.rt.now()), "breaker"));
  }
}
