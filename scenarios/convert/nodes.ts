import type { NodeSpec } from "../../engine/scenario";
import type { ConvertContext } from "./context";
import type { PathSegment, SourceNode } from "../source/source-node";
import { valueOf } from "../source/source-node";

/** Default name prefix of nodes given as a count (`nodes: 3` is n1, n2, n3). */
export const DEFAULT_NODE_PREFIX = "n";

/** The zone of a node that names none (the engine's default). */
export const DEFAULT_ZONE = "default";

/** A converted node and where it was written, for the cross-reference checks. */
export interface PlacedNode {
  spec: NodeSpec;
  node: SourceNode;
  path: PathSegment[];
}

/**
 * Converts `nodes`: a count (`5`), a group (`{count: 3, prefix: db, zones: [a, b]}`), or a list
 * whose items are names, node mappings (`{name, zone, ip, clock}`) or groups. Group members are
 * numbered from 1 and take `zones` in turn, so three nodes over zones a and b land in a, b, a.
 */
export function convertNodes(node: SourceNode, path: PathSegment[], ctx: ConvertContext): PlacedNode[] {
  if (node.type === "scalar" && typeof node.value === "number") {
    return group(node, path, ctx, node.value);
  }
  if (node.type === "map") return group(node, path, ctx);
  if (node.type !== "seq") return [];
  const out: PlacedNode[] = [];
  node.items.forEach((item, i) => {
    const p = [...path, i];
    if (item.type === "scalar" && typeof item.value === "string") {
      out.push({ spec: { name: item.value }, node: item, path: p });
    } else if (item.type === "map") {
      const hasName = valueOf(item, "name") !== undefined;
      const hasCount = valueOf(item, "count") !== undefined;
      if (hasName && hasCount) ctx.report("CS210", item, p, "a node entry has either `name` (one node) or `count` (a group), not both");
      else if (hasCount) out.push(...group(item, p, ctx));
      else if (!hasName) ctx.report("CS106", item, p, "a node entry needs `name` (one node) or `count` (a group of nodes)");
      else out.push({ spec: single(item, p, ctx), node: item, path: p });
    }
  });
  return out;
}

/** One node from `{name, zone, ip, clock}`. */
function single(item: SourceNode, path: PathSegment[], ctx: ConvertContext): NodeSpec {
  for (const key of ["prefix", "zones"]) {
    const v = valueOf(item, key);
    if (v) ctx.report("CS210", v, [...path, key], `\`${key}\` belongs to a group of nodes (with \`count\`), not to one named node`);
  }
  const spec: NodeSpec = { name: ctx.string(valueOf(item, "name")) ?? "" };
  const zone = ctx.string(valueOf(item, "zone"));
  if (zone !== undefined) spec.zone = zone;
  const ip = ctx.string(valueOf(item, "ip"));
  if (ip !== undefined) spec.ip = ip;
  const clock = convertClock(valueOf(item, "clock"), [...path, "clock"], ctx);
  if (clock) spec.clock = clock;
  return spec;
}

/** The nodes of a group: `count` of them named prefix1..prefixN. */
function group(item: SourceNode, path: PathSegment[], ctx: ConvertContext, count?: number): PlacedNode[] {
  const n = count ?? ctx.number(valueOf(item, "count")) ?? 0;
  const prefix = ctx.string(valueOf(item, "prefix")) ?? DEFAULT_NODE_PREFIX;
  const zone = ctx.string(valueOf(item, "zone"));
  const zones = valueOf(item, "zones") ? ctx.strings(valueOf(item, "zones")) : undefined;
  if (zone !== undefined && zones !== undefined) {
    ctx.report("CS210", valueOf(item, "zones")!, [...path, "zones"], "a group has `zone` (all in one) or `zones` (in turn), not both");
  }
  const ipNode = valueOf(item, "ip");
  if (ipNode) ctx.report("CS210", ipNode, [...path, "ip"], "a group of nodes cannot share one `ip`; addresses are assigned in order (10.0.0.1, ...)");
  const clock = convertClock(valueOf(item, "clock"), [...path, "clock"], ctx);
  const out: PlacedNode[] = [];
  for (let i = 1; i <= n; i++) {
    const spec: NodeSpec = { name: `${prefix}${i}` };
    const z = zones && zones.length > 0 ? zones[(i - 1) % zones.length] : zone;
    if (z !== undefined) spec.zone = z;
    if (clock) spec.clock = { ...clock };
    out.push({ spec, node: item, path });
  }
  return out;
}

/** `{skew: 5ms, drift: 50ppm}` as the engine's `{skew, driftPpm}`. */
function convertClock(node: SourceNode | undefined, path: PathSegment[], ctx: ConvertContext): NodeSpec["clock"] | undefined {
  if (node?.type !== "map") return undefined;
  const clock: NonNullable<NodeSpec["clock"]> = {};
  const skew = ctx.signedDuration(valueOf(node, "skew"), [...path, "skew"]);
  if (skew !== undefined) clock.skew = skew;
  const drift = ctx.ppm(valueOf(node, "drift"), [...path, "drift"]);
  if (drift !== undefined) clock.driftPpm = drift;
  return clock;
}
