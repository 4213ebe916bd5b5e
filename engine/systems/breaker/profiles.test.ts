import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { CircuitBreaker } from "./circuit-breaker";
import { BREAKER_PROFILES, RESILIENCE4J_BREAKER, breakerProfile } from "./profiles";

const T0 = 100 * SECOND;

function hystrix(): CircuitBreaker {
  return new CircuitBreaker("hystrix", BREAKER_PROFILES.hystrix.breaker, T0);
}

function opossum(): CircuitBreaker {
  return new CircuitBreaker("opossum", BREAKER_PROFILES.opossum.breaker, T0);
}

describe("breaker profiles: the documented numbers", () => {
  it("profiles: resilience4j carries Resilience4j's defaults and a 1 s time limiter", () => {
    expect(RESILIENCE4J_BREAKER).toMatchObject({
      failureRateThreshold: 50,
      slowCallRateThreshold: 100,
      slowCallDurationThresholdUs: 60 * SECOND,
      waitDurationInOpenStateUs: 60 * SECOND,
      permittedNumberOfCallsInHalfOpenState: 10,
      minimumNumberOfCalls: 100,
      slidingWindowSize: 100,
      slidingWindowType: "COUNT_BASED",
      automaticTransitionFromOpenToHalfOpenEnabled: false,
      maxWaitDurationInHalfOpenStateUs: 0,
    });
    expect(BREAKER_PROFILES.resilience4j.callTimeoutUs).toBe(1 * SECOND);
  });

  it("profiles: hystrix has a 1000 ms timeout and opossum a 10 s timeout", () => {
    expect(BREAKER_PROFILES.hystrix.callTimeoutUs).toBe(1000 * MS);
    expect(BREAKER_PROFILES.opossum.callTimeoutUs).toBe(10 * SECOND);
  });

  it("profiles: an unknown profile name lists the ones that exist", () => {
    expect(breakerProfile("hystrix")).toBe(BREAKER_PROFILES.hystrix);
    expect(() => breakerProfile("histrix")).toThrow("breaker profile 'histrix' does not exist; the profiles are: resilience4j, hystrix, opossum");
  });
});

describe("breaker profiles: hystrix", () => {
  it("hystrix: below 20 requests in the window nothing changes, even at 100 % errors", () => {
    const b = hystrix();
    for (let i = 0; i < 19; i++) b.onError(0, T0 + i * 100 * MS);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0 + 2 * SECOND).failureRate).toBe(-1);
  });

  it("hystrix: the 20th request at an error percentage of exactly 50 opens the circuit", () => {
    const b = hystrix();
    for (let i = 0; i < 10; i++) b.onSuccess(0, T0);
    for (let i = 0; i < 9; i++) b.onError(0, T0);
    expect(b.state).toBe("CLOSED");
    b.onError(0, T0);
    expect(b.state).toBe("OPEN");
    expect(b.metrics(T0).failureRate).toBe(50);
  });

  it("hystrix: 9 errors in 20 requests (45 %) keep it closed", () => {
    const b = hystrix();
    for (let i = 0; i < 11; i++) b.onSuccess(0, T0);
    for (let i = 0; i < 9; i++) b.onError(0, T0);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0).failureRate).toBe(45);
  });

  it("hystrix: the error percentage is truncated to a whole percent, as HealthCounts does", () => {
    const b = hystrix();
    for (let i = 0; i < 20; i++) b.onSuccess(0, T0);
    for (let i = 0; i < 10; i++) b.onError(0, T0);
    expect(b.metrics(T0).failureRate).toBe(33);
  });

  it("hystrix: requests older than the 10 s window do not count toward the 20", () => {
    const b = hystrix();
    for (let i = 0; i < 10; i++) b.onError(0, T0);
    for (let i = 0; i < 10; i++) b.onError(0, T0 + 10 * SECOND);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0 + 10 * SECOND).numberOfBufferedCalls).toBe(10);
  });

  it("hystrix: one trial request strictly after the 5 s sleep window; success closes and resets the stats", () => {
    const b = hystrix();
    for (let i = 0; i < 20; i++) b.onError(0, T0);
    expect(b.state).toBe("OPEN");
    expect(b.tryAcquirePermission(T0 + 5 * SECOND)).toBe(false);
    expect(b.tryAcquirePermission(T0 + 5 * SECOND + 1)).toBe(true);
    expect(b.state).toBe("HALF_OPEN");
    expect(b.tryAcquirePermission(T0 + 5 * SECOND + 2)).toBe(false);
    b.onSuccess(30 * MS, T0 + 5 * SECOND + 30 * MS);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0 + 6 * SECOND)).toMatchObject({ numberOfBufferedCalls: 0, failureRate: -1 });
  });

  it("hystrix: a failed trial reopens the circuit for another 5 s", () => {
    const b = hystrix();
    for (let i = 0; i < 20; i++) b.onError(0, T0);
    const trial = T0 + 6 * SECOND;
    expect(b.tryAcquirePermission(trial)).toBe(true);
    b.onError(10 * MS, trial + 10 * MS);
    expect(b.state).toBe("OPEN");
    expect(b.openUntil()).toBe(trial + 10 * MS + 5 * SECOND);
    expect(b.tryAcquirePermission(trial + 5 * SECOND)).toBe(false);
  });
});

describe("breaker profiles: opossum", () => {
  it("opossum: exactly 50 % errors do not open it (strictly greater), where Resilience4j's rule would", () => {
    const b = opossum();
    b.onSuccess(0, T0);
    b.onError(0, T0);
    expect(b.state).toBe("CLOSED");
    expect(b.metrics(T0).failureRate).toBe(50);
    const r4jRule = new CircuitBreaker("same-but->=", { ...BREAKER_PROFILES.opossum.breaker, thresholdComparison: ">=" }, T0);
    r4jRule.onSuccess(0, T0);
    r4jRule.onError(0, T0);
    expect(r4jRule.state).toBe("OPEN");
  });

  it("opossum: above 50 % opens it, with no volume threshold", () => {
    const b = opossum();
    b.onSuccess(0, T0);
    b.onError(0, T0);
    b.onError(0, T0);
    expect(b.state).toBe("OPEN");
    const first = opossum();
    first.onError(0, T0);
    expect(first.state).toBe("OPEN");
  });

  it("opossum: the 30 s reset timer enters half-open, which allows a single attempt", () => {
    const b = opossum();
    b.onError(0, T0);
    expect(b.nextTransitionAt()).toBe(T0 + 30 * SECOND);
    b.advance(T0 + 30 * SECOND);
    expect(b.state).toBe("HALF_OPEN");
    expect(b.tryAcquirePermission(T0 + 30 * SECOND)).toBe(true);
    expect(b.tryAcquirePermission(T0 + 30 * SECOND)).toBe(false);
    b.onError(0, T0 + 31 * SECOND);
    expect(b.state).toBe("OPEN");
    expect(b.nextTransitionAt()).toBe(T0 + 61 * SECOND);
    b.advance(T0 + 61 * SECOND);
    expect(b.tryAcquirePermission(T0 + 61 * SECOND)).toBe(true);
    b.onSuccess(0, T0 + 62 * SECOND);
    expect(b.state).toBe("CLOSED");
  });
});
