import type { Micros } from "../../core/time";
import { BreakerMetrics, exceedsThresholds } from "./breaker-metrics";
import type { BreakerMetricsView, ThresholdResult } from "./breaker-metrics";
import { resolveBreakerOptions } from "./resolve-breaker-options";
import type { BreakerOptions } from "./breaker-options";
import { IllegalStateTransitionError, isLegalTransition } from "./breaker-state";
import type { BreakerState } from "./breaker-state";

/** Why the breaker changed state; it goes into the trace with the transition. */
export type TransitionReason =
  /** The window's failure rate reached its threshold (CLOSED or HALF_OPEN -> OPEN). */
  | "failure-rate"
  /** The window's slow-call rate reached its threshold. */
  | "slow-call-rate"
  /** Both rates at once. */
  | "failure-and-slow-call-rate"
  /** HALF_OPEN's probes came back below both thresholds (HALF_OPEN -> CLOSED). */
  | "probes-passed"
  /** The OPEN wait ended (OPEN -> HALF_OPEN, lazily or by the automatic timer). */
  | "wait-elapsed"
  /** HALF_OPEN lasted longer than maxWaitDurationInHalfOpenState (HALF_OPEN -> OPEN). */
  | "half-open-timeout"
  /** A `transitionTo*` call. */
  | "manual"
  /** A `reset` call. */
  | "reset";

/** One state change, as the listener receives it. */
export interface BreakerTransition {
  readonly breaker: string;
  readonly from: BreakerState;
  readonly to: BreakerState;
  readonly at: Micros;
  readonly reason: TransitionReason;
}

/** Receives every state change that is not a self edge (Resilience4j publishes none for those). */
export type TransitionListener = (transition: BreakerTransition) => void;

const REASON_OF: Partial<Record<ThresholdResult, TransitionReason>> = {
  FAILURE_RATE_ABOVE_THRESHOLDS: "failure-rate",
  SLOW_CALL_RATE_ABOVE_THRESHOLDS: "slow-call-rate",
  ABOVE_THRESHOLDS: "failure-and-slow-call-rate",
};

/**
 * Resilience4j's circuit breaker state machine (CircuitBreakerStateMachine), as pure synchronous
 * code on virtual time: every method that depends on time takes `now`, and the breaker never
 * sets a timer. Where Resilience4j schedules a transition (the automatic OPEN -> HALF_OPEN and the
 * HALF_OPEN time limit), `nextTransitionAt()` says when, the owner sets a timer and calls
 * `advance(now)` when it fires. Every other method also applies a transition that is due, so a
 * late or missing timer cannot leave the breaker in a state it should have left.
 *
 * Usage per call: `tryAcquirePermission(now)`; if true, make the call and report exactly one of
 * `onSuccess`, `onError` or (for a call that should not count, such as a cancelled one)
 * `releasePermission()`.
 */
export class CircuitBreaker {
  readonly name: string;
  readonly options: BreakerOptions;
  private current: BreakerState = "CLOSED";
  private m: BreakerMetrics;
  /** Resilience4j's `attempts`: the number of openings since the breaker last closed. */
  private attempts = 0;
  /** OPEN: the end of the wait. */
  private waitEndsAt: Micros = 0;
  /** HALF_OPEN: probe permissions left. */
  private permits = 0;
  /** HALF_OPEN: when maxWaitDurationInHalfOpenState reopens the breaker, or null for never. */
  private halfOpenEndsAt: Micros | null = null;
  private readonly listeners: TransitionListener[] = [];

  constructor(name: string, options: Partial<BreakerOptions> = {}, createdAt: Micros = 0) {
    this.name = name;
    this.options = resolveBreakerOptions(name, options);
    this.m = BreakerMetrics.forClosed(this.options, createdAt);
  }

  /** The current state. It changes only inside calls to this object. */
  get state(): BreakerState {
    return this.current;
  }

