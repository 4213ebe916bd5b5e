import { describe, expect, it } from "vitest";
import { SECOND } from "../../core/time";
import { BreakerConfigError, resolveBreakerOptions } from "./resolve-breaker-options";
import { RESILIENCE4J_BREAKER } from "./profiles";

describe("breaker options", () => {
  it("options: unset options take Resilience4j's defaults", () => {
    expect(resolveBreakerOptions("b", { waitDurationInOpenStateUs: 5 * SECOND })).toEqual({ ...RESILIENCE4J_BREAKER, waitDurationInOpenStateUs: 5 * SECOND });
  });

  it("options: a bad value names the breaker, the option, the allowed range and the value given", () => {
    expect(() => resolveBreakerOptions("payments", { failureRateThreshold: 150 })).toThrow(
      "breaker 'payments': failureRateThreshold must be a percentage in (0, 100], got 150",
    );
    expect(() => resolveBreakerOptions("p", { permittedNumberOfCallsInHalfOpenState: 0 })).toThrow(BreakerConfigError);
    expect(() => resolveBreakerOptions("p", { slidingWindowType: "COUNT" as never })).toThrow('slidingWindowType must be "COUNT_BASED" or "TIME_BASED", got "COUNT"');
    expect(() => resolveBreakerOptions("p", { waitDurationInOpenStateUs: 0.5 })).toThrow("waitDurationInOpenStateUs must be a whole number of microseconds >= 1");
    expect(() => resolveBreakerOptions("p", { bug: "typo" as never })).toThrow('bug must be "none" or "half-open-lets-all-through"');
  });

  it("options: the error carries a stable code and the option", () => {
    try {
      resolveBreakerOptions("p", { slidingWindowSize: 0 });
      expect.unreachable("a window of size 0 must be refused");
    } catch (e) {
      expect(e).toBeInstanceOf(BreakerConfigError);
      expect((e as BreakerConfigError).code).toBe("CS701");
      expect((e as BreakerConfigError).option).toBe("slidingWindowSize");
    }
  });
});
