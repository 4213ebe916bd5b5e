import type { Micros } from "../core/time";
import type { LinkSpec } from "./latency-spec";
import type { NetworkSpec } from "./network-spec";
import { latencySampler, type LatencySampler } from "./latency";
import type { CutSet } from "./cuts";

/** A link's behaviour after defaults, zone rules, pair rules and faults are applied. */
export interface ResolvedLink {
  sample: LatencySampler;
  lossRatio: number;
  duplicateRatio: number;
  reorderRatio: number;
  fifo: boolean;
}

interface Rule extends LinkSpec {
  from?: number; // node index, -1 for any
  to?: number;
}

const DEFAULT_LATENCY = { dist: "constant", value: 1000 } as const;

/**
 * The network's link table. Links resolve lazily, per directed pair, from the layered rules
 * (defaults, cross-zone, zone pairs, node pairs, then faults) and are cached until a rule changes,
 * so the common case costs one map lookup per message.
 */
export class Network {
  private readonly zoneOf: Int32Array;
  private readonly base: ResolvedLink;
  private readonly rules: Array<{ fromZone?: number; toZone?: number; from?: number; to?: number; spec: LinkSpec }> = [];
  private faultRules: Array<{ token: number; rule: Rule }> = [];
  private nextToken = 1;
  private cache = new Map<number, ResolvedLink>();
  private readonly n: number;
  /** Cuts in force, one per network fault. */
  readonly cuts: CutSet[] = [];
  /** Last arrival time per FIFO pair. */
  private readonly lastArrival = new Map<number, Micros>();

  constructor(spec: NetworkSpec | undefined, nodeZones: string[], nodeIndex: (name: string) => number) {
    this.n = nodeZones.length;
    const zones = [...new Set(nodeZones)];
    this.zoneOf = Int32Array.from(nodeZones, (z) => zones.indexOf(z));
    const s = spec ?? {};
    this.base = resolve({ latency: DEFAULT_LATENCY }, s);
    if (s.crossZone) this.rules.push({ fromZone: -2, toZone: -2, spec: s.crossZone });
    for (const z of s.zones ?? []) {
      const a = zones.indexOf(z.from), b = zones.indexOf(z.to);
      this.rules.push({ fromZone: a, toZone: b, spec: z });
      if (z.bidirectional !== false) this.rules.push({ fromZone: b, toZone: a, spec: z });
    }
    for (const l of s.links ?? []) {
      const a = nodeIndex(l.from), b = nodeIndex(l.to);
      this.rules.push({ from: a, to: b, spec: l });
      if (l.bidirectional !== false) this.rules.push({ from: b, to: a, spec: l });
    }
  }

  /** The link from node `a` to node `b`. */
  link(a: number, b: number): ResolvedLink {
    if (this.rules.length === 0 && this.faultRules.length === 0) return this.base;
    const key = a * this.n + b;
    let l = this.cache.get(key);
    if (l === undefined) {
      l = this.build(a, b);
      this.cache.set(key, l);
    }
    return l;
  }

  /** True when a cut in force blocks `a` to `b`. */
  isCut(a: number, b: number): boolean {
    const cuts = this.cuts;
    for (let i = 0; i < cuts.length; i++) if (cuts[i].cuts(a, b)) return true;
    return false;
  }

  addCut(cut: CutSet): void {
    this.cuts.push(cut);
  }

  removeCut(cut: CutSet): boolean {
    const i = this.cuts.indexOf(cut);
    if (i < 0) return false;
    this.cuts.splice(i, 1);
    return true;
  }

  /** Overrides links from `from` to `to` (-1: any); returns a token that `revert` takes. */
  override(from: number, to: number, spec: LinkSpec): number {
    const token = this.nextToken++;
    this.faultRules.push({ token, rule: { ...spec, from, to } });
    this.cache.clear();
    return token;
  }

  revert(token: number): void {
    this.faultRules = this.faultRules.filter((r) => r.token !== token);
    this.cache.clear();
  }

  /**
   * The arrival time of a message sent at `now` with latency `delay` on a FIFO link: never before
   * the previous message on that link, unless it is allowed to overtake.
   */
  fifoArrival(a: number, b: number, arrival: Micros, overtake: boolean): Micros {
    const key = a * this.n + b;
    const last = this.lastArrival.get(key);
    if (!overtake && last !== undefined && arrival < last) arrival = last;
    if (last === undefined || arrival > last) this.lastArrival.set(key, arrival);
    return arrival;
  }

  private build(a: number, b: number): ResolvedLink {
    let spec: LinkSpec = {};
    const za = this.zoneOf[a], zb = this.zoneOf[b];
    for (const r of this.rules) {
      if (r.fromZone === -2) {
        if (za !== zb) spec = { ...spec, ...r.spec };
      } else if (r.fromZone !== undefined) {
        if (r.fromZone === za && r.toZone === zb) spec = { ...spec, ...r.spec };
      } else if (r.from === a && r.to === b) spec = { ...spec, ...r.spec };
    }
    for (const { rule } of this.faultRules) {
      if ((rule.from === -1 || rule.from === a) && (rule.to === -1 || rule.to === b)) spec = { ...spec, ...rule };
    }
    return merge(this.base, spec);
  }
}

function resolve(defaults: LinkSpec, spec: LinkSpec): ResolvedLink {
  return {
    sample: latencySampler(spec.latency ?? defaults.latency ?? DEFAULT_LATENCY),
    lossRatio: ratio("lossRatio", spec.lossRatio ?? 0),
    duplicateRatio: ratio("duplicateRatio", spec.duplicateRatio ?? 0),
    reorderRatio: ratio("reorderRatio", spec.reorderRatio ?? 0),
    fifo: spec.fifo ?? false,
  };
}

function merge(base: ResolvedLink, spec: LinkSpec): ResolvedLink {
  return {
    sample: spec.latency ? latencySampler(spec.latency) : base.sample,
    lossRatio: spec.lossRatio !== undefined ? ratio("lossRatio", spec.lossRatio) : base.lossRatio,
    duplicateRatio: spec.duplicateRatio !== undefined ? ratio("duplicateRatio", spec.duplicateRatio) : base.duplicateRatio,
    reorderRatio: spec.reorderRatio !== undefined ? ratio("reorderRatio", spec.reorderRatio) : base.reorderRatio,
    fifo: spec.fifo ?? base.fifo,
  };
}

function ratio(name: string, v: number): number {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`network: ${name} must be a ratio between 0 and 1, got ${v}`);
  return v;
}
