import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { SECOND } from "../../core/time";
import { CircuitBreaker } from "./circuit-breaker";
import type { BreakerTransition } from "./circuit-breaker";
import type { BreakerBug, BreakerOptions } from "./breaker-options";
import { BREAKER_STATES, isLegalTransition } from "./breaker-state";
import type { BreakerState } from "./breaker-state";

/** One step a client or an operator can take against a breaker. */
type Step =
  | { kind: "tick"; dtUs: number }
  | { kind: "acquire" }
  | { kind: "finish"; pick: number; failed: boolean; durationUs: number }
  | { kind: "release"; pick: number }
  | { kind: "advance" }
  | { kind: "manual"; to: BreakerState };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("tick" as const), dtUs: fc.integer({ min: 0, max: 4 * SECOND }) }) },
  { weight: 6, arbitrary: fc.constant({ kind: "acquire" as const }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("finish" as const),
      pick: fc.nat(),
      failed: fc.boolean(),
      durationUs: fc.integer({ min: 0, max: 3 * SECOND }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("release" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.constant({ kind: "advance" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("manual" as const), to: fc.constantFrom(...BREAKER_STATES) }) },
);

/** Small windows and short waits, so that short step lists reach every state. */
const optionsArb = (bug: BreakerBug): fc.Arbitrary<Partial<BreakerOptions>> =>
  fc.record({
    slidingWindowType: fc.constantFrom("COUNT_BASED" as const, "TIME_BASED" as const),
    slidingWindowSize: fc.integer({ min: 1, max: 5 }),
    minimumNumberOfCalls: fc.integer({ min: 0, max: 5 }),
    permittedNumberOfCallsInHalfOpenState: fc.integer({ min: 1, max: 4 }),
    failureRateThreshold: fc.integer({ min: 1, max: 100 }),
    slowCallRateThreshold: fc.integer({ min: 1, max: 100 }),
    slowCallDurationThresholdUs: fc.integer({ min: 0, max: 2 * SECOND }),
    waitDurationInOpenStateUs: fc.integer({ min: 1, max: 3 * SECOND }),
    automaticTransitionFromOpenToHalfOpenEnabled: fc.boolean(),
    maxWaitDurationInHalfOpenStateUs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * SECOND })),
    thresholdComparison: fc.constantFrom(">=" as const, ">" as const),
    bug: fc.constant(bug),
  });

/** The manual transition for each target state. */
const MANUAL: Record<BreakerState, (b: CircuitBreaker, now: number) => void> = {
  CLOSED: (b, now) => b.transitionToClosedState(now),
  OPEN: (b, now) => b.transitionToOpenState(now),
  HALF_OPEN: (b, now) => b.transitionToHalfOpenState(now),
  DISABLED: (b, now) => b.transitionToDisabledState(now),
  FORCED_OPEN: (b, now) => b.transitionToForcedOpenState(now),
  METRICS_ONLY: (b, now) => b.transitionToMetricsOnlyState(now),
};

interface RunLog {
  transitions: BreakerTransition[];
  /** The largest (probes granted - permissions released) seen within one HALF_OPEN episode. */
  maxNetProbes: number;
  permitted: number;
  stateAgreesWithEvents: boolean;
}

