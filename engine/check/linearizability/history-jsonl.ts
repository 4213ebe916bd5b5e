import type { Json } from "../../core/json";
import type { HistoryEntry } from "../checker";
import type { OpRecord } from "./op-record";
import { HISTORY_FORMAT_VERSION, OP_EVENT } from "./op-record";
import { canonical } from "./register-machine";

/** One line of a history file: a record and, when known, its time. */
export type TimedRecord = OpRecord & { time?: number };

/** The header line of a version-1 history file. */
export const HISTORY_HEADER = { format: "clustersim-history", version: HISTORY_FORMAT_VERSION } as const;

/** Writes records as a history file (docs/history-format.md): the header, then one record a line. */
export function formatHistoryJsonl(records: readonly TimedRecord[], meta: Record<string, Json> = {}): string {
  return [canonical({ ...HISTORY_HEADER, ...meta }), ...records.map((r) => canonical(r as unknown as Json))].join("\n") + "\n";
}

/**
 * A run's `op` records as history-file records, times in microseconds; each process id is
 * prefixed with its address, so that two clients' process numbers stay apart.
 */
export function recordsOfRun(history: readonly HistoryEntry[], event = OP_EVENT): TimedRecord[] {
  return history.filter((h) => h.event === event).map((h) => ({ ...(h.fields as OpRecord), process: `${h.address}#${String(h.fields.process)}`, time: h.t }));
}
