import { SECOND } from "../../../core/time";
import type { Micros } from "../../../core/time";
import { requireRange, requireWhole } from "./policy-config-error";
import { WindowedSum } from "./windowed-sum";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";

/**
 * The retry budget's options, declared once, with Finagle's defaults (finagle-core
 * RetryBudget.apply()): a reserve of retries always allowed, and a share of requests on top.
 */
export const RETRY_BUDGET_OPTIONS = {
  ttlUs: { type: "duration", default: 10 * SECOND, min: SECOND, description: "How long a request's deposit counts (whole seconds, 1 s to 60 s).", source: "Finagle ttl" },
  minRetriesPerSec: { type: "rate", default: 10, description: "Retries always allowed per second, even with no requests.", source: "Finagle minRetriesPerSec" },
  percentCanRetry: { type: "ratio", default: 0.2, description: "Share of requests that may be retried on top of the reserve.", source: "Finagle percentCanRetry" },
} as const satisfies OptionTable;

/** Finagle's retry budget defaults, from the table. */
export const RETRY_BUDGET_DEFAULTS = defaultsOf(RETRY_BUDGET_OPTIONS);

/** The retry budget's options. */
export interface RetryBudgetOptions {
  /** How long a request's deposit counts, a whole number of seconds in [1 s, 60 s] as Finagle requires. */
  ttlUs: Micros;
  /** Retries allowed per second of `ttl` even with no requests: a reserve for quiet clients. */
  minRetriesPerSec: number;
  /** Retries allowed per request, in [0, 1000]: 0.2 means one retry per five requests. */
  percentCanRetry: number;
}

/** Finagle scales token amounts by 1000 so that fractional percentages stay integral. */
const SCALE = 1000;

/**
 * A retry budget as Finagle builds one (a TokenRetryBudget over a leaky token bucket), shared by
 * every call of a client: each request deposits 1000 tokens, each retry withdraws 1000 /
 * percentCanRetry, deposits and withdrawals expire after `ttl` (a 10-slice windowed sum), and a
 * constant reserve of minRetriesPerSec x ttl retries' worth sits on top. So over any `ttl`, retries
 * are held to about percentCanRetry x requests + minRetriesPerSec x ttl, however many clients
 * retry at once. (Envoy's retry budget has the same two knobs but counts active requests instead
 * of a time window.)
 */
export class RetryBudget {
  readonly options: RetryBudgetOptions;
  private readonly depositAmount: number;
  private readonly withdrawalAmount: number;
  private readonly reserve: number;
  private readonly window: WindowedSum;

  constructor(options: Partial<RetryBudgetOptions> = {}, createdAt: Micros = 0) {
    const o: RetryBudgetOptions = { ...RETRY_BUDGET_DEFAULTS, ...options };
    requireWhole("retry budget", "ttlUs", o.ttlUs, SECOND, "microseconds");
    requireRange("retry budget", "ttlUs", o.ttlUs, SECOND, 60 * SECOND);
    requireWhole("retry budget", "minRetriesPerSec", o.minRetriesPerSec, 0);
    requireRange("retry budget", "percentCanRetry", o.percentCanRetry, 0, SCALE);
    this.options = o;
    // With no percentage every retry costs 1 and all credit comes from the reserve, as in Finagle.
    this.depositAmount = o.percentCanRetry === 0 ? 0 : SCALE;
    this.withdrawalAmount = o.percentCanRetry === 0 ? 1 : Math.trunc(SCALE / o.percentCanRetry);
    this.reserve = o.minRetriesPerSec * Math.floor(o.ttlUs / SECOND) * this.withdrawalAmount;
    this.window = new WindowedSum(o.ttlUs, 10, createdAt);
  }

  /** Credits one request (call it once per original request, not per retry). */
  deposit(now: Micros): void {
    this.window.add(this.depositAmount, now);
  }

  /** Pays for one retry if the balance allows it; the balance is untouched when it does not. */
  tryWithdraw(now: Micros): boolean {
    if (this.tokens(now) < this.withdrawalAmount) return false;
    this.window.add(-this.withdrawalAmount, now);
    return true;
  }

  /** How many retries could be made now. */
  balance(now: Micros): number {
    return Math.floor(this.tokens(now) / this.withdrawalAmount);
  }

  private tokens(now: Micros): number {
    return this.window.sum(now) + this.reserve;
  }
}
