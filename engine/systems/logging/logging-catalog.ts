import { SECOND } from "../../core/time";
import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { logAgent } from "./log-agent";
import { logCollector } from "./log-collector";
import { logsDelivered } from "./logs-delivered";
import { LOG_AGENT_SCHEMA, LOG_COLLECTOR_SCHEMA } from "./logging-schemas";

/**
 * The log collection kinds. Agent profiles: `fluentd` is Fluentd's out_forward with its own
 * defaults, fire and forget (require_ack_response false), flush every 60 s, refuse lines when
 * full; `filebeat` is Filebeat 7's memory queue and Logstash output: 4096 events that block the
 * harvester when full, batches of up to 2048 sent at least every second, always acknowledged,
 * backoff from 1 s to 60 s.
 */
export const loggingProcesses: ProcessCatalog = {
  "log-agent": {
    factory: logAgent,
    configSchema: LOG_AGENT_SCHEMA,
    profiles: {
      fluentd: { requireAckResponse: false, flushIntervalUs: 60 * SECOND, overflowAction: "throw_exception", retryWaitUs: SECOND, retryExponentialBackoffBase: 2 },
      filebeat: { requireAckResponse: true, totalLimitLines: 4096, chunkLimitLines: 2048, flushIntervalUs: SECOND, overflowAction: "block", retryWaitUs: SECOND, retryExponentialBackoffBase: 2, retryMaxIntervalUs: 60 * SECOND },
    },
    description: "A log agent (Fluentd, Filebeat): writes numbered lines, buffers chunks on disk with an overflow policy, ships with acks and retries.",
  },
  "log-collector": {
    factory: logCollector,
    configSchema: LOG_COLLECTOR_SCHEMA,
    description: "A log collector: stores chunks durably before acking, dedups by (agent, sequence), counts duplicates.",
  },
};

/** The log collection checkers. */
export const loggingCheckers: CheckerCatalog = {
  "logs-delivered": { factory: logsDelivered, description: "Every log line is stored within a bound after the heal, or dropped by its buffer policy and reported; counts duplicates." },
};
