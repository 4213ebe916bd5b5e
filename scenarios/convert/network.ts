import type { LinkSpec } from "../../engine/net/latency-spec";
import type { NetworkSpec } from "../../engine/scenario";
import type { ConvertContext } from "./context";
import { convertLatency } from "./latency";
import type { PathSegment, SourceNode } from "../source/source-node";
import { valueOf } from "../source/source-node";

/** The YAML keys of a link and the engine's names for them (ratios end in `Ratio` there). */
export const LINK_KEYS = { latency: "latency", loss: "lossRatio", duplicate: "duplicateRatio", reorder: "reorderRatio", fifo: "fifo" } as const;

/** Reads the link keys of a mapping (`latency`, `loss`, `duplicate`, `reorder`, `fifo`). */
export function convertLink(node: SourceNode | undefined, path: readonly PathSegment[], ctx: ConvertContext): LinkSpec {
  const link: LinkSpec = {};
  const latency = convertLatency(valueOf(node, "latency"), [...path, "latency"], ctx);
  if (latency) link.latency = latency;
  for (const key of ["loss", "duplicate", "reorder"] as const) {
    const v = ctx.ratio(valueOf(node, key), [...path, key]);
    if (v !== undefined) link[LINK_KEYS[key]] = v;
  }
  const fifo = ctx.boolean(valueOf(node, "fifo"));
  if (fifo !== undefined) link.fifo = fifo;
  return link;
}

/** A per-pair override: `{from, to, bidirectional?}` plus link keys. */
function convertPair(node: SourceNode, path: PathSegment[], ctx: ConvertContext): LinkSpec & { from: string; to: string; bidirectional?: boolean } {
  const out: LinkSpec & { from: string; to: string; bidirectional?: boolean } = {
    from: ctx.string(valueOf(node, "from")) ?? "",
    to: ctx.string(valueOf(node, "to")) ?? "",
    ...convertLink(node, path, ctx),
  };
  const bidirectional = ctx.boolean(valueOf(node, "bidirectional"));
  if (bidirectional !== undefined) out.bidirectional = bidirectional;
  return out;
}

/** Converts `network`: default link keys, `crossZone`, per-zone-pair `zones` and per-node-pair `links`. */
export function convertNetwork(node: SourceNode, path: PathSegment[], ctx: ConvertContext): NetworkSpec {
  const net: NetworkSpec = convertLink(node, path, ctx);
  const cross = valueOf(node, "crossZone");
  if (cross) net.crossZone = convertLink(cross, [...path, "crossZone"], ctx);
  for (const key of ["zones", "links"] as const) {
    const list = valueOf(node, key);
    if (list?.type !== "seq") continue;
    net[key] = list.items.map((item, i) => convertPair(item, [...path, key, i], ctx));
  }
  return net;
}
