import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import { badConfig, checkKeys, microsOr, toBool, toChoice, toInt, toRate } from "../../options/option-values";
import type { ArrivalConfig } from "../workload/arrivals";
import { arrivalOf } from "../workload/arrivals";
import type { OverflowAction } from "./log-buffer";

/**
 * Fluentd's buffer and output defaults: flush_interval 60 s, overflow_action throw_exception,
 * retry_wait 1 s doubling (retry_exponential_backoff_base 2) with no cap (retry_max_interval
 * unset), and out_forward's ack_response_timeout 190 s. Fluentd counts its limits in bytes
 * (chunk_limit_size, total_limit_size); we count lines, with limits of our own choosing.
 * One default differs from Fluentd on purpose: `requireAckResponse` is true, because this kind
 * exists to show at-least-once delivery; Fluentd's own default (false) is in its profile.
 */
export const LOG_AGENT_DEFAULTS = {
  chunkLimitLines: 100,
  totalLimitLines: 10_000,
  overflowAction: "throw_exception" as OverflowAction,
  flushIntervalUs: 60 * SECOND,
  retryWaitUs: SECOND,
  retryExponentialBackoffBase: 2,
  retryMaxIntervalUs: null as Micros | null,
  ackResponseTimeoutUs: 190 * SECOND,
  requireAckResponse: true,
};

/** A log agent's options (Fluentd / Filebeat on an application's node). */
export interface LogAgentOptions {
  /** Collectors, tried in turn (the next one after a failure); null: every `log-collector`. */
  collectors: string[] | null;
  /** How the application writes lines (the workload's arrival pattern). */
  arrival: Exclude<ArrivalConfig, { pattern: "closed" }>;
  /** The application stops writing at this local time; null never. */
  stopAtUs: Micros | null;
  chunkLimitLines: number;
  totalLimitLines: number;
  overflowAction: OverflowAction;
  flushIntervalUs: Micros;
  retryWaitUs: Micros;
  retryExponentialBackoffBase: number;
  retryMaxIntervalUs: Micros | null;
  ackResponseTimeoutUs: Micros;
  /** Wait for the collector's ack before a chunk leaves the buffer (at-least-once); false: fire and forget. */
  requireAckResponse: boolean;
}

/** A collector's options (a Fluentd aggregator or Logstash in front of the store). */
export interface LogCollectorOptions {
  /** Drop lines already stored, by (agent, sequence number); default true. */
  dedup: boolean;
}

const AGENT_KEYS = ["collectors", "arrival", "rate", "stopAt", "stopAtUs", ...Object.keys(LOG_AGENT_DEFAULTS)];

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
  const d = LOG_AGENT_DEFAULTS;
  const o: LogAgentOptions = {
    collectors,
    arrival: arrival as LogAgentOptions["arrival"],
    stopAtUs: c.stopAt === undefined && c.stopAtUs === undefined ? null : microsOr(c.stopAt ?? c.stopAtUs, 0, where, "stopAt"),
    chunkLimitLines: c.chunkLimitLines === undefined ? d.chunkLimitLines : toInt(c.chunkLimitLines, 1, where, "chunkLimitLines"),
    totalLimitLines: c.totalLimitLines === undefined ? d.totalLimitLines : toInt(c.totalLimitLines, 1, where, "totalLimitLines"),
    overflowAction: c.overflowAction === undefined ? d.overflowAction : toChoice(c.overflowAction, ["throw_exception", "block", "drop_oldest_chunk"] as const, where, "overflowAction"),
    flushIntervalUs: microsOr(c.flushIntervalUs, d.flushIntervalUs, where, "flushIntervalUs"),
    retryWaitUs: microsOr(c.retryWaitUs, d.retryWaitUs, where, "retryWaitUs"),
    retryExponentialBackoffBase: c.retryExponentialBackoffBase === undefined ? d.retryExponentialBackoffBase
      : typeof c.retryExponentialBackoffBase === "number" && c.retryExponentialBackoffBase >= 1 ? c.retryExponentialBackoffBase : badConfig(where, "retryExponentialBackoffBase", "a number >= 1", c.retryExponentialBackoffBase),
    retryMaxIntervalUs: c.retryMaxIntervalUs === undefined || c.retryMaxIntervalUs === null ? d.retryMaxIntervalUs : microsOr(c.retryMaxIntervalUs, 0, where, "retryMaxIntervalUs"),
    ackResponseTimeoutUs: microsOr(c.ackResponseTimeoutUs, d.ackResponseTimeoutUs, where, "ackResponseTimeoutUs"),
    requireAckResponse: c.requireAckResponse === undefined ? d.requireAckResponse : toBool(c.requireAckResponse, where, "requireAckResponse"),
  };
  if (o.totalLimitLines < o.chunkLimitLines) badConfig(where, "totalLimitLines", `at least chunkLimitLines (${o.chunkLimitLines})`, o.totalLimitLines);
  if (o.flushIntervalUs <= 0) badConfig(where, "flushIntervalUs", "a duration above zero", c.flushIntervalUs);
  if (o.retryWaitUs <= 0) badConfig(where, "retryWaitUs", "a duration above zero", c.retryWaitUs);
  if (o.ackResponseTimeoutUs <= 0) badConfig(where, "ackResponseTimeoutUs", "a duration above zero", c.ackResponseTimeoutUs);
  return o;
}

/** Reads a log collector's config. */
export function resolveLogCollectorOptions(c: Record<string, unknown>, where: string): LogCollectorOptions {
  checkKeys(c, ["dedup"], where);
  return { dedup: c.dedup === undefined ? true : toBool(c.dedup, where, "dedup") };
}

/** Fluentd's retry wait before the `retries`-th retry (1-based): wait x base^(retries-1), capped. */
export function retryInterval(o: Pick<LogAgentOptions, "retryWaitUs" | "retryExponentialBackoffBase" | "retryMaxIntervalUs">, retries: number): Micros {
  const raw = o.retryWaitUs * Math.pow(o.retryExponentialBackoffBase, Math.max(0, retries - 1));
  return Math.round(o.retryMaxIntervalUs === null ? raw : Math.min(raw, o.retryMaxIntervalUs));
}
