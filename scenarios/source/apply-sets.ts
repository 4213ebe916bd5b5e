import { scenarioError } from "../errors";
import type { ScenarioError, SourcePos } from "../errors";
import { parseSource, SOURCE_LIMITS } from "./parse-source";
import { valueOf, withEntry, withoutEntry } from "./source-node";
import type { SourceNode } from "./source-node";

/** The file name that errors in an override carry. */
export const SET_FILE = "--set";

/**
 * Applies `--set path=value` overrides to the merged tree, before validation, so an override is
 * checked exactly like the file. The path is dot-separated; a number indexes a list
 * (`nodes.2.zone=b`). The value is read as YAML, so `200/s` is a string, `9` a number and
 * `[n1, n2]` a list; `null` removes the key. Missing mappings on the way are created.
 */
export function applySets(root: SourceNode, sets: readonly string[], errors: ScenarioError[]): SourceNode {
  let out = root;
  for (const text of sets) {
    const eq = text.indexOf("=");
    const here = (column: number): SourcePos => ({ file: SET_FILE, line: 1, column: column + 1, excerpt: text });
    const pathText = eq >= 0 ? text.slice(0, eq).trim() : "";
    if (eq <= 0 || pathText === "") {
      errors.push(scenarioError("CS501", here(0), "", `"${text}" is not an override: write path=value, for example workload.rate=200/s`));
      continue;
    }
    const segments = pathText.split(".");
    if (segments.some((s) => s.trim() === "")) {
      errors.push(scenarioError("CS501", here(0), pathText, `the path "${pathText}" has an empty part; separate keys with single dots`));
      continue;
    }
    if (segments.length > SOURCE_LIMITS.maxDepth) {
      // Each part is one level of nesting, created if missing; the format nests at most this deep.
      errors.push(scenarioError("CS003", here(0), "", `the path has ${segments.length} parts; values nest at most ${SOURCE_LIMITS.maxDepth} levels deep`));
      continue;
    }
    const valueText = text.slice(eq + 1);
    const parsed = parseSource(valueText.trim() === "" ? '""' : valueText, SET_FILE);
    if (!parsed.ok) {
      for (const e of parsed.errors) {
        errors.push({ ...e, code: e.code === "CS003" ? "CS003" : "CS501", column: e.line === 1 ? e.column + eq + 1 : eq + 2, line: 1, excerpt: text, path: pathText, message: `the value of ${pathText}: ${e.message}` });
      }
      continue;
    }
    const value = shift(parsed.root, eq + 1, text);
    // Columns of each path segment, so an error points at the part of the path that is wrong.
    const columns: number[] = [];
    let col = text.indexOf(pathText);
    for (const s of segments) {
      columns.push(col);
      col += s.length + 1;
    }
    const result = setAt(out, segments.map((s) => s.trim()), 0, value, (i, message) => {
      errors.push(scenarioError("CS502", here(columns[i]), segments.slice(0, i + 1).join("."), message));
    }, here(eq + 1));
    if (result) out = result;
  }
  return out;
}

/** Sets `value` at `segments[i..]` under `node`, returning the new node, or undefined on error. */
function setAt(
  node: SourceNode,
  segments: string[],
  i: number,
  value: SourceNode,
  fail: (i: number, message: string) => void,
  pos: SourcePos,
): SourceNode | undefined {
  const seg = segments[i];
  const last = i === segments.length - 1;
  const where = segments.slice(0, i).join(".") || "the scenario";
  const isNull = value.type === "scalar" && value.value === null;
  if (node.type === "map") {
    if (last) return isNull ? withoutEntry(node, seg) : withEntry(node, seg, value, pos);
    const child = valueOf(node, seg) ?? { type: "map", pos, entries: [] };
    const next = setAt(child, segments, i + 1, value, fail, pos);
    return next && withEntry(node, seg, next, pos);
  }
  if (node.type === "seq") {
    if (!/^\d+$/.test(seg)) {
      fail(i, `${where} is a list, so "${seg}" cannot name an item: use an index, such as ${where}.0.${seg}`);
      return undefined;
    }
    const index = Number(seg);
    if (index >= node.items.length) {
      fail(i, `${where} has ${node.items.length} item${node.items.length === 1 ? "" : "s"}, so index ${index} is past its end`);
      return undefined;
    }
    if (last && isNull) {
      fail(i, `cannot remove item ${index} of ${where}; set the whole list instead`);
      return undefined;
    }
    const next = last ? value : setAt(node.items[index], segments, i + 1, value, fail, pos);
    if (!next) return undefined;
    const items = node.items.slice();
    items[index] = next;
    return { type: "seq", pos: node.pos, items };
  }
  fail(i, `${where} is ${node.value === null ? "empty" : `the value ${JSON.stringify(node.value)}`}, not a mapping, so it has no "${seg}"`);
  return undefined;
}

/** Moves the positions of a parsed override value to its place in the override's text. */
function shift(node: SourceNode, by: number, excerpt: string): SourceNode {
  const pos: SourcePos = { file: SET_FILE, line: 1, column: (node.pos.line === 1 ? node.pos.column : 1) + by, excerpt };
  if (node.type === "scalar") return { type: "scalar", pos, value: node.value };
  if (node.type === "seq") return { type: "seq", pos, items: node.items.map((n) => shift(n, by, excerpt)) };
  return {
    type: "map",
    pos,
    entries: node.entries.map((e) => ({
      key: e.key,
      keyPos: { file: SET_FILE, line: 1, column: (e.keyPos.line === 1 ? e.keyPos.column : 1) + by, excerpt },
      value: shift(e.value, by, excerpt),
    })),
  };
}
