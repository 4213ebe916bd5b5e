import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { CircuitBreaker } from "./circuit-breaker";
import type { BreakerTransition } from "./circuit-breaker";
import type { BreakerOptions } from "./breaker-options";

/**
 * The configuration of Resilience4j's CircuitBreakerStateMachineTest.setUp: failure and slow-call
 * thresholds 50 %, 4 probes, slow above 4 s, a 5-second TIME_BASED window judged from 5 calls,
 * 5 s in OPEN.
 */
const R4J_TEST: Partial<BreakerOptions> = {
  failureRateThreshold: 50,
  permittedNumberOfCallsInHalfOpenState: 4,
  slowCallDurationThresholdUs: 4 * SECOND,
  slowCallRateThreshold: 50,
  slidingWindowType: "TIME_BASED",
  slidingWindowSize: 5,
  minimumNumberOfCalls: 5,
  waitDurationInOpenStateUs: 5 * SECOND,
};

const T0 = 1000 * SECOND;

function recorder(b: CircuitBreaker): BreakerTransition[] {
  const seen: BreakerTransition[] = [];
  b.onStateTransition((t) => seen.push(t));
  return seen;
}

/** Drives a HALF_OPEN breaker through `n` permitted calls with the given results. */
function probe(b: CircuitBreaker, results: readonly ("ok" | "fail")[], now: number, durationUs = 0): void {
  for (const r of results) {
    expect(b.tryAcquirePermission(now)).toBe(true);
    if (r === "ok") b.onSuccess(durationUs, now);
    else b.onError(durationUs, now);
  }
}

describe("breaker: closed state with Resilience4j's defaults", () => {
  it("breaker: closed: trips at exactly 50 % once the 100th call is recorded", () => {
    const b = new CircuitBreaker("r4j");
    for (let i = 0; i < 50; i++) b.onError(0, T0);
    for (let i = 0; i < 49; i++) b.onSuccess(0, T0);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0).failureRate).toBe(-1);
    b.onSuccess(0, T0);
    expect(b.state).toBe("OPEN");
    expect(b.metrics(T0).failureRate).toBe(50);
    expect(b.metrics(T0).numberOfBufferedCalls).toBe(100);
  });

  it("breaker: closed: 49 failures in 100 calls stay closed", () => {
    const b = new CircuitBreaker("r4j");
    for (let i = 0; i < 51; i++) b.onSuccess(0, T0);
    for (let i = 0; i < 49; i++) b.onError(0, T0);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0).failureRate).toBe(49);
  });

  it("breaker: closed: 99 failures below the 100-call minimum cannot trip it", () => {
    const b = new CircuitBreaker("r4j");
    for (let i = 0; i < 99; i++) b.onError(0, T0);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0).failureRate).toBe(-1);
    expect(b.metrics(T0).slowCallRate).toBe(-1);
    expect(b.metrics(T0).numberOfFailedCalls).toBe(99);
  });

  it("breaker: closed: a COUNT_BASED window judges from min(minimumNumberOfCalls, size) calls", () => {
    const b = new CircuitBreaker("small", { slidingWindowSize: 5, minimumNumberOfCalls: 100 });
    for (let i = 0; i < 4; i++) b.onError(0, T0);
    expect(b.state).toBe("CLOSED");
    b.onSuccess(0, T0);
    expect(b.state).toBe("OPEN");
    expect(b.metrics(T0).failureRate).toBe(80);
  });

  it("breaker: closed: the count window forgets the oldest call", () => {
    const b = new CircuitBreaker("ring", { slidingWindowSize: 4, minimumNumberOfCalls: 4 });
    b.onError(0, T0);
    b.onError(0, T0);
    b.onSuccess(0, T0);
    b.onSuccess(0, T0); // 2 of 4 failed: 50 % trips
    expect(b.state).toBe("OPEN");
    const c = new CircuitBreaker("ring2", { slidingWindowSize: 4, minimumNumberOfCalls: 4 });
    c.onError(0, T0);
    for (let i = 0; i < 3; i++) c.onSuccess(0, T0); // 25 %
    c.onSuccess(0, T0); // the failure slides out: 0 %
    expect(c.state).toBe("CLOSED");
    expect(c.metrics(T0).failureRate).toBe(0);
    expect(c.metrics(T0).numberOfBufferedCalls).toBe(4);
  });
});

