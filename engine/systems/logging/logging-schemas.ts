import type { JsonObject } from "../../core/json";
import { bool, closedObject, duration, int, rate } from "../../options/schema-fragments";

/** The `log-agent` kind's config; `arrival` and `stopAt` come from a workload entry. */
export const LOG_AGENT_SCHEMA: JsonObject = closedObject({
  collectors: { type: "array", minItems: 1, items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description: "Collectors to ship to, the next one after a failure (default every log-collector)." },
  arrival: { type: "object", description: "The application's writing pattern (set by a workload entry's rate, burst or ramp)." },
  rate: rate("Lines written per second, Poisson (instead of arrival)."),
  stopAt: duration("The application stops writing at this time."),
  stopAtUs: duration("The same as stopAt."),
  chunkLimitLines: int(1, "Lines per chunk (Fluentd chunk_limit_records; default 100)."),
  totalLimitLines: int(1, "Lines the buffer holds at most (Fluentd total_limit_size, in lines; default 10000)."),
  overflowAction: { enum: ["throw_exception", "block", "drop_oldest_chunk"], description: "What a full buffer does (Fluentd overflow_action; default throw_exception)." },
  flushIntervalUs: duration("Close the staged chunk and send this often (Fluentd flush_interval: 60 s)."),
  retryWaitUs: duration("First retry wait (Fluentd retry_wait: 1 s)."),
  retryExponentialBackoffBase: { type: "number", minimum: 1, description: "Fluentd retry_exponential_backoff_base: 2." },
  retryMaxIntervalUs: { anyOf: [{ type: "null" }, duration("Longest retry wait (Fluentd retry_max_interval; default none).")] },
  ackResponseTimeoutUs: duration("How long to wait for an ack (Fluentd ack_response_timeout: 190 s)."),
  requireAckResponse: bool("Keep a chunk until the collector acks it (default true; Fluentd's default is false)."),
}, "A log agent (Fluentd, Filebeat): a disk buffer of chunks, overflow policy, shipping with acks and retries.");

/** The `log-collector` kind's config. */
export const LOG_COLLECTOR_SCHEMA: JsonObject = closedObject({
  dedup: bool("Store each (agent, sequence) once (default true)."),
}, "A log collector: durable store, acks, dedup by (agent, sequence).");
