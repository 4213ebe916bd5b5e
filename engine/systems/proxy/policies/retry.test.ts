import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../../core/time";
import { fixedRng } from "./fixed-rng";
import { exponentialRandomBackoff } from "./interval-function";
import { RETRY_DEFAULTS, RetryPolicy } from "./retry";
import { RetryBudget } from "./retry-budget";

/** Runs one call that always fails through the policy, returning the attempt start times. */
function alwaysFailing(policy: RetryPolicy, start: number, callUs: number): number[] {
  const starts: number[] = [];
  let attempt = 1;
  let at = start;
  for (;;) {
    starts.push(at);
    const d = policy.onFailure(attempt, at + callUs);
    if (!d.retry) return starts;
    attempt = d.attempt;
    at = d.at;
  }
}

describe("retry (Resilience4j Retry)", () => {
  it("retry: the defaults are 3 attempts in all and a 500 ms wait", () => {
    expect(RETRY_DEFAULTS).toEqual({ maxAttempts: 3, waitDurationUs: 500 * MS });
  });

  it("retry: a call that always fails is tried 3 times, waiting 500 ms twice (RunnableRetryTest)", () => {
    const starts = alwaysFailing(new RetryPolicy(), 0, 0);
    expect(starts).toEqual([0, 500 * MS, 1000 * MS]);
  });

  it("retry: the wait counts from the failure, and the decision names the next attempt", () => {
    const p = new RetryPolicy();
    expect(p.onFailure(1, 2 * SECOND)).toEqual({ retry: true, attempt: 2, waitUs: 500 * MS, at: 2 * SECOND + 500 * MS });
    expect(p.onFailure(3, 2 * SECOND)).toEqual({ retry: false, reason: "max-attempts" });
  });

  it("retry: maxAttempts 1 never retries; a non-retryable error is not retried", () => {
    expect(new RetryPolicy({ maxAttempts: 1 }).onFailure(1, 0)).toEqual({ retry: false, reason: "max-attempts" });
    expect(new RetryPolicy().onFailure(1, 0, { retryable: false })).toEqual({ retry: false, reason: "not-retryable" });
  });

  it("retry: with exponential random backoff the waits grow by 1.5 around 500 ms", () => {
    const p = new RetryPolicy({ maxAttempts: 4, intervalFunction: exponentialRandomBackoff(fixedRng([0.5])) });
    const starts = alwaysFailing(p, 0, 0);
    expect(starts).toEqual([0, 500 * MS, 1250 * MS, 2375 * MS]);
  });

  it("retry: an empty budget stops a retry, and a refused retry for another reason spends nothing", () => {
    const budget = new RetryBudget({ minRetriesPerSec: 0, percentCanRetry: 0.5 });
    const p = new RetryPolicy();
    expect(p.onFailure(1, 0, { budget })).toEqual({ retry: false, reason: "budget-exhausted" });
    budget.deposit(0);
    budget.deposit(0); // two requests pay for one retry at 50 %
    expect(p.onFailure(1, 0, { budget, retryable: false }).retry).toBe(false);
    expect(p.onFailure(3, 0, { budget }).retry).toBe(false);
    expect(budget.balance(0)).toBe(1);
    expect(p.onFailure(1, 0, { budget }).retry).toBe(true);
    expect(budget.balance(0)).toBe(0);
  });

  it("retry: bad options are refused with the rule", () => {
    expect(() => new RetryPolicy({ maxAttempts: 0 })).toThrow("retry: maxAttempts must be a whole number >= 1, got 0");
  });
});
