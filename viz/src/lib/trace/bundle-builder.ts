import type { Seed } from "../../../../engine/scenario";
import type { RunResult } from "../../../../engine/result";
import type { TraceEvent } from "../../../../engine/trace/trace-event";
import { K, kindCode } from "./event-kinds";
import { f64, i32, u8 } from "./growable";
import { LaneTable } from "./lane-table";
import { ArrowBuilder } from "./arrow-builder";
import { BandBuilder } from "./band-builder";
import { StatusBuilder, type JsonPatch } from "./status-builder";
import { TermBuilder } from "./term-builder";
import type { TraceBundle, TraceMetricPoint } from "./trace-bundle";

/** What a bundle is named after and, for a run, what the run said. */
export interface BundleMeta {
  name: string;
  seed: Seed | null;
  /** Nodes in the scenario's order, so that lanes follow it even for nodes with no events. */
  nodeOrder?: readonly string[];
  result?: RunResult | null;
}

/** The node part of an address. */
function nodeOf(address: string): string {
  const slash = address.indexOf("/");
  return slash < 0 ? address : address.slice(0, slash);
}

/**
 * Builds a `TraceBundle` from decoded events in one pass: columns, arrows, bands, status
 * segments and the metrics timeline. It keeps nothing of an event after `add` returns, so a
 * trace of a million events streams through without a million objects alive at once.
 */
export class BundleBuilder {
  private lanes: LaneTable;
  private arrows = new ArrowBuilder();
  private bands = new BandBuilder();
  private status = new StatusBuilder();
  private terms = new TermBuilder();
  private nodePids = new Map<number, Set<number>>();
  private t = f64(8192);
  private kind = u8(8192);
  private pid = i32(8192);
  private node = i32(8192);
  private metrics: TraceMetricPoint[] = [];
  private tEnd = 0;
  /** Number of events added. */
  count = 0;

  constructor(private readonly meta: BundleMeta) {
    this.lanes = new LaneTable(meta.nodeOrder ?? []);
  }

  private procPid(node: number, nodeName: string, proc: string): number {
    const pid = this.lanes.proc(nodeName, proc);
    let set = this.nodePids.get(node);
    if (!set) this.nodePids.set(node, (set = new Set()));
    set.add(pid);
    return pid;
  }

  /** Adds the next event (its index in the bundle is the order of the calls). */
  add(ev: TraceEvent): void {
    const seq = this.count++;
    const t = ev.t;
    if (t > this.tEnd) this.tEnd = t;
    const code = kindCode(ev.kind);
    const node = ev.node !== undefined ? this.lanes.node(ev.node) : -1;
    let pid = ev.node !== undefined && ev.proc !== undefined ? this.procPid(node, ev.node, ev.proc) : -1;
    switch (code) {
      case K.send:
        if (pid >= 0 && ev.id !== undefined) this.arrows.send(t, seq, ev.id, pid, this.lanes.address(String(ev.to ?? ev.node)), String(ev.type ?? "message"));
        break;
      case K.deliver:
        if (pid >= 0 && ev.id !== undefined) this.arrows.deliver(t, seq, ev.id, pid);
        break;
      case K.drop: {
        const at = ev.node ?? "";
        const to = String(ev.to ?? "");
        const from = String(ev.from ?? "");
        pid = nodeOf(to) === at ? this.lanes.address(to) : nodeOf(from) === at ? this.lanes.address(from) : this.lanes.address(at);
        if (ev.id !== undefined) this.arrows.drop(t, seq, ev.id, pid, String(ev.reason ?? "unknown"));
        break;
      }
      case K.crash:
        if (node >= 0) {
          this.bands.crash(t, seq, node);
          this.status.crash(t, this.nodePids.get(node) ?? new Set());
          this.terms.crash(t, this.nodePids.get(node) ?? new Set());
        }
        break;
      case K.restart:
        if (node >= 0) this.bands.restart(t, seq, node);
        break;
      case K.pause:
        if (node >= 0) this.bands.pause(t, seq, node);
        break;
      case K.resume:
        if (node >= 0) this.bands.resume(t, seq, node);
        break;
      case K.partition: {
        const cuts: Array<[number, number]> = [];
        if (Array.isArray(ev.cuts)) {
          for (const c of ev.cuts) if (Array.isArray(c) && c.length === 2) cuts.push([this.lanes.node(String(c[0])), this.lanes.node(String(c[1]))]);
        }
        this.bands.partition(t, seq, String(ev.fault ?? "partition"), cuts);
        break;
      }
      case K.heal:
        this.bands.heal(t, seq, String(ev.fault ?? "heal"));
        break;
      case K.state:
        if (pid >= 0 && Array.isArray(ev.patches)) {
          this.status.patches(t, seq, pid, ev.patches as unknown as JsonPatch[]);
          this.terms.patches(t, seq, pid, ev.patches as unknown as JsonPatch[]);
        }
        break;
      case K.metric:
        this.metrics.push({
          t,
          counters: (ev.counters ?? {}) as Record<string, number>,
          gauges: (ev.gauges ?? {}) as Record<string, number>,
        });
        break;
    }
    this.t.push(t);
    this.kind.push(code);
    this.pid.push(pid);
    this.node.push(node);
  }

  /**
   * The finished bundle. `text` holds every event's line, `lineStart`/`lineEnd` their byte
   * ranges in the order the events were added.
   */
  finish(hash: string, text: Uint8Array, lineStart: Uint32Array, lineEnd: Uint32Array): TraceBundle {
    const { lanes, laneOf } = this.lanes.finish();
    const arrows = this.arrows.finish(laneOf, this.tEnd);
    const n = this.count;
    const lane = this.pid.toArray();
    for (let i = 0; i < n; i++) if (lane[i] >= 0) lane[i] = laneOf[lane[i]];
    const arrow = new Int32Array(n).fill(-1);
    for (let i = 0; i < arrows.count; i++) {
      if (arrows.endSeq[i] >= 0) arrow[arrows.endSeq[i]] = i;
      if (arrow[arrows.sendSeq[i]] < 0) arrow[arrows.sendSeq[i]] = i;
    }
    return {
      name: this.meta.name,
      seed: this.meta.seed,
      hash,
      count: n,
      tEnd: this.tEnd,
      nodes: this.lanes.nodes,
      lanes,
      t: this.t.toArray(),
      kind: this.kind.toArray(),
      lane,
      node: this.node.toArray(),
      arrow,
      arrows,
      types: this.arrows.types.values,
      reasons: this.arrows.reasons.values,
      bands: this.bands.finish(this.tEnd),
      status: this.status.finish(laneOf, this.tEnd),
      terms: this.terms.finish(laneOf, this.tEnd),
      metrics: this.metrics,
      text,
      lineStart,
      lineEnd,
      result: this.meta.result ?? null,
    };
  }
}
