import type { Json } from "../../core/json";
import type { OpRecord } from "./op-record";
import { HISTORY_FORMAT_VERSION, OP_FUNCTIONS } from "./op-record";
import { OperationBuilder, validateRecord, type Operation } from "./operation";
import { historyError, type HistoryError } from "./history-errors";
import { parseEdnLine } from "./parse-edn-line";

/** The most records a history may have: beyond it the checker refuses rather than run out of memory. */
export const MAX_RECORDS = 1_000_000;
const MAX_LINE = 1_000_000;

/** A history read from text: its operations, or every problem found. */
export type ReadHistory = { ok: true; operations: Operation[]; records: number; format: "jsonl" | "edn" } | { ok: false; errors: HistoryError[] };

/** How to read a history. */
export interface ReadHistoryOptions {
  /** `edn` for Jepsen's history.edn, `jsonl` for clustersim's format; by default chosen by the file name's extension. */
  format?: "jsonl" | "edn";
  /** Jepsen's `independent` histories: each value is a `[key, value]` tuple. */
  independent?: boolean;
}

/** `edn` for a `.edn` file name, else `jsonl`. */
export function formatOf(file: string): "jsonl" | "edn" {
  return /\.edn$/i.test(file) ? "edn" : "jsonl";
}

/**
 * Reads a history file's text: clustersim's JSONL format (a header line, then one record a line,
 * docs/history-format.md) or Jepsen's history.edn (one map a line; nemesis operations, whose
 * process is not a client, are skipped; one vector of maps, as Knossos's test data is, is read
 * too). Records are in real-time order, as both tools write
 * them. Every problem has a code and a line and column; at most 20 are reported.
 */
export function readHistory(text: string, file: string, options: ReadHistoryOptions = {}): ReadHistory {
  const format = options.format ?? formatOf(file);
  const errors: HistoryError[] = [];
  const builder = new OperationBuilder();
  const lines = text.split("\n");
  if (format === "edn") unwrapVector(lines);
  let records = 0;
  let lastTime = -Infinity;
  let headerSeen = format === "edn";
  for (let i = 0; i < lines.length && errors.length < 20; i++) {
    const line = lines[i].replace(/\r$/, "");
    const n = i + 1;
    if (line.trim() === "" || (format === "edn" && /^\s*;/.test(line))) continue;
    if (line.length > MAX_LINE) { errors.push(historyError("CH301", file, n, 1, `line ${n} is ${line.length} characters long`)); break; }
    const parsed = format === "edn" ? parseEdnLine(line) : parseJsonLine(line);
    if (!parsed.ok) { errors.push(historyError("CH001", file, n, parsed.column, parsed.message)); continue; }
    const v = parsed.value;
    if (v === null || typeof v !== "object" || Array.isArray(v)) { errors.push(historyError("CH001", file, n, 1, `expected one ${format === "edn" ? "map" : "object"} on the line, found ${JSON.stringify(v)}`)); continue; }
    if (!headerSeen) {
      headerSeen = true;
      if (v.format !== "clustersim-history") { errors.push(historyError("CH002", file, n, 1, `the first line is not the header {"format": "clustersim-history", "version": ${HISTORY_FORMAT_VERSION}}`)); break; }
      if (v.version !== HISTORY_FORMAT_VERSION) { errors.push(historyError("CH003", file, n, 1, `version ${JSON.stringify(v.version ?? null)} is not ${HISTORY_FORMAT_VERSION}`)); break; }
      continue;
    }
    if (format === "edn" && typeof v.process !== "number") continue;
    if (++records > MAX_RECORDS) { errors.push(historyError("CH301", file, n, 1, `more than ${MAX_RECORDS} records`)); break; }
    const rec = toRecord(v, options.independent ?? false);
    if (typeof rec === "string") { errors.push(historyError("CH101", file, n, column(line, rec), rec)); continue; }
    const problem = validateRecord(rec);
    if (problem) { errors.push(historyError("CH101", file, n, column(line, problem), problem)); continue; }
    const time = typeof v.time === "number" ? v.time : null;
    if (time !== null) {
      if (time < lastTime) { errors.push(historyError("CH102", file, n, column(line, "time"), `time ${time} is before the previous record's ${lastTime}`)); continue; }
      lastTime = time;
    }
    const before = builder.problems.length;
    builder.add(rec, n, time);
    for (const p of builder.problems.slice(before)) errors.push(historyError("CH201", file, n, 1, p.message));
  }
  if (!headerSeen) errors.push(historyError("CH002", file, 1, 1, "the file is empty: it needs at least the header line"));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, operations: builder.finish(), records, format };
}

/**
 * Knossos's test data wraps the maps in one vector or list, `[{...}` on the first line and
 * `{...}]` on the last; blanking those outer brackets in place keeps every line and column.
 */
function unwrapVector(lines: string[]): void {
  const first = lines.findIndex((l) => l.trim() !== "" && !l.trim().startsWith(";"));
  if (first < 0 || !/^\s*[[(]/.test(lines[first])) return;
  lines[first] = lines[first].replace(/[[(]/, " ");
  for (let i = lines.length - 1; i >= first; i--) {
    const t = lines[i].replace(/;.*$/, "").trimEnd();
    if (t === "") continue;
    if (/[\])]$/.test(t)) lines[i] = lines[i].slice(0, t.length - 1) + " " + lines[i].slice(t.length);
    return;
  }
}

type Parsed = { ok: true; value: Json } | { ok: false; column: number; message: string };

function parseJsonLine(line: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(line) as Json };
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    return { ok: false, column: m ? Number(m[1]) + 1 : 1, message: `not JSON: ${(e as Error).message}` };
  }
}

/** A record from one parsed line, or what is wrong with it. */
function toRecord(v: { [k: string]: Json }, independent: boolean): OpRecord | string {
  let value = v.value ?? null;
  let key = v.key;
  if (independent) {
    if (!Array.isArray(value) || value.length !== 2) return `value: an independent history's value is [key, value], not ${JSON.stringify(value)}`;
    key = value[0];
    value = value[1];
  }
  if (typeof v.f === "string" && !OP_FUNCTIONS.includes(v.f as OpRecord["f"])) return `f: ${JSON.stringify(v.f)} is not one of ${OP_FUNCTIONS.join(", ")}`;
  return {
    type: v.type as OpRecord["type"], process: v.process as number | string, f: v.f as OpRecord["f"],
    ...(key === undefined || key === null ? {} : { key: typeof key === "string" ? key : JSON.stringify(key) }), value,
  };
}

/** The column of a field's name on the line (for `f: ...` messages), else 1. */
function column(line: string, message: string): number {
  const field = /^(\w+)/.exec(message)?.[1];
  if (!field) return 1;
  const at = line.search(new RegExp(`[":]${field}\\b`));
  return at >= 0 ? at + 1 : 1;
}
