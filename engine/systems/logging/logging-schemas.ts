import type { JsonObject } from "../../core/json";
import { closedObject, duration, rate } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { LOG_AGENT_OPTIONS, LOG_COLLECTOR_OPTIONS } from "./logging-options";

/** The `log-agent` kind's config; `arrival` and `stopAt` come from a workload entry. */
export const LOG_AGENT_SCHEMA: JsonObject = closedObject({
  ...optionsSchema(LOG_AGENT_OPTIONS),
  collectors: { type: "array", minItems: 1, items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description: "Collectors to ship to, the next one after a failure (default every log-collector)." },
  arrival: { type: "object", description: "The application's writing pattern (set by a workload entry's rate, burst or ramp)." },
  rate: rate("Lines written per second, Poisson (instead of arrival)."),
  stopAt: duration("The application stops writing at this time."),
  stopAtUs: duration("The same as stopAt."),
  retryMaxIntervalUs: { anyOf: [{ type: "null" }, duration("Longest retry wait (Fluentd retry_max_interval; default none).")] },
}, "A log agent (Fluentd, Filebeat): a disk buffer of chunks, overflow policy, shipping with acks and retries.");

/** The `log-collector` kind's config. */
export const LOG_COLLECTOR_SCHEMA: JsonObject = closedObject(optionsSchema(LOG_COLLECTOR_OPTIONS), "A log collector: durable store, acks, dedup by (agent, sequence).");
