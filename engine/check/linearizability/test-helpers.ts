import type { Json } from "../../core/json";
import type { OpRecord } from "./op-record";
import { OperationBuilder, type Operation } from "./operation";

/** A history written as lines: `[process, type, f, value, key?]`, in real-time order. */
export type Line = [process: number | string, type: OpRecord["type"], f: OpRecord["f"], value: Json, key?: string];

/** Pairs the lines into operations (line numbers from 1), throwing on a malformed history. */
export function opsOf(lines: readonly Line[]): Operation[] {
  const b = new OperationBuilder();
  lines.forEach(([process, type, f, value, key], i) => b.add({ process, type, f, value, ...(key === undefined ? {} : { key }) }, i + 1));
  if (b.problems.length > 0) throw new Error(b.problems.map((p) => `${p.at}: ${p.message}`).join("\n"));
  return b.finish();
}