/** Plays the steps against a breaker, the way a proxy would, and records what it saw. */
function play(options: Partial<BreakerOptions>, steps: readonly Step[]): RunLog {
  let now = 10 * SECOND;
  const b = new CircuitBreaker("prop", options, now);
  const transitions: BreakerTransition[] = [];
  let granted = 0;
  let released = 0;
  let maxNetProbes = 0;
  let stateAgreesWithEvents = true;
  b.onStateTransition((t) => {
    transitions.push(t);
    if (t.to === "HALF_OPEN") {
      granted = 0;
      released = 0;
    }
  });
  const outstanding: number[] = [];
  for (const step of steps) {
    switch (step.kind) {
      case "tick":
        now += step.dtUs;
        break;
      case "acquire":
        if (b.tryAcquirePermission(now)) {
          outstanding.push(now);
          if (b.state === "HALF_OPEN") granted++;
        }
        break;
      case "finish": {
        if (outstanding.length === 0) break;
        outstanding.splice(step.pick % outstanding.length, 1);
        if (step.failed) b.onError(step.durationUs, now);
        else b.onSuccess(step.durationUs, now);
        break;
      }
      case "release":
        if (outstanding.length === 0) break;
        outstanding.splice(step.pick % outstanding.length, 1);
        if (b.state === "HALF_OPEN") released++;
        b.releasePermission();
        break;
      case "advance":
        b.advance(now);
        break;
      case "manual":
        // A HALF_OPEN -> HALF_OPEN self edge rebuilds the state with fresh permissions but
        // publishes nothing, so the episode restarts here rather than in the listener.
        if (step.to === "HALF_OPEN" && b.state === "HALF_OPEN") {
          granted = 0;
          released = 0;
        }
        try {
          MANUAL[step.to](b, now);
        } catch (e) {
          if (!(e instanceof Error) || e.name !== "IllegalStateTransitionError") throw e;
        }
        break;
    }
    if (b.state === "HALF_OPEN") maxNetProbes = Math.max(maxNetProbes, granted - released);
    const last = transitions.at(-1);
    if (b.state !== (last ? last.to : "CLOSED")) stateAgreesWithEvents = false;
  }
  return { transitions, maxNetProbes, permitted: b.options.permittedNumberOfCallsInHalfOpenState, stateAgreesWithEvents };
}

const runs = fc.tuple(optionsArb("none"), fc.array(stepArb, { minLength: 30, maxLength: 150 }));

describe("breaker: properties", () => {
  it("breaker property: half-open never has more than `permitted` probes out at once", () => {
    fc.assert(
      fc.property(runs, ([options, steps]) => {
        const log = play(options, steps);
        expect(log.maxNetProbes).toBeLessThanOrEqual(log.permitted);
      }),
      { numRuns: 400 },
    );
  });

  it("breaker property: the generated runs do reach half-open with every probe out (the bound is exercised)", () => {
    const samples = fc.sample(runs, { numRuns: 300, seed: 11 });
    const atBound = samples.filter(([options, steps]) => {
      const log = play(options, steps);
      return log.maxNetProbes === log.permitted;
    }).length;
    expect(atBound).toBeGreaterThan(30);
  });

  it("breaker property: every published transition is a legal edge, chained from CLOSED, and matches `state`", () => {
    fc.assert(
      fc.property(runs, ([options, steps]) => {
        const log = play(options, steps);
        let previous: BreakerState = "CLOSED";
        for (const t of log.transitions) {
          expect(t.from).toBe(previous);
          expect(t.to).not.toBe(t.from);
          expect(isLegalTransition(t.from, t.to)).toBe(true);
          previous = t.to;
        }
        expect(log.stateAgreesWithEvents).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("breaker property: timestamps of transitions never go backwards", () => {
    fc.assert(
      fc.property(runs, ([options, steps]) => {
        const at = play(options, steps).transitions.map((t) => t.at);
        expect(at).toEqual([...at].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  it("breaker property: with the half-open bug on, the probe bound is broken and the property catches it", () => {
    const buggy = fc.tuple(optionsArb("half-open-lets-all-through"), fc.array(stepArb, { minLength: 30, maxLength: 150 }));
    const result = fc.check(
      fc.property(buggy, ([options, steps]) => {
        const log = play(options, steps);
        return log.maxNetProbes <= log.permitted;
      }),
      { numRuns: 2000, seed: 7 },
    );
    expect(result.failed).toBe(true);
  });

  it("breaker property: the same steps give the same transitions (determinism)", () => {
    fc.assert(
      fc.property(runs, ([options, steps]) => {
        expect(play(options, steps).transitions).toEqual(play(options, steps).transitions);
      }),
      { numRuns: 100 },
    );
  });
});