  /**
   * Asks to make one call. CLOSED, DISABLED and METRICS_ONLY always permit; OPEN refuses until
   * the first request strictly after the wait, which moves to HALF_OPEN and is its first probe;
   * HALF_OPEN permits `permittedNumberOfCallsInHalfOpenState` calls and refuses the rest;
   * FORCED_OPEN refuses. Refusals are counted in `metrics().numberOfNotPermittedCalls`.
   */
  tryAcquirePermission(now: Micros): boolean {
    this.advance(now);
    switch (this.current) {
      case "CLOSED":
      case "DISABLED":
      case "METRICS_ONLY":
        return true;
      case "OPEN":
        if (now > this.waitEndsAt) {
          this.enter("HALF_OPEN", now, "wait-elapsed");
          return this.tryHalfOpen();
        }
        this.m.onCallNotPermitted();
        return false;
      case "HALF_OPEN":
        return this.tryHalfOpen();
      case "FORCED_OPEN":
        this.m.onCallNotPermitted();
        return false;
    }
  }

  /**
   * Gives back a permission that will never be reported (the call was cancelled or its error
   * is one to ignore). Only HALF_OPEN counts permissions, so only there does this matter.
   */
  releasePermission(): void {
    if (this.current === "HALF_OPEN") this.permits++;
  }

  /** Reports a permitted call that succeeded after `durationUs`. */
  onSuccess(durationUs: Micros, now: Micros): void {
    this.onResult(false, durationUs, now);
  }

  /** Reports a permitted call that failed after `durationUs` (a timeout is an error too). */
  onError(durationUs: Micros, now: Micros): void {
    this.onResult(true, durationUs, now);
  }

  /** The current state's metrics at `now` (a time-based window retires old buckets first). */
  metrics(now: Micros): BreakerMetricsView {
    return this.m.view(now);
  }

  /** OPEN: the time the wait ends (a request strictly after it probes); otherwise null. */
  openUntil(): Micros | null {
    return this.current === "OPEN" ? this.waitEndsAt : null;
  }

  /** HALF_OPEN: how many probe permissions are left; otherwise null. */
  halfOpenPermitsLeft(): number | null {
    return this.current === "HALF_OPEN" ? this.permits : null;
  }

  /**
   * When a timer should call `advance`: the end of the OPEN wait when the automatic transition is
   * on, or the HALF_OPEN time limit when there is one; null when nothing is scheduled.
   */
  nextTransitionAt(): Micros | null {
    if (this.current === "OPEN" && this.options.automaticTransitionFromOpenToHalfOpenEnabled) return this.waitEndsAt;
    if (this.current === "HALF_OPEN") return this.halfOpenEndsAt;
    return null;
  }

  /** Applies the timed transition that is due at `now`, if any. Cheap; safe to call at any time. */
  advance(now: Micros): void {
    if (this.current === "OPEN" && this.options.automaticTransitionFromOpenToHalfOpenEnabled && now >= this.waitEndsAt) {
      this.enter("HALF_OPEN", now, "wait-elapsed");
    } else if (this.current === "HALF_OPEN" && this.halfOpenEndsAt !== null && now >= this.halfOpenEndsAt) {
      this.enter("OPEN", now, "half-open-timeout");
    }
  }