describe("breaker: Resilience4j's CircuitBreakerStateMachineTest", () => {
  it("breaker: closed: opens after the failure rate threshold is exceeded (3 of 5 failed)", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    const m = () => b.metrics(T0);
    b.onError(0, T0);
    expect([b.state, m().failureRate, m().numberOfBufferedCalls, m().numberOfFailedCalls]).toEqual(["CLOSED", -1, 1, 1]);
    b.onError(0, T0);
    b.onError(0, T0);
    b.onSuccess(0, T0);
    expect([b.state, m().failureRate, m().numberOfSuccessfulCalls, m().numberOfBufferedCalls]).toEqual(["CLOSED", -1, 1, 4]);
    b.onSuccess(0, T0);
    expect(b.state).toBe("OPEN");
    expect(m()).toMatchObject({ failureRate: 60, numberOfSuccessfulCalls: 2, numberOfBufferedCalls: 5, numberOfFailedCalls: 3, numberOfNotPermittedCalls: 0 });
    expect(b.tryAcquirePermission(T0)).toBe(false);
    expect(m().numberOfNotPermittedCalls).toBe(1);
  });

  it("breaker: closed: opens after the slow call rate threshold is exceeded (3 of 5 slower than 4 s)", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    b.onError(5 * SECOND, T0);
    b.onSuccess(5 * SECOND, T0);
    b.onError(100 * MS, T0);
    b.onSuccess(100 * MS, T0);
    expect(b.state).toBe("CLOSED");
    b.onSuccess(5 * SECOND, T0);
    expect(b.state).toBe("OPEN");
    expect(b.metrics(T0)).toMatchObject({ numberOfBufferedCalls: 5, numberOfSlowCalls: 3, slowCallRate: 60, failureRate: 40 });
    expect(b.metrics(T0).numberOfSlowFailedCalls).toBe(1);
    expect(b.metrics(T0).numberOfSlowSuccessfulCalls).toBe(2);
  });

  it("breaker: closed: a call of exactly the slow-call threshold is not slow", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    for (let i = 0; i < 5; i++) b.onSuccess(4 * SECOND, T0);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0).slowCallRate).toBe(0);
    b.onSuccess(4 * SECOND + 1, T0);
    expect(b.metrics(T0).numberOfSlowCalls).toBe(1);
  });

  it("breaker: open: stays open until strictly after the wait, then the first request probes", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    b.transitionToOpenState(T0);
    expect(b.tryAcquirePermission(T0)).toBe(false);
    expect(b.tryAcquirePermission(T0 + 3 * SECOND)).toBe(false);
    expect(b.metrics(T0 + 3 * SECOND)).toMatchObject({ failureRate: -1, numberOfBufferedCalls: 0, numberOfNotPermittedCalls: 2 });
    // The wait ends at exactly T0 + 5 s; Resilience4j's `isAfter` is strict.
    expect(b.tryAcquirePermission(T0 + 5 * SECOND)).toBe(false);
    expect(b.state).toBe("OPEN");
    expect(b.tryAcquirePermission(T0 + 5 * SECOND + 1)).toBe(true);
    expect(b.state).toBe("HALF_OPEN");
    // HALF_OPEN starts with fresh metrics.
    expect(b.metrics(T0 + 5 * SECOND + 1)).toMatchObject({ failureRate: -1, numberOfBufferedCalls: 0, numberOfNotPermittedCalls: 0 });
  });

  it("breaker: open: the default wait is 60 s and the transition is lazy", () => {
    const b = new CircuitBreaker("r4j");
    b.transitionToOpenState(T0);
    expect(b.openUntil()).toBe(T0 + 60 * SECOND);
    expect(b.nextTransitionAt()).toBeNull();
    b.advance(T0 + 120 * SECOND);
    expect(b.state).toBe("OPEN");
    expect(b.tryAcquirePermission(T0 + 60 * SECOND)).toBe(false);
    expect(b.tryAcquirePermission(T0 + 60 * SECOND + 1)).toBe(true);
    expect(b.state).toBe("HALF_OPEN");
  });

  it("breaker: open: a backoff function lengthens the wait each time the breaker reopens", () => {
    // Resilience4j's shouldTransitionToHalfOpenAfterWaitInterval: exponential from 5 s, x1.5.
    const b = new CircuitBreaker("interval", { ...R4J_TEST, waitIntervalFunctionInOpenState: (attempt) => 5 * SECOND * 1.5 ** (attempt - 1) }, T0);
    b.transitionToOpenState(T0);
    expect(b.tryAcquirePermission(T0 + 3 * SECOND)).toBe(false);
    expect(b.tryAcquirePermission(T0 + 6 * SECOND)).toBe(true);
    expect(b.state).toBe("HALF_OPEN");
    const t1 = T0 + 6 * SECOND;
    b.transitionToOpenState(t1);
    expect(b.openUntil()).toBe(t1 + 7.5 * SECOND);
    expect(b.tryAcquirePermission(t1 + 6 * SECOND)).toBe(false);
    expect(b.tryAcquirePermission(t1 + 11 * SECOND)).toBe(true);
    b.onSuccess(0, t1 + 11 * SECOND);
    // Closing resets the attempt count: the next opening waits 5 s again.
    probe(b, ["ok", "ok", "ok"], t1 + 11 * SECOND);
    expect(b.state).toBe("CLOSED");
    b.transitionToOpenState(t1 + 12 * SECOND);
    expect(b.openUntil()).toBe(t1 + 17 * SECOND);
  });

  it("breaker: half-open: permits four probes and rejects the fifth; a released permission comes back", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    b.transitionToOpenState(T0);
    b.transitionToHalfOpenState(T0);
    for (let i = 0; i < 4; i++) expect(b.tryAcquirePermission(T0)).toBe(true);
    expect(b.tryAcquirePermission(T0)).toBe(false);
    expect(b.tryAcquirePermission(T0)).toBe(false);
    expect(b.metrics(T0).numberOfNotPermittedCalls).toBe(2);
    b.releasePermission();
    expect(b.tryAcquirePermission(T0)).toBe(true);
    expect(b.tryAcquirePermission(T0)).toBe(false);
    // Reopening and half-opening again gives four fresh permissions.
    b.transitionToOpenState(T0);
    b.transitionToHalfOpenState(T0);
    for (let i = 0; i < 4; i++) expect(b.tryAcquirePermission(T0)).toBe(true);
    expect(b.tryAcquirePermission(T0)).toBe(false);
  });

  it("breaker: half-open: with the defaults rejects the 11th concurrent call", () => {
    const b = new CircuitBreaker("r4j");
    b.transitionToOpenState(T0);
    const t = T0 + 60 * SECOND + 1;
    for (let i = 0; i < 10; i++) expect(b.tryAcquirePermission(t)).toBe(true);
    expect(b.tryAcquirePermission(t)).toBe(false);
    expect(b.halfOpenPermitsLeft()).toBe(0);
  });

  it("breaker: half-open: goes back to open when 3 of 4 probes fail (75 %)", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    b.transitionToOpenState(T0);
    b.transitionToHalfOpenState(T0);
    probe(b, ["fail", "fail", "ok"], T0);
    expect(b.state).toBe("HALF_OPEN");
    probe(b, ["fail"], T0);
    expect(b.state).toBe("OPEN");
    expect(b.metrics(T0)).toMatchObject({ failureRate: 75, numberOfSuccessfulCalls: 1, numberOfBufferedCalls: 4, numberOfFailedCalls: 3 });
  });

  it("breaker: half-open: goes back to open when 3 of 4 probes are slow", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    b.transitionToOpenState(T0);
    b.transitionToHalfOpenState(T0);
    probe(b, ["ok", "ok", "ok"], T0, 5 * SECOND);
    probe(b, ["ok"], T0, 1 * SECOND);
    expect(b.state).toBe("OPEN");
    expect(b.metrics(T0)).toMatchObject({ numberOfSlowCalls: 3, slowCallRate: 75, failureRate: 0 });
  });

  it("breaker: half-open: closes when 1 of 4 probes fails, with fresh metrics", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    b.transitionToOpenState(T0);
    b.transitionToHalfOpenState(T0);
    probe(b, ["fail", "ok", "ok"], T0);
    expect(b.state).toBe("HALF_OPEN");
    probe(b, ["ok"], T0);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0)).toMatchObject({ failureRate: -1, numberOfBufferedCalls: 0, numberOfFailedCalls: 0 });
    b.onSuccess(0, T0);
    expect(b.metrics(T0)).toMatchObject({ numberOfSuccessfulCalls: 1, numberOfBufferedCalls: 1 });
  });

  it("breaker: half-open: an ignored error releases its permission and is not recorded", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    b.transitionToOpenState(T0);
    b.transitionToHalfOpenState(T0);
    probe(b, ["ok", "ok", "ok"], T0);
    expect(b.tryAcquirePermission(T0)).toBe(true);
    b.releasePermission();
    expect(b.state).toBe("HALF_OPEN");
    expect(b.metrics(T0).numberOfBufferedCalls).toBe(3);
    probe(b, ["fail"], T0); // 1 of 4 failed: closes
    expect(b.state).toBe("CLOSED");
  });

  it("breaker: half-open: maxWaitDurationInHalfOpenState reopens a breaker whose probes never finish", () => {
    const b = new CircuitBreaker("limited", { ...R4J_TEST, maxWaitDurationInHalfOpenStateUs: 2 * SECOND }, T0);
    const seen = recorder(b);
    b.transitionToOpenState(T0);
    expect(b.tryAcquirePermission(T0 + 6 * SECOND)).toBe(true);
    expect(b.nextTransitionAt()).toBe(T0 + 8 * SECOND);
    b.advance(T0 + 8 * SECOND - 1);
    expect(b.state).toBe("HALF_OPEN");
    b.advance(T0 + 8 * SECOND);
    expect(b.state).toBe("OPEN");
    expect(seen.at(-1)).toMatchObject({ from: "HALF_OPEN", to: "OPEN", at: T0 + 8 * SECOND, reason: "half-open-timeout" });
    expect(b.openUntil()).toBe(T0 + 13 * SECOND);
  });

  it("breaker: open: with the automatic transition a timer at the end of the wait enters half-open", () => {
    const b = new CircuitBreaker("auto", { ...R4J_TEST, automaticTransitionFromOpenToHalfOpenEnabled: true }, T0);
    const seen = recorder(b);
    for (let i = 0; i < 5; i++) b.onError(0, T0);
    expect(b.nextTransitionAt()).toBe(T0 + 5 * SECOND);
    b.advance(T0 + 5 * SECOND - 1);
    expect(b.state).toBe("OPEN");
    b.advance(T0 + 5 * SECOND);
    expect(b.state).toBe("HALF_OPEN");
    expect(seen.map((t) => [t.from, t.to, t.at, t.reason])).toEqual([
      ["CLOSED", "OPEN", T0, "failure-rate"],
      ["OPEN", "HALF_OPEN", T0 + 5 * SECOND, "wait-elapsed"],
    ]);
    expect(b.nextTransitionAt()).toBeNull();
  });

  it("breaker: open: results of calls permitted before it opened are still recorded", () => {
    const b = new CircuitBreaker("late", { slidingWindowSize: 4, minimumNumberOfCalls: 4 });
    for (let i = 0; i < 4; i++) b.onError(0, T0);
    expect(b.state).toBe("OPEN");
    b.onSuccess(0, T0);
    expect(b.state).toBe("OPEN");
    expect(b.metrics(T0)).toMatchObject({ numberOfBufferedCalls: 4, numberOfFailedCalls: 3, failureRate: 75 });
  });
});

