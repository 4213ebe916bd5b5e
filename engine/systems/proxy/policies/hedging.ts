import type { Micros } from "../../../core/time";
import { requireWhole } from "./policy-config-error";

/**
 * gRPC's hedging policy rules (gRFC A6; grpc.io "Request Hedging"): `maxAttempts` is required and
 * values above 5 are treated as 5; `hedgingDelay` is optional, and when it is left out all
 * attempts are sent at once.
 */
export const HEDGING_LIMITS = {
  maxAttemptsCap: 5,
  defaultHedgingDelayUs: 0,
} as const;

/** The hedging policy's options. */
export interface HedgingOptions {
  /** Attempts in flight at most, the first included (>= 1; above 5 counts as 5). */
  maxAttempts: number;
  /** The wait before each further attempt while no answer has come (0: all at once). */
  hedgingDelayUs?: Micros;
}

/** How one attempt ended, as the hedge needs to know it. */
export type AttemptOutcome =
  /** A good answer: it wins. */
  | "success"
  /** An error that says the request itself is bad (gRPC: a status not in nonFatalStatusCodes). */
  | "fatal"
  /** An error another backend may not give (a timeout, unavailable): try the next one now. */
  | "non-fatal";

/** What the owner should do next. */
export type HedgeAction =
  /** Send attempt number `attempt` now. */
  | { readonly kind: "send"; readonly attempt: number }
  /** Nothing to do until the next timer (`nextHedgeAt`) or answer. */
  | { readonly kind: "wait" }
  /** The call is decided by `attempt`: return its answer and cancel the attempts in `cancel`. */
  | { readonly kind: "commit"; readonly attempt: number; readonly outcome: "success" | "fatal"; readonly cancel: readonly number[] }
  /** Every attempt failed non-fatally and no more may be sent: the call fails. */
  | { readonly kind: "fail"; readonly lastAttempt: number };

/**
 * The decision logic of one hedged call (gRPC hedging, "The Tail at Scale"'s hedged requests):
 * send the first attempt at once; while no answer has come, send another every `hedgingDelay`,
 * up to `maxAttempts`; the first success (or fatal error) commits the call and the others are
 * cancelled; a non-fatal error sends the next attempt at once instead of waiting its delay. It
 * never sends, waits or cancels anything itself: it says what to do, and the owner does it.
 */
export class Hedge {
  readonly maxAttempts: number;
  readonly hedgingDelayUs: Micros;
  private sent = 0;
  private readonly inFlight = new Set<number>();
  private nextAt: Micros | null;
  private done = false;

  constructor(options: HedgingOptions, startedAt: Micros) {
    requireWhole("hedging", "maxAttempts", options.maxAttempts, 1);
    this.maxAttempts = Math.min(options.maxAttempts, HEDGING_LIMITS.maxAttemptsCap);
    this.hedgingDelayUs = options.hedgingDelayUs ?? HEDGING_LIMITS.defaultHedgingDelayUs;
    requireWhole("hedging", "hedgingDelayUs", this.hedgingDelayUs, 0, "microseconds");
    this.nextAt = startedAt;
  }

  /** Attempts sent so far. */
  get attemptsSent(): number {
    return this.sent;
  }

  /** True once the call is committed or failed. */
  get isDone(): boolean {
    return this.done;
  }

  /** When the next attempt is due if nothing answers first; null when no more will be sent. */
  nextHedgeAt(): Micros | null {
    return this.done ? null : this.nextAt;
  }

  /**
   * The attempts due at `now`, in order: call it at the start (it returns attempt 1, and with no
   * delay every attempt) and whenever the `nextHedgeAt` timer fires.
   */
  due(now: Micros): number[] {
    const out: number[] = [];
    while (!this.done && this.nextAt !== null && now >= this.nextAt) out.push(this.send(now));
    return out;
  }

  /** Reports how attempt `attempt` ended at `now`, and says what to do next. */
  onOutcome(attempt: number, outcome: AttemptOutcome, now: Micros): HedgeAction {
    if (this.done || !this.inFlight.delete(attempt)) return { kind: "wait" };
    if (outcome !== "non-fatal") {
      this.done = true;
      const cancel = [...this.inFlight];
      this.inFlight.clear();
      return { kind: "commit", attempt, outcome, cancel };
    }
    // A non-fatal error short-cuts the delay: the next attempt in line goes out now.
    if (this.sent < this.maxAttempts) return { kind: "send", attempt: this.send(now) };
    if (this.inFlight.size === 0) {
      this.done = true;
      return { kind: "fail", lastAttempt: attempt };
    }
    return { kind: "wait" };
  }

  private send(now: Micros): number {
    this.sent++;
    this.inFlight.add(this.sent);
    this.nextAt = this.sent < this.maxAttempts ? now + this.hedgingDelayUs : null;
    return this.sent;
  }
}
