import type { Json } from "../../engine/core/json";
import type { SourcePos } from "../errors";

/** A scalar as YAML and JSON give it. */
export type ScalarValue = string | number | boolean | null;

/** One key of a mapping, with where the key was written. */
export interface MapEntry {
  key: string;
  keyPos: SourcePos;
  value: SourceNode;
}

/**
 * A parsed value that remembers where it came from. Extends, profiles and `--set` move values
 * between files; each value keeps its own file, line and column, so an error in a value that
 * came from a base file points into the base file.
 */
export type SourceNode =
  | { type: "map"; pos: SourcePos; entries: MapEntry[] }
  | { type: "seq"; pos: SourcePos; items: SourceNode[] }
  | { type: "scalar"; pos: SourcePos; value: ScalarValue };

/** A mapping node. */
export type MapNode = Extract<SourceNode, { type: "map" }>;
/** A list node. */
export type SeqNode = Extract<SourceNode, { type: "seq" }>;
/** A scalar node. */
export type ScalarNode = Extract<SourceNode, { type: "scalar" }>;

/** The entry of `key` in a mapping, if present. */
export function entryOf(node: SourceNode | undefined, key: string): MapEntry | undefined {
  if (!node || node.type !== "map") return undefined;
  return node.entries.find((e) => e.key === key);
}

/** The value of `key` in a mapping, if present. */
export function valueOf(node: SourceNode | undefined, key: string): SourceNode | undefined {
  return entryOf(node, key)?.value;
}

/** The plain JSON value of a node, dropping positions. */
export function toPlain(node: SourceNode): Json {
  if (node.type === "scalar") return node.value;
  if (node.type === "seq") return node.items.map(toPlain);
  const out: { [key: string]: Json } = {};
  for (const e of node.entries) out[e.key] = toPlain(e.value);
  return out;
}

/** A path segment: a mapping key or a list index. */
export type PathSegment = string | number;

/** A path for messages: `faults[2].crash`, `network.links[0].from`. */
export function pathText(segments: readonly PathSegment[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += out === "" ? s : `.${s}`;
  }
  return out;
}

/** Splits a JSON pointer (`/faults/2/crash`) into segments; digits in a list become indices. */
export function pointerSegments(root: SourceNode, pointer: string): PathSegment[] {
  if (pointer === "") return [];
  const parts = pointer.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const out: PathSegment[] = [];
  let node: SourceNode | undefined = root;
  for (const p of parts) {
    if (node?.type === "seq" && /^\d+$/.test(p)) {
      out.push(Number(p));
      node = node.items[Number(p)];
    } else {
      out.push(p);
      node = valueOf(node, p);
    }
  }
  return out;
}

/**
 * The node at `segments`, or the deepest node on the way when the path leaves the tree, so an
 * error about a missing value still points at its parent.
 */
export function nodeAt(root: SourceNode, segments: readonly PathSegment[]): { node: SourceNode; found: boolean } {
  let node = root;
  for (const s of segments) {
    let next: SourceNode | undefined;
    if (typeof s === "number" && node.type === "seq") next = node.items[s];
    else if (node.type === "map") next = valueOf(node, String(s));
    if (!next) return { node, found: false };
    node = next;
  }
  return { node, found: true };
}

/** The position of the key `key` of the mapping at `segments`, else of the node itself. */
export function keyPosAt(root: SourceNode, segments: readonly PathSegment[], key: string): SourcePos {
  const { node } = nodeAt(root, segments);
  return entryOf(node, key)?.keyPos ?? node.pos;
}

/** A copy of a mapping with `key` set (replacing or appending), leaving the original intact. */
export function withEntry(map: MapNode, key: string, value: SourceNode, keyPos: SourcePos = value.pos): MapNode {
  const entries = map.entries.filter((e) => e.key !== key);
  const old = map.entries.findIndex((e) => e.key === key);
  const entry: MapEntry = { key, keyPos: old >= 0 ? map.entries[old].keyPos : keyPos, value };
  if (old >= 0) entries.splice(old, 0, entry);
  else entries.push(entry);
  return { type: "map", pos: map.pos, entries };
}

/** A copy of a mapping without `key`. */
export function withoutEntry(map: MapNode, key: string): MapNode {
  return { type: "map", pos: map.pos, entries: map.entries.filter((e) => e.key !== key) };
}

/** A tree from a plain JSON value, every node at `pos` (for values that come from a catalog). */
export function fromPlain(value: Json, pos: SourcePos): SourceNode {
  if (Array.isArray(value)) return { type: "seq", pos, items: value.map((v) => fromPlain(v, pos)) };
  if (value !== null && typeof value === "object") {
    return { type: "map", pos, entries: Object.keys(value).map((k) => ({ key: k, keyPos: pos, value: fromPlain(value[k], pos) })) };
  }
  return { type: "scalar", pos, value };
}
