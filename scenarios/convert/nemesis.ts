import type { NemesisKind, NemesisSpec } from "../../engine/scenario";
import type { ConvertContext } from "./context";
import { convertLatency } from "./latency";
import type { PathSegment, SourceNode } from "../source/source-node";
import { valueOf } from "../source/source-node";

/** The fault kinds a nemesis can draw (the engine's `NemesisKind`). */
export const NEMESIS_KINDS: readonly NemesisKind[] = ["crash", "pause", "partition", "isolate", "cut", "bridge", "ring", "skew", "slow", "loss"];

/**
 * Converts `nemesis`: `mix` (kinds with weights, or a list of kinds weighing 1 each),
 * `interval` and `duration` (latencies: `5s` or `exponential(5s)`), the window `from`/`until`,
 * `targets` and `maxConcurrent`.
 */
export function convertNemesis(node: SourceNode, path: PathSegment[], ctx: ConvertContext): NemesisSpec | undefined {
  const mixNode = valueOf(node, "mix");
  const mix: NemesisSpec["mix"] = {};
  if (mixNode?.type === "seq") {
    for (const k of ctx.strings(mixNode) ?? []) mix[k as NemesisKind] = 1;
  } else if (mixNode?.type === "map") {
    for (const e of mixNode.entries) {
      const w = ctx.number(e.value);
      if (w !== undefined) mix[e.key as NemesisKind] = w;
    }
  }
  const interval = convertLatency(valueOf(node, "interval"), [...path, "interval"], ctx);
  const duration = convertLatency(valueOf(node, "duration"), [...path, "duration"], ctx);
  if (!interval || !duration) return undefined;
  const spec: NemesisSpec = { mix, interval, duration };
  const from = ctx.duration(valueOf(node, "from"), [...path, "from"]);
  if (from !== undefined) spec.from = from;
  const until = ctx.duration(valueOf(node, "until"), [...path, "until"]);
  if (until !== undefined) spec.until = until;
  const targets = valueOf(node, "targets") ? ctx.strings(valueOf(node, "targets")) : undefined;
  if (targets) spec.targets = targets;
  const max = ctx.number(valueOf(node, "maxConcurrent"));
  if (max !== undefined) spec.maxConcurrent = max;
  return spec;
}