  /** Subscribes to state changes; returns the function that unsubscribes. */
  onStateTransition(listener: TransitionListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** CLOSED with fresh metrics. Throws on an edge Resilience4j forbids, as every `transitionTo*`. */
  transitionToClosedState(now: Micros): void {
    this.manual("CLOSED", now);
  }

  /** OPEN now: the wait starts over (also from OPEN, as Resilience4j's self edge does). */
  transitionToOpenState(now: Micros): void {
    this.manual("OPEN", now);
  }

  transitionToHalfOpenState(now: Micros): void {
    this.manual("HALF_OPEN", now);
  }

  /** DISABLED: every call passes and nothing is recorded, until another manual transition. */
  transitionToDisabledState(now: Micros): void {
    this.manual("DISABLED", now);
  }

  /** FORCED_OPEN: every call is refused, and the breaker never leaves on its own. */
  transitionToForcedOpenState(now: Micros): void {
    this.manual("FORCED_OPEN", now);
  }

  /** METRICS_ONLY: every call passes and is recorded; thresholds are judged but never act. */
  transitionToMetricsOnlyState(now: Micros): void {
    this.manual("METRICS_ONLY", now);
  }

  /** Back to CLOSED with fresh metrics from any state (Resilience4j's `reset`). */
  reset(now: Micros): void {
    this.enter("CLOSED", now, "reset");
  }

  private tryHalfOpen(): boolean {
    if (this.options.bug === "half-open-lets-all-through") return true;
    if (this.permits > 0) {
      this.permits--;
      return true;
    }
    this.m.onCallNotPermitted();
    return false;
  }

  private onResult(failed: boolean, durationUs: Micros, now: Micros): void {
    this.advance(now);
    const state = this.current;
    // DISABLED and FORCED_OPEN record nothing. OPEN records late results (calls permitted before
    // it opened) into the metrics that opened it, and METRICS_ONLY records but never acts.
    if (state === "DISABLED" || state === "FORCED_OPEN") return;
    const result = this.m.record(failed, durationUs, now);
    if (state === "CLOSED" && exceedsThresholds(result)) {
      this.enter("OPEN", now, REASON_OF[result]!);
    } else if (state === "HALF_OPEN") {
      if (exceedsThresholds(result)) this.enter("OPEN", now, REASON_OF[result]!);
      else if (result === "BELOW_THRESHOLDS") this.enter("CLOSED", now, "probes-passed");
    }
  }

  private manual(to: BreakerState, now: Micros): void {
    if (!isLegalTransition(this.current, to)) throw new IllegalStateTransitionError(this.name, this.current, to);
    this.enter(to, now, "manual");
  }

  /** Builds state `to` exactly as Resilience4j's `stateTransition` generators do, then publishes. */
  private enter(to: BreakerState, now: Micros, reason: TransitionReason): void {
    const from = this.current;
    const o = this.options;
    switch (to) {
      case "CLOSED":
      case "METRICS_ONLY":
        this.m = BreakerMetrics.forClosed(o, now);
        this.attempts = 0;
        break;
      case "DISABLED":
        this.m = BreakerMetrics.empty(o);
        this.attempts = 0;
        break;
      case "OPEN":
        // OPEN keeps the metrics of the state it came from, so they still show why it opened.
        this.attempts++;
        this.waitEndsAt = now + this.waitFor(this.attempts);
        break;
      case "FORCED_OPEN":
        this.m = BreakerMetrics.empty(o);
        this.attempts++;
        break;
      case "HALF_OPEN":
        this.m = BreakerMetrics.forHalfOpen(o);
        this.permits = o.permittedNumberOfCallsInHalfOpenState;
        this.halfOpenEndsAt = o.maxWaitDurationInHalfOpenStateUs > 0 ? now + o.maxWaitDurationInHalfOpenStateUs : null;
        break;
    }
    this.current = to;
    if (from === to) return;
    const event: BreakerTransition = { breaker: this.name, from, to, at: now, reason };
    for (const listener of [...this.listeners]) listener(event);
  }

  /** The OPEN wait for this attempt: the backoff function's answer, or the fixed wait. */
  private waitFor(attempt: number): Micros {
    const fn = this.options.waitIntervalFunctionInOpenState;
    if (fn === null) return this.options.waitDurationInOpenStateUs;
    const wait = fn(attempt);
    if (!Number.isFinite(wait) || wait < 0) {
      throw new RangeError(`breaker '${this.name}': waitIntervalFunctionInOpenState(${attempt}) returned ${wait}; it must return a duration >= 0 in microseconds`);
    }
    return Math.round(wait);
  }
}
