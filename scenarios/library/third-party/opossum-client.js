// A client written the way a Node team writes one, with opossum's circuit breaker, unmodified
// and knowing nothing of the simulator but the runtime's `call` and `record`. opossum keeps its
// own time with `setTimeout`, `setInterval` and `Date.now()` (its call timeout, its reset timer,
// its rolling window's buckets) and names itself with `Math.random()`; clustersim runs every kind
// a scenario's `modules:` brings under virtual time (scenarios/sandbox/), so all of that reads the
// process's node clock and seeded stream, and the run replays byte for byte.
import CircuitBreaker from "opossum";

/** opossum's state, as clustersim's breakers name theirs. */
const STATE = { open: "OPEN", halfOpen: "HALF_OPEN", close: "CLOSED" };

/**
 * Calls `config.target` `config.rate` times a second through one opossum breaker (options
 * `config.options`, opossum's defaults otherwise), with a fallback. Every call actually sent is a
 * `call-attempt` and every state change a `breaker-transition` (opossum lets one probe through
 * when half open), the records clustersim's own proxy writes, so the `breaker-probes` checker
 * judges opossum by the same rule. Metrics: `opossum.<state>` per transition, `opossum.calls.*`.
 */
export function opossumClient(rt, config) {
  const name = "opossum";
  const options = { timeout: 10_000, ...config.options };
  const breaker = new CircuitBreaker((body) => {
    rt.record("call-attempt", { breaker: name, to: config.target });
    // The runtime's own timeout only backs opossum's up: opossum's timer decides.
    return rt.call(config.target, "get", body, { timeout: (options.timeout + 1000) * 1000 });
  }, options);
  breaker.fallback(() => ({ from: "fallback" }));
  let state = "CLOSED";
  for (const [event, to] of Object.entries(STATE)) {
    breaker.on(event, () => {
      rt.record("breaker-transition", { breaker: name, from: state, to, permits: 1 });
      rt.metrics.count(`opossum.${to.toLowerCase()}`);
      state = to;
    });
  }
  breaker.on("success", () => rt.metrics.count("opossum.calls.success"));
  breaker.on("failure", () => rt.metrics.count("opossum.calls.failure"));
  breaker.on("reject", () => rt.metrics.count("opossum.calls.rejected"));
  breaker.on("timeout", () => rt.metrics.count("opossum.calls.timeout"));
  let n = 0;
  return {
    start() {
      setInterval(() => {
        breaker.fire({ n: n++ }).then(
          (reply) => rt.metrics.count(reply && reply.from === "fallback" ? "opossum.calls.fallback" : "opossum.calls.ok"),
          () => rt.metrics.count("opossum.calls.error"),
        );
      }, 1000 / config.rate);
    },
  };
}

export const processes = {
  "opossum-client": {
    factory: opossumClient,
    description: "A client calling one address through opossum's circuit breaker (the npm package, unmodified, under virtual time).",
    configSchema: {
      type: "object", required: ["target", "rate"], additionalProperties: false,
      properties: {
        target: { type: "string", description: "The address to call: node/process." },
        rate: { type: "number", exclusiveMinimum: 0, description: "Calls a second, evenly spaced." },
        options: { type: "object", description: "opossum's options (timeout, errorThresholdPercentage, resetTimeout, rollingCountTimeout, rollingCountBuckets, volumeThreshold...)." },
      },
    },
  },
};
