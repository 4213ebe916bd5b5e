import type { Json } from "../../core/json";
import { parseEDNString } from "edn-data";

/** One EDN line read as JSON-like data, or where and why it is not EDN. */
export type EdnLine = { ok: true; value: Json } | { ok: false; column: number; message: string };

const OPTIONS = {
  mapAs: "object", keywordAs: "string", listAs: "array", setAs: "array", charAs: "string", symbolAs: "string",
  // Newer Jepsen writes operations as records: #jepsen.history.Op{...}. Any other tag keeps its value.
  tagHandlers: { "jepsen.history.Op": (v: unknown) => v },
} as const;

/**
 * Parses one line of a Jepsen history.edn with edn-data. That parser is lenient with unbalanced
 * brackets (it returns null or stops early), so the line's delimiters and strings are checked
 * first, which also gives the column of the problem.
 */
export function parseEdnLine(line: string): EdnLine {
  const bad = delimiterProblem(line);
  if (bad) return { ok: false, ...bad };
  try {
    return { ok: true, value: toJson(parseEDNString(line, OPTIONS)) };
  } catch (e) {
    return { ok: false, column: 1, message: `not EDN: ${(e as Error).message}` };
  }
}

const OPEN: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

function delimiterProblem(line: string): { column: number; message: string } | null {
  const stack: Array<{ close: string; at: number }> = [];
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ";") break;
    if (c === "\\") { i++; continue; }
    if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
      if (j >= line.length) return { column: i + 1, message: "a string is not closed on this line" };
      i = j;
      continue;
    }
    if (OPEN[c]) stack.push({ close: OPEN[c], at: i });
    else if (c === ")" || c === "]" || c === "}") {
      const top = stack.pop();
      if (!top) return { column: i + 1, message: `"${c}" closes nothing` };
      if (top.close !== c) return { column: i + 1, message: `"${c}" where "${top.close}" closes the "${line[top.at]}" of column ${top.at + 1}` };
      if (stack.length === 0 && line.slice(i + 1).trim() !== "" && !line.slice(i + 1).trim().startsWith(";")) return { column: i + 2, message: "more than one value on the line (a history has one map a line)" };
    }
  }
  const open = stack.pop();
  return open ? { column: open.at + 1, message: `"${line[open.at]}" is not closed on this line (a history has one map a line)` } : null;
}

/** EDN data as JSON: big integers become numbers, sets and lists arrays, other values strings. */
function toJson(v: unknown): Json {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toJson(x)]));
  if (typeof v === "object") return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toJson(x)]));
  return String(v);
}
