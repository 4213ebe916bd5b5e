import type { JsonObject } from "../../engine/core/json";
import type { ProcessSpec } from "../../engine/scenario";
import type { ProcessCatalog } from "../../engine/run-options";
import { didYouMean } from "../suggest";
import type { ConvertContext } from "./context";
import { mergeNodes } from "../source/merge-nodes";
import { fromPlain, toPlain, valueOf } from "../source/source-node";
import type { PathSegment, SourceNode } from "../source/source-node";

/** A converted process with where its parts were written, for the later checks. */
export interface PlacedProcess {
  spec: ProcessSpec;
  /** The entry it came from (one entry with `on: [a, b]` gives several processes). */
  entry: SourceNode;
  path: PathSegment[];
  /** The `on` value naming this process's node. */
  onNode: SourceNode;
  onPath: PathSegment[];
  /** The config as written, with a profile merged under it, for schema errors with positions. */
  configNode?: SourceNode;
  configPath: PathSegment[];
}

/** Catalog entries may carry named profiles; components add them as they are written. */
type WithProfiles = { profiles?: Record<string, JsonObject> };

/**
 * Converts one `services` (or `processes`) entry: `kind`, `on` (one node or several: one
 * process per node, with the same name), optional `name` (default: the kind), `profile`,
 * `config` and `start`. `extra` adds keys the caller owns to the config (the workload's arrival).
 */
export function convertProcessEntry(
  entry: SourceNode,
  path: PathSegment[],
  ctx: ConvertContext,
  catalog: ProcessCatalog | undefined,
  defaults: { kind?: string; extra?: JsonObject } = {},
): PlacedProcess[] {
  const kindNode = valueOf(entry, "kind");
  const kind = ctx.string(kindNode) ?? defaults.kind;
  if (kind === undefined) return [];
  const known = catalog ? Object.prototype.hasOwnProperty.call(catalog, kind) : true;
  if (!known) {
    const names = Object.keys(catalog!);
    ctx.report("CS201", kindNode ?? entry, [...path, "kind"], `unknown process kind "${kind}"; known kinds: ${names.join(", ") || "(none)"}`, didYouMean(kind, names));
  }
  const name = ctx.string(valueOf(entry, "name")) ?? kind;
  const configPath = [...path, "config"];
  let configNode = valueOf(entry, "config");
  const profileNode = valueOf(entry, "profile");
  const profile = ctx.string(profileNode);
  if (profile !== undefined && profileNode && known) {
    const base = lookupProfile(kind, profile, profileNode, [...path, "profile"], ctx, catalog);
    if (base) configNode = configNode ? mergeNodes(fromPlain(base, profileNode.pos), configNode) : fromPlain(base, profileNode.pos);
  }
  const config: JsonObject = configNode?.type === "map" ? (toPlain(configNode) as JsonObject) : {};
  if (defaults.extra) {
    for (const key of Object.keys(defaults.extra)) {
      if (key in config && configNode) {
        ctx.report("CS210", valueOf(configNode, key) ?? configNode, [...configPath, key], `\`${key}\` is set by the workload entry's own keys; remove it from \`config\``);
      }
      config[key] = defaults.extra[key];
    }
  }
  const startAt = ctx.duration(valueOf(entry, "start"), [...path, "start"]);
  const onNode = valueOf(entry, "on");
  const out: PlacedProcess[] = [];
  const on = onNode?.type === "seq" ? onNode.items.map((n, i) => ({ n, p: [...path, "on", i] })) : onNode ? [{ n: onNode, p: [...path, "on"] }] : [];
  for (const { n, p } of on) {
    const node = ctx.string(n);
    if (node === undefined) continue;
    const spec: ProcessSpec = { node, name, kind, config: structuredClone(config) };
    if (startAt !== undefined) spec.startAt = startAt;
    out.push({ spec, entry, path, onNode: n, onPath: p, configNode, configPath });
  }
  return out;
}

/** The profile's config from the kind's catalog entry, or an error listing the valid names. */
function lookupProfile(
  kind: string,
  profile: string,
  node: SourceNode,
  path: PathSegment[],
  ctx: ConvertContext,
  catalog: ProcessCatalog | undefined,
): JsonObject | undefined {
  if (!catalog) {
    ctx.report("CS202", node, path, `cannot look up profile "${profile}": the loader was given no process catalog`);
    return undefined;
  }
  const profiles = (catalog[kind] as WithProfiles).profiles;
  const names = profiles ? Object.keys(profiles) : [];
  if (!profiles || names.length === 0) {
    ctx.report("CS202", node, path, `the kind "${kind}" has no profiles; remove \`profile\` and set \`config\``);
    return undefined;
  }
  if (!Object.prototype.hasOwnProperty.call(profiles, profile)) {
    ctx.report("CS202", node, path, `the kind "${kind}" has no profile "${profile}"; its profiles: ${names.join(", ")}`, didYouMean(profile, names));
    return undefined;
  }
  return profiles[profile];
}
