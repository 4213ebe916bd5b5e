import { DOWN, PAUSED, type ClusterFrame, type ClusterModel } from "./cluster-frame";
import type { ClusterLayout } from "./cluster-layout";

/** A frame as plain data with names, for tests (`__viz.cluster.frame()`) and for reading in the console. */
export interface FrameSummary {
  t: number;
  nodes: Array<{ name: string; role: string; state: "up" | "down" | "paused"; x: number; y: number; badges: string[] }>;
  dots: Array<{ arrow: number; id: number; type: string; from: string; to: string; dropped: boolean; x: number; y: number }>;
  drops: Array<{ arrow: number; id: number; x: number; y: number }>;
  cuts: Array<[string, string]>;
  radius: number;
}

export function frameSummary(m: ClusterModel, l: ClusterLayout, f: ClusterFrame, extra: Array<string[] | null> | null): FrameSummary {
  const b = m.bundle, a = b.arrows;
  const dots: FrameSummary["dots"] = [];
  for (let k = 0; k < f.dots.count; k++) {
    const i = f.dots.arrow[k];
    dots.push({
      arrow: i, id: a.id[i], type: b.types[a.type[i]] ?? "", from: b.lanes[a.fromLane[i]]?.address ?? "", to: b.lanes[a.toLane[i]]?.address ?? "",
      dropped: f.dots.dropped[k] === 1, x: f.dots.x[k], y: f.dots.y[k],
    });
  }
  return {
    t: f.t,
    nodes: m.info.map((n, i) => ({
      name: n.name, role: n.role, state: f.state[i] === DOWN ? "down" : f.state[i] === PAUSED ? "paused" : "up",
      x: l.x[i], y: l.y[i], badges: [...(f.badges[i] ?? []), ...(extra?.[i] ?? [])],
    })),
    dots,
    drops: f.drops.map((d) => ({ arrow: d.arrow, id: a.id[d.arrow], x: d.x, y: d.y })),
    cuts: f.cuts.map(([p, q]) => [b.nodes[p], b.nodes[q]]),
    radius: l.radius,
  };
}
