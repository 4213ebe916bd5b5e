// A client written the way a TypeScript team writes one with cockatiel: a retry with
// exponential backoff and jitter around a circuit breaker that opens after consecutive
// failures, the package unmodified. cockatiel reads `Date.now()` to decide when an open breaker
// may half-open, `setTimeout` for its backoff delays and `Math.random()` for their jitter;
// under clustersim's virtual time (scenarios/sandbox/) those are the process's node clock,
// kernel timers and seeded stream, so the jitter too is the same on every replay of a seed.
import {
  BrokenCircuitError, CircuitState, ConsecutiveBreaker, ExponentialBackoff, circuitBreaker, handleAll, handleWhen, retry, wrap,
} from "cockatiel";

const STATE = { [CircuitState.Closed]: "CLOSED", [CircuitState.Open]: "OPEN", [CircuitState.HalfOpen]: "HALF_OPEN", [CircuitState.Isolated]: "FORCED_OPEN" };

/**
 * Calls `config.target` `config.rate` times a second through `retry(...).wrap(circuitBreaker(...))`:
 * `config.retries` retries (cockatiel counts retries, not attempts) with exponential backoff from
 * `config.initialDelayMs`, never retrying a call the open breaker refused, and a breaker that
 * opens after `config.consecutiveFailures` failures in a row and half-opens `config.halfOpenAfterMs`
 * later (on the next call, which is the one probe). It records `call-attempt` and
 * `breaker-transition` as clustersim's proxy does, so `breaker-probes` judges cockatiel too.
 * Metrics: `cockatiel.<state>` per transition, `cockatiel.calls.*`, `cockatiel.retries`.
 */
export function cockatielClient(rt, config) {
  const name = "cockatiel";
  const breaker = circuitBreaker(handleAll, {
    halfOpenAfter: config.halfOpenAfterMs ?? 10_000,
    breaker: new ConsecutiveBreaker(config.consecutiveFailures ?? 5),
  });
  const retrying = retry(handleWhen((e) => !(e instanceof BrokenCircuitError)), {
    maxAttempts: config.retries ?? 3,
    backoff: new ExponentialBackoff({ initialDelay: config.initialDelayMs ?? 128, maxDelay: 1000 }),
  });
  const policy = wrap(retrying, breaker);
  let state = "CLOSED";
  const transition = (to) => {
    if (to === state) return;
    rt.record("breaker-transition", { breaker: name, from: state, to, permits: 1 });
    rt.metrics.count(`cockatiel.${to.toLowerCase()}`);
    state = to;
  };
  breaker.onStateChange((s) => transition(STATE[s]));
  retrying.onRetry(() => rt.metrics.count("cockatiel.retries"));
  let n = 0;
  return {
    start() {
      setInterval(() => {
        const body = { n: n++ };
        policy.execute(() => {
          // cockatiel starts the half-open probe before it announces HALF_OPEN; an attempt while
          // it is open can only be that probe, so the transition is recorded first, in its order.
          if (state === "OPEN") transition("HALF_OPEN");
          rt.record("call-attempt", { breaker: name, to: config.target });
          return rt.call(config.target, "get", body);
        }).then(
          () => rt.metrics.count("cockatiel.calls.ok"),
          (e) => rt.metrics.count(e instanceof BrokenCircuitError ? "cockatiel.calls.rejected" : "cockatiel.calls.error"),
        );
      }, 1000 / config.rate);
    },
  };
}

export const processes = {
  "cockatiel-client": {
    factory: cockatielClient,
    description: "A client calling one address through cockatiel's retry and consecutive-failure breaker (the npm package, unmodified, under virtual time).",
    configSchema: {
      type: "object", required: ["target", "rate"], additionalProperties: false,
      properties: {
        target: { type: "string", description: "The address to call: node/process." },
        rate: { type: "number", exclusiveMinimum: 0, description: "Calls a second, evenly spaced." },
        retries: { type: "integer", minimum: 0, description: "Retries after the first attempt (cockatiel's maxAttempts)." },
        initialDelayMs: { type: "number", minimum: 0, description: "The first backoff delay, in milliseconds." },
        consecutiveFailures: { type: "integer", minimum: 1, description: "Failures in a row that open the breaker." },
        halfOpenAfterMs: { type: "number", minimum: 0, description: "How long the breaker stays open before the next call may probe." },
      },
    },
  },
};
