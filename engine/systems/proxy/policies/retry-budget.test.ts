import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../../core/time";
import { RETRY_BUDGET_DEFAULTS, RetryBudget } from "./retry-budget";

function withdrawAll(b: RetryBudget, now: number, limit = 10_000): number {
  let n = 0;
  while (n < limit && b.tryWithdraw(now)) n++;
  return n;
}

describe("retry budget (Finagle)", () => {
  it("retry budget: the defaults are a 10 s ttl, 10 retries per second and 20 % of requests", () => {
    expect(RETRY_BUDGET_DEFAULTS).toEqual({ ttlUs: 10 * SECOND, minRetriesPerSec: 10, percentCanRetry: 0.2 });
  });

  it("retry budget: with no requests, the reserve allows 10/s x 10 s = 100 retries per window", () => {
    const b = new RetryBudget();
    expect(b.balance(0)).toBe(100);
    expect(withdrawAll(b, 0)).toBe(100);
    expect(b.tryWithdraw(5 * SECOND)).toBe(false);
    // The withdrawals expire with their slice, 9 to 10 seconds later.
    expect(b.balance(9 * SECOND + 999 * MS)).toBe(0);
    expect(b.balance(10 * SECOND)).toBe(100);
  });

  it("retry budget: 20 % of requests may be retried on top of the reserve", () => {
    const b = new RetryBudget({ minRetriesPerSec: 0 });
    for (let i = 0; i < 100; i++) b.deposit(0);
    expect(b.balance(0)).toBe(20);
    expect(withdrawAll(b, 0)).toBe(20);
    const both = new RetryBudget();
    for (let i = 0; i < 100; i++) both.deposit(0);
    expect(both.balance(0)).toBe(120);
  });

  it("retry budget: deposits expire after the ttl", () => {
    const b = new RetryBudget({ ttlUs: 1 * SECOND, minRetriesPerSec: 0, percentCanRetry: 0.1 });
    for (let i = 0; i < 10; i++) b.deposit(0);
    expect(b.balance(0)).toBe(1);
    expect(b.balance(1 * SECOND)).toBe(0);
  });

  it("retry budget: no reserve and no percentage never allows a retry", () => {
    const b = new RetryBudget({ minRetriesPerSec: 0, percentCanRetry: 0 });
    for (let i = 0; i < 1000; i++) b.deposit(0);
    expect(b.tryWithdraw(0)).toBe(false);
  });

  it("retry budget: the ttl must be 1 to 60 whole seconds, as in Finagle", () => {
    expect(() => new RetryBudget({ ttlUs: 500 * MS })).toThrow("retry budget: ttlUs must be a whole number of microseconds >= 1000000, got 500000");
    expect(() => new RetryBudget({ ttlUs: 61 * SECOND })).toThrow("ttlUs must be a number in [1000000, 60000000], got 61000000");
  });
});
