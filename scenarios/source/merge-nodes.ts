import type { MapEntry, SourceNode } from "./source-node";

const NONE: ReadonlySet<string> = new Set();

/**
 * Deep merge for `extends` and profiles: mappings merge key by key, the override winning;
 * lists and scalars are replaced whole (merging lists by position surprises people: a derived
 * scenario that lists two faults should have two faults, not its base's third as well).
 * A null in the override removes the key, so a derived scenario can drop its base's nemesis.
 * Keys keep the base's order, with new keys after them. Keys named in `whole` (at this level
 * only) are replaced whole even when both sides are mappings: a scenario's `description` in
 * several languages is one text, and a derived file that rewrites it in English must not keep
 * its base's Chinese for a text it no longer matches.
 */
export function mergeNodes(base: SourceNode, override: SourceNode, whole: ReadonlySet<string> = NONE): SourceNode {
  if (base.type !== "map" || override.type !== "map") return override;
  const entries: MapEntry[] = [];
  const overrides = new Map(override.entries.map((e) => [e.key, e]));
  for (const b of base.entries) {
    const o = overrides.get(b.key);
    if (!o) entries.push(b);
    else if (!(o.value.type === "scalar" && o.value.value === null)) {
      entries.push({ key: b.key, keyPos: o.keyPos, value: whole.has(b.key) ? o.value : mergeNodes(b.value, o.value) });
    }
  }
  const inBase = new Set(base.entries.map((e) => e.key));
  for (const o of override.entries) {
    if (inBase.has(o.key)) continue;
    if (o.value.type === "scalar" && o.value.value === null) continue;
    entries.push(o);
  }
  return { type: "map", pos: override.pos, entries };
}
