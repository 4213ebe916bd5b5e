/**
 * The states of a circuit breaker, named as Resilience4j names them (CircuitBreaker.State), so a
 * reader who knows Resilience4j recognises every state in a trace.
 */
export type BreakerState = "CLOSED" | "OPEN" | "HALF_OPEN" | "DISABLED" | "FORCED_OPEN" | "METRICS_ONLY";

/** Every breaker state, in Resilience4j's fixed order (CLOSED 0 ... METRICS_ONLY 5). */
export const BREAKER_STATES: readonly BreakerState[] = [
  "CLOSED",
  "OPEN",
  "HALF_OPEN",
  "DISABLED",
  "FORCED_OPEN",
  "METRICS_ONLY",
];

/**
 * The legal edges of the state machine, copied from Resilience4j's `CircuitBreaker.StateTransition`
 * enum. An edge from a state to itself is legal and "internal": it rebuilds the state (an OPEN to
 * OPEN edge restarts the wait) but publishes no transition event. Three edges are missing on
 * purpose: CLOSED cannot go straight to HALF_OPEN, and METRICS_ONLY never goes to OPEN or HALF_OPEN,
 * because a breaker that only measures must never start rejecting calls.
 */
const LEGAL: Readonly<Record<BreakerState, readonly BreakerState[]>> = {
  CLOSED: ["CLOSED", "OPEN", "DISABLED", "METRICS_ONLY", "FORCED_OPEN"],
  HALF_OPEN: ["HALF_OPEN", "CLOSED", "OPEN", "DISABLED", "METRICS_ONLY", "FORCED_OPEN"],
  OPEN: ["OPEN", "CLOSED", "HALF_OPEN", "DISABLED", "METRICS_ONLY", "FORCED_OPEN"],
  FORCED_OPEN: ["FORCED_OPEN", "CLOSED", "OPEN", "DISABLED", "METRICS_ONLY", "HALF_OPEN"],
  DISABLED: ["DISABLED", "CLOSED", "OPEN", "FORCED_OPEN", "HALF_OPEN", "METRICS_ONLY"],
  METRICS_ONLY: ["METRICS_ONLY", "CLOSED", "FORCED_OPEN", "DISABLED"],
};

/** True when Resilience4j allows the edge `from -> to` (self edges included). */
export function isLegalTransition(from: BreakerState, to: BreakerState): boolean {
  return LEGAL[from].includes(to);
}

/**
 * Thrown by a manual `transitionTo*` that asks for an edge Resilience4j forbids. The message is
 * Resilience4j's own wording, so the mistake reads the same as it would in Java.
 */
export class IllegalStateTransitionError extends Error {
  readonly from: BreakerState;
  readonly to: BreakerState;
  constructor(name: string, from: BreakerState, to: BreakerState) {
    super(`CircuitBreaker '${name}' tried an illegal state transition from ${from} to ${to}`);
    this.name = "IllegalStateTransitionError";
    this.from = from;
    this.to = to;
  }
}
