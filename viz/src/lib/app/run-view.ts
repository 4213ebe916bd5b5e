import type { Patch } from "immer";
import type { Scenario } from "../../../../engine/scenario";
import type { TraceEvent } from "../../../../engine/trace/trace-event";
import type { Violation } from "../../../../engine/check/checker";
import type { WorkerTimings } from "../../worker/protocol";
import type { TraceBundle } from "../trace/trace-bundle";
import { K } from "../trace/event-kinds";
import { LineReader } from "../trace/line-text";
import { StateReplay } from "../state/state-replay";
import { laneLayout, type LaneLayout } from "../layout/lane-layout";
import { lastEventAt } from "../layout/time-index";
import { metricCharts, type ChartSpec } from "../metrics/metric-charts";

/** Most decoded events kept at once; the log and the state panel touch only a few hundred. */
const CACHE_LIMIT = 4096;

/**
 * A loaded run as the page uses it: the bundle, plus what is derived from it on demand (decoded
 * events, states at the cursor, lane positions, metric charts), built once per run.
 */
export class RunView {
  readonly reader: LineReader;
  readonly replay: StateReplay;
  readonly layout: LaneLayout;
  readonly charts: ChartSpec[];
  private cache = new Map<number, TraceEvent>();

  constructor(
    readonly bundle: TraceBundle,
    /** The scenario that ran; null for a trace file. */
    readonly scenario: Scenario | null,
    readonly timings: WorkerTimings | null,
    /** What this run is, for labels: `seed 7`, `strategy=least-connections`. */
    readonly label: string,
    /** The state replay of another view of the same bundle, snapshots and all. */
    replay?: StateReplay,
  ) {
    this.reader = new LineReader(bundle);
    this.replay = replay ?? new StateReplay(bundle, bundle.lanes.length, K.state, (seq) => this.patches(seq));
    this.layout = laneLayout(bundle.lanes, bundle.nodes.length);
    this.charts = metricCharts(bundle.result?.metrics.series ?? null, bundle.metrics);
  }

  /** The decoded event `seq`. */
  event(seq: number): TraceEvent {
    let ev = this.cache.get(seq);
    if (ev) return ev;
    ev = JSON.parse(this.reader.line(seq)) as TraceEvent;
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(seq, ev);
    return ev;
  }

  /** The JSON line of event `seq`. */
  line(seq: number): string {
    return this.reader.line(seq);
  }

  /** A state event's patches, decoded without going through the event cache (the log's rows live there). */
  private patches(seq: number): readonly Patch[] {
    const p = (JSON.parse(this.reader.line(seq)) as { patches?: unknown }).patches;
    return Array.isArray(p) ? (p as unknown as Patch[]) : [];
  }

  /** The last event at or before time `t` (-1 before the first). */
  seqAt(t: number): number {
    return lastEventAt(this.bundle.t, t);
  }

  /** The run's first check violation, if any check failed. */
  firstViolation(): Violation | null {
    let first: Violation | null = null;
    for (const c of this.bundle.result?.checks ?? []) {
      for (const v of c.violations) if (!first || v.t < first.t) first = v;
    }
    return first;
  }

  /** The end of the run: its virtual time when known, else the last event's. */
  get end(): number {
    return Math.max(this.bundle.tEnd, this.bundle.result?.stats.virtualTime ?? 0, 1);
  }
}
