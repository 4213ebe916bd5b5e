import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { readOptions } from "../../options/option-table";
import { badConfig, checkKeys, microsOr, toInt, toRate } from "../../options/option-values";
import type { ArrivalConfig } from "../workload/arrivals";
import { arrivalOf } from "../workload/arrivals";

/**
 * The list-append workload every replicated-store client runs, Jepsen's way of making lost
 * writes visible: each write appends a value no one else writes (`c1/client#17`) to a list
 * key, so the final read of a key says exactly which acknowledged appends survived. A read
 * returns the whole list.
 */
export const APPEND_WORKLOAD_OPTIONS = {
  keyCount: { type: "int", default: 5, min: 1, description: "Keys k0..k<keyCount-1>, drawn uniformly." },
  readRatio: { type: "ratio", default: 0.2, description: "Share of requests that are reads." },
  finalReadAt: { type: "duration", default: null, nullable: true, description: "When the client reads every key once more, retrying until it succeeds: the final state the lost-write checks judge by (null: no final read)." },
} as const satisfies OptionTable;

/** The workload options, read, with the arrivals a workload entry passes. */
export type AppendWorkloadOptions = OptionValues<typeof APPEND_WORKLOAD_OPTIONS> & {
  arrival: Exclude<ArrivalConfig, { pattern: "closed" }>;
  stopAtUs: Micros | null;
  requests: number | null;
};

/** The keys a workload entry passes through to a client's config. */
export const WORKLOAD_PASS_KEYS = ["arrival", "rate", "stopAt", "requests", "deadline"];

/** Reads the workload part of a client's config (the caller checks the keys). */
export function readAppendWorkload(c: Record<string, unknown>, where: string): AppendWorkloadOptions {
  const arrival = arrivalOf(c, where, (v, f) => toRate(v, where, f));
  if (arrival.pattern === "closed") badConfig(where, "arrival", "an open pattern (rate, bursts or ramp)", arrival);
  return {
    ...readOptions(APPEND_WORKLOAD_OPTIONS, c, where),
    arrival: arrival as AppendWorkloadOptions["arrival"],
    stopAtUs: c.stopAt === undefined || c.stopAt === null ? null : microsOr(c.stopAt, 0, where, "stopAt"),
    requests: c.requests === undefined || c.requests === null ? null : toInt(c.requests, 0, where, "requests"),
  };
}

/** Checks a client's config keys: its own table's, the workload's and the pass-through ones. */
export function checkClientKeys(c: Record<string, unknown>, own: readonly string[], where: string): void {
  checkKeys(c, [...own, ...Object.keys(APPEND_WORKLOAD_OPTIONS), ...WORKLOAD_PASS_KEYS], where);
}

/** How long a final read keeps retrying a key before it gives up. */
export const FINAL_READ_RETRY_US: Micros = SECOND;
