import type { Micros } from "../core/time";
import { SECOND } from "../core/time";
import type { Rng } from "../core/rng";
import type { FaultAction, FaultSpec, NemesisKind, NemesisSpec } from "./fault-spec";
import { latencySampler } from "../net/latency";

/**
 * Draws the nemesis's whole schedule before the run, from its own stream. Because it does not
 * react to the run, its faults are a concrete scripted schedule that replays the run without it,
 * and that the shrinker can cut down fault by fault.
 */
export function drawNemesis(spec: NemesisSpec, nodes: readonly string[], duration: Micros, rng: Rng): FaultSpec[] {
  const kinds = (Object.entries(spec.mix) as Array<[NemesisKind, number]>).filter(([, w]) => w > 0);
  if (kinds.length === 0) return [];
  const total = kinds.reduce((s, [, w]) => s + w, 0);
  const targets = spec.targets && spec.targets.length > 0 ? spec.targets : nodes;
  const interval = latencySampler(spec.interval);
  const length = latencySampler(spec.duration);
  const from = spec.from ?? 0;
  const until = spec.until ?? Math.floor(duration * 0.8);
  const maxConcurrent = spec.maxConcurrent ?? 1;
  const ends: Micros[] = [];
  const out: FaultSpec[] = [];
  let t = from;
  // Bounded: at most one fault per microsecond of the window, and at most 10,000 faults.
  for (let guard = 0; guard < 10_000; guard++) {
    t += Math.max(1, interval(rng));
    if (t >= until) break;
    ends.sort((a, b) => a - b);
    while (ends.length > 0 && ends[0] <= t) ends.shift();
    if (ends.length >= maxConcurrent) {
      t = ends.shift()!;
      if (t >= until) break;
    }
    let r = rng.next() * total;
    let kind = kinds[0][0];
    for (const [k, w] of kinds) {
      if (r < w) { kind = k; break; }
      r -= w;
    }
    const d = Math.max(1, length(rng));
    const fault = drawOne(kind, targets, rng, spec);
    if (fault === null) continue;
    out.push({ ...fault, at: t, duration: d } as FaultSpec);
    ends.push(t + d);
  }
  return out;
}

type Action = FaultAction;

function drawOne(kind: NemesisKind, targets: readonly string[], rng: Rng, spec: NemesisSpec): Action | null {
  switch (kind) {
    case "crash":
      return { action: "crash", node: rng.pick(targets) };
    case "pause":
      return { action: "pause", node: rng.pick(targets) };
    case "isolate":
      return { action: "isolate", node: rng.pick(targets) };
    case "partition": {
      if (targets.length < 2) return null;
      const order = rng.shuffle(targets);
      const cut = 1 + rng.int(order.length - 1);
      return { action: "partition", groups: [order.slice(0, cut), order.slice(cut)] };
    }
    case "cut": {
      if (targets.length < 2) return null;
      const [from, to] = rng.shuffle(targets);
      return { action: "cut", from, to };
    }
    case "bridge": {
      if (targets.length < 3) return null;
      const order = rng.shuffle(targets);
      const bridge = order[0];
      const rest = order.slice(1);
      const half = Math.ceil(rest.length / 2);
      return { action: "bridge", groups: [rest.slice(0, half), rest.slice(half)], bridge };
    }
    case "ring":
      return targets.length >= 3 ? { action: "ring" } : null;
    case "skew": {
      const max = spec.skewMax ?? SECOND;
      return { action: "skew", node: rng.pick(targets), offset: Math.round((rng.next() * 2 - 1) * max) };
    }
    case "slow": {
      if (targets.length < 2) return null;
      const [from, to] = rng.shuffle(targets);
      return { action: "link", from, to, link: { latency: spec.slowLatency ?? { dist: "exponential", mean: 200_000 } } };
    }
    case "loss": {
      if (targets.length < 2) return null;
      const [from, to] = rng.shuffle(targets);
      return { action: "link", from, to, link: { lossRatio: spec.lossRatio ?? 0.5 } };
    }
  }
}