describe("breaker: time-based window", () => {
  it("breaker: time-based: failures older than the window no longer count", () => {
    const b = new CircuitBreaker("tb", { ...R4J_TEST, minimumNumberOfCalls: 3 }, T0);
    b.onError(0, T0);
    b.onError(0, T0 + 1 * SECOND);
    expect(b.metrics(T0 + 4 * SECOND + 999_999).numberOfBufferedCalls).toBe(2);
    // At T0 + 5 s the bucket of T0 leaves the 5-second window.
    expect(b.metrics(T0 + 5 * SECOND).numberOfBufferedCalls).toBe(1);
    b.onError(0, T0 + 5 * SECOND);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0 + 5 * SECOND).failureRate).toBe(-1);
    b.onError(0, T0 + 5 * SECOND);
    expect(b.state).toBe("OPEN");
  });

  it("breaker: time-based: the minimum number of calls is not capped by the window size", () => {
    const b = new CircuitBreaker("tb", { ...R4J_TEST, minimumNumberOfCalls: 8 }, T0);
    for (let i = 0; i < 7; i++) b.onError(0, T0);
    expect(b.state).toBe("CLOSED");
    b.onError(0, T0);
    expect(b.state).toBe("OPEN");
  });
});

describe("breaker: special states", () => {
  it("breaker: disabled: every call passes and nothing is recorded", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    b.transitionToDisabledState(T0);
    for (let i = 0; i < 10; i++) {
      expect(b.tryAcquirePermission(T0)).toBe(true);
      b.onError(0, T0);
    }
    expect(b.state).toBe("DISABLED");
    expect(b.metrics(T0)).toMatchObject({ failureRate: -1, numberOfBufferedCalls: 0, numberOfNotPermittedCalls: 0 });
  });

  it("breaker: forced open: rejects every call and does not leave when the wait has passed", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    b.transitionToForcedOpenState(T0);
    expect(b.tryAcquirePermission(T0)).toBe(false);
    expect(b.tryAcquirePermission(T0 + 6 * SECOND)).toBe(false);
    b.advance(T0 + 600 * SECOND);
    expect(b.state).toBe("FORCED_OPEN");
    expect(b.metrics(T0)).toMatchObject({ failureRate: -1, numberOfBufferedCalls: 0, numberOfNotPermittedCalls: 2 });
    expect(b.nextTransitionAt()).toBeNull();
  });

  it("breaker: metrics only: records every call but never opens", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    b.transitionToMetricsOnlyState(T0);
    for (let i = 0; i < 10; i++) {
      expect(b.tryAcquirePermission(T0)).toBe(true);
      b.onError(5 * SECOND, T0);
    }
    expect(b.state).toBe("METRICS_ONLY");
    expect(b.metrics(T0)).toMatchObject({ failureRate: 100, slowCallRate: 100, numberOfBufferedCalls: 10 });
  });

  it("breaker: illegal transitions throw with Resilience4j's message and change nothing", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    expect(() => b.transitionToHalfOpenState(T0)).toThrow("CircuitBreaker 'testName' tried an illegal state transition from CLOSED to HALF_OPEN");
    expect(b.state).toBe("CLOSED");
    b.transitionToMetricsOnlyState(T0);
    expect(() => b.transitionToOpenState(T0)).toThrow("from METRICS_ONLY to OPEN");
    expect(() => b.transitionToHalfOpenState(T0)).toThrow("from METRICS_ONLY to HALF_OPEN");
    expect(b.state).toBe("METRICS_ONLY");
  });

  it("breaker: reset: returns to closed with fresh metrics from any state", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    const seen = recorder(b);
    b.onSuccess(0, T0);
    b.onError(0, T0);
    expect(b.metrics(T0)).toMatchObject({ numberOfBufferedCalls: 2, numberOfFailedCalls: 1 });
    b.reset(T0);
    expect(b.metrics(T0).numberOfBufferedCalls).toBe(0);
    expect(seen).toEqual([]);
    b.transitionToForcedOpenState(T0);
    b.reset(T0 + 1);
    expect(b.state).toBe("CLOSED");
    expect(seen.at(-1)).toMatchObject({ from: "FORCED_OPEN", to: "CLOSED", reason: "reset" });
  });
});

