import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import { badConfig, checkKeys, microsOr, toRate } from "../../options/option-values";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { defaultsOf, readOptions } from "../../options/option-table";
import type { ArrivalConfig } from "../workload/arrivals";
import { arrivalOf } from "../workload/arrivals";

/**
 * The log agent's plain options, declared once (engine/options/option-table.ts). Fluentd's
 * buffer and output defaults: flush_interval 60 s, overflow_action throw_exception, retry_wait
 * 1 s doubling (retry_exponential_backoff_base 2) with no cap (retry_max_interval unset, read
 * below), and out_forward's ack_response_timeout 190 s. Fluentd counts its limits in bytes
 * (chunk_limit_size, total_limit_size); we count lines, with limits of our own choosing.
 * One default differs from Fluentd on purpose: `requireAckResponse` is true, because this kind
 * exists to show at-least-once delivery; Fluentd's own default (false) is in its profile.
 */
export const LOG_AGENT_OPTIONS = {
  chunkLimitLines: { type: "int", default: 100, min: 1, description: "Lines per chunk.", source: "Fluentd chunk_limit_records" },
  totalLimitLines: { type: "int", default: 10_000, min: 1, description: "Lines the buffer holds at most.", source: "Fluentd total_limit_size, in lines" },
  overflowAction: { type: "enum", default: "throw_exception", values: ["throw_exception", "block", "drop_oldest_chunk"], description: "What a full buffer does.", source: "Fluentd overflow_action" },
  flushIntervalUs: { type: "duration", default: 60 * SECOND, description: "Close the staged chunk and send this often.", source: "Fluentd flush_interval" },
  retryWaitUs: { type: "duration", default: SECOND, description: "First retry wait.", source: "Fluentd retry_wait" },
  retryExponentialBackoffBase: { type: "number", default: 2, min: 1, description: "Each retry waits this many times longer.", source: "Fluentd retry_exponential_backoff_base" },
  ackResponseTimeoutUs: { type: "duration", default: 190 * SECOND, description: "How long to wait for an ack.", source: "Fluentd ack_response_timeout" },
  requireAckResponse: { type: "bool", default: true, description: "Keep a chunk until the collector acks it (Fluentd's default is false).", source: "Fluentd require_ack_response" },
} as const satisfies OptionTable;

/** The agent's defaults, from the table, and `retryMaxIntervalUs`'s (none: no cap). */
export const LOG_AGENT_DEFAULTS = { ...defaultsOf(LOG_AGENT_OPTIONS), retryMaxIntervalUs: null as Micros | null };

/** A log agent's options (Fluentd / Filebeat on an application's node): the table's, and where it ships and what it writes. */
export type LogAgentOptions = OptionValues<typeof LOG_AGENT_OPTIONS> & {
  /** Collectors, tried in turn (the next one after a failure); null: every `log-collector`. */
  collectors: string[] | null;
  /** How the application writes lines (the workload's arrival pattern). */
  arrival: Exclude<ArrivalConfig, { pattern: "closed" }>;
  /** The application stops writing at this local time; null never. */
  stopAtUs: Micros | null;
  /** The longest retry wait (Fluentd retry_max_interval); null: no cap. */
  retryMaxIntervalUs: Micros | null;
};

/** The log collector's options, declared once. */
export const LOG_COLLECTOR_OPTIONS = {
  dedup: { type: "bool", default: true, description: "Store each (agent, sequence number) once, dropping lines already stored." },
} as const satisfies OptionTable;

/** A collector's options (a Fluentd aggregator or Logstash in front of the store). */
export type LogCollectorOptions = OptionValues<typeof LOG_COLLECTOR_OPTIONS>;

const AGENT_KEYS = ["collectors", "arrival", "rate", "stopAt", "stopAtUs", "retryMaxIntervalUs", ...Object.keys(LOG_AGENT_OPTIONS)];

/** Reads a log agent's config. */
export function resolveLogAgentOptions(c: Record<string, unknown>, where: string): LogAgentOptions {
  checkKeys(c, AGENT_KEYS, where);
  const arrival = arrivalOf(c, where, (v, f) => toRate(v, where, f));
  if (arrival.pattern === "closed") badConfig(where, "arrival", "an open pattern (rate, bursts or ramp): an application writes its log whatever the agent does", arrival);
  let collectors: string[] | null = null;
  if (c.collectors !== undefined && c.collectors !== null) {
    const v = c.collectors;
    if (!Array.isArray(v) || v.length === 0 || !v.every((a) => typeof a === "string" && a.includes("/"))) badConfig(where, "collectors", 'a list of addresses such as ["logs/collector"]', v);
    collectors = [...(v as string[])];
  }
  const o: LogAgentOptions = {
    ...readOptions(LOG_AGENT_OPTIONS, c, where),
    collectors,
    arrival: arrival as LogAgentOptions["arrival"],
    stopAtUs: c.stopAt === undefined && c.stopAtUs === undefined ? null : microsOr(c.stopAt ?? c.stopAtUs, 0, where, "stopAt"),
    retryMaxIntervalUs: c.retryMaxIntervalUs === undefined || c.retryMaxIntervalUs === null ? null : microsOr(c.retryMaxIntervalUs, 0, where, "retryMaxIntervalUs"),
  };
  if (o.totalLimitLines < o.chunkLimitLines) badConfig(where, "totalLimitLines", `at least chunkLimitLines (${o.chunkLimitLines})`, o.totalLimitLines);
  if (o.flushIntervalUs <= 0) badConfig(where, "flushIntervalUs", "a duration above zero", c.flushIntervalUs);
  if (o.retryWaitUs <= 0) badConfig(where, "retryWaitUs", "a duration above zero", c.retryWaitUs);
  if (o.ackResponseTimeoutUs <= 0) badConfig(where, "ackResponseTimeoutUs", "a duration above zero", c.ackResponseTimeoutUs);
  return o;
}

/** Reads a log collector's config. */
export function resolveLogCollectorOptions(c: Record<string, unknown>, where: string): LogCollectorOptions {
  checkKeys(c, Object.keys(LOG_COLLECTOR_OPTIONS), where);
  return readOptions(LOG_COLLECTOR_OPTIONS, c, where);
}

/** Fluentd's retry wait before the `retries`-th retry (1-based): wait x base^(retries-1), capped. */
export function retryInterval(o: Pick<LogAgentOptions, "retryWaitUs" | "retryExponentialBackoffBase" | "retryMaxIntervalUs">, retries: number): Micros {
  const raw = o.retryWaitUs * Math.pow(o.retryExponentialBackoffBase, Math.max(0, retries - 1));
  return Math.round(o.retryMaxIntervalUs === null ? raw : Math.min(raw, o.retryMaxIntervalUs));
}