describe("breaker: transition listener", () => {
  it("breaker: listener: hears every real transition with its reason, not self edges, until unsubscribed", () => {
    const b = new CircuitBreaker("testName", R4J_TEST, T0);
    const seen: BreakerTransition[] = [];
    const off = b.onStateTransition((t) => seen.push(t));
    b.transitionToOpenState(T0);
    b.transitionToOpenState(T0 + 1); // a self edge: restarts the wait, publishes nothing
    expect(b.openUntil()).toBe(T0 + 1 + 5 * SECOND);
    expect(b.tryAcquirePermission(T0 + 6 * SECOND)).toBe(true);
    b.onSuccess(0, T0 + 6 * SECOND);
    probe(b, ["ok", "ok", "ok"], T0 + 6 * SECOND);
    expect(seen.map((t) => `${t.from}>${t.to}:${t.reason}`)).toEqual([
      "CLOSED>OPEN:manual",
      "OPEN>HALF_OPEN:wait-elapsed",
      "HALF_OPEN>CLOSED:probes-passed",
    ]);
    expect(seen.every((t) => t.breaker === "testName")).toBe(true);
    off();
    b.transitionToOpenState(T0 + 7 * SECOND);
    expect(seen).toHaveLength(3);
  });
});

describe("breaker: bug zoo", () => {
  it("breaker: bug half-open-lets-all-through: half-open permits every call", () => {
    const b = new CircuitBreaker("buggy", { ...R4J_TEST, bug: "half-open-lets-all-through" }, T0);
    b.transitionToOpenState(T0);
    b.transitionToHalfOpenState(T0);
    for (let i = 0; i < 50; i++) expect(b.tryAcquirePermission(T0)).toBe(true);
    expect(b.metrics(T0).numberOfNotPermittedCalls).toBe(0);
    // The probes' results still decide: 4 successes close it.
    for (let i = 0; i < 4; i++) b.onSuccess(0, T0);
    expect(b.state).toBe("CLOSED");
  });
});
