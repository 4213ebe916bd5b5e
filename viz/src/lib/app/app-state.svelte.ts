import { num, t } from "../i18n/i18n.svelte";
import type { FaultSpec, Scenario, Seed } from "../../../../engine/scenario";
import type { ScenarioSource, SourceProblem, WorkerResponse } from "../../worker/protocol";
import { SimClient } from "./sim-client";
import { RunView } from "./run-view";
import { clampView, followView, panView, zoomView, type TimeView } from "../layout/time-view";
import { firstDivergence, type Divergence } from "../diverge/first-divergence";
import { NO_FILTER, type EventFilter } from "../log/event-filter";
import { stepSpeed } from "../keyboard/shortcuts";
import { parseSeed, parseSets } from "./inputs";
import type { TraceBundle } from "../trace/trace-bundle";

/** Which side panel or dialog is open. */
export type Panel = "none" | "library" | "editor" | "help";

/** Which views of the run are on screen: the space-time diagram, the cluster view, or both. */
export type MainView = "spacetime" | "cluster" | "both";

/** The second run of a comparison: the same scenario with another seed or other overrides. */
export interface CompareSpec {
  seed: string;
  sets: string;
}

/**
 * Everything the page shows and does, in one place: the scenario and its runs, the cursor and
 * the visible time window, playback, comparison, faults added by clicking, and the panels.
 * Components read it and call its methods; nothing else holds state that outlives a component.
 */
export class AppState {
  source = $state.raw<ScenarioSource | null>(null);
  editorText = $state("");
  seedText = $state("");
  extraFaults = $state.raw<FaultSpec[]>([]);
  sets = $state.raw<string[]>([]);

  a = $state.raw<RunView | null>(null);
  b = $state.raw<RunView | null>(null);
  /** The run before the last fault was added, to show where the new one diverges. */
  previous = $state.raw<RunView | null>(null);
  divergence = $state.raw<Divergence | null>(null);
  lastFault = $state.raw<FaultSpec | null>(null);

  status = $state("");
  error = $state<string | null>(null);
  problems = $state.raw<SourceProblem[]>([]);
  running = $state(false);

  compareOn = $state(false);
  compare = $state<CompareSpec>({ seed: "", sets: "" });
  compareStatus = $state("");

  cursorT = $state(0);
  cursorSeq = $state(-1);
  view = $state.raw<TimeView>({ t0: 0, t1: 1 });
  playing = $state(false);
  speed = $state(0.1);

  panel = $state<Panel>("none");
  /** The views shown (cluster view: components/ClusterView.svelte); kept in a share link. */
  mainView = $state<MainView>("spacetime");
  /** The message (arrow index of run A) selected in either view, shown in both; -1 for none. */
  selectedArrow = $state(-1);
  theme = $state<"light" | "dark">("light");
  reducedMotion = $state(false);
  filter = $state.raw<EventFilter>(NO_FILTER);
  /** Events to ring on the diagram and mark in the log (a violation's evidence). */
  highlight = $state.raw<ReadonlySet<number>>(new Set());
  /** Wall-clock milliseconds (performance.now) when the worker's state snapshots arrived. */
  snapshotsAt = $state<number | null>(null);
  /** Wall-clock milliseconds (performance.now) when the first frame with data was drawn. */
  firstFrameAt = $state<number | null>(null);

  /** Trace hashes of the two runs; a trace file's arrives a moment after its bundle. */
  hashA = $state("");
  hashB = $state("");

  private clientA = new SimClient((t) => (this.status = t), (h) => {
    if (this.a) this.a.bundle.hash = h;
    this.hashA = h;
  }, (interval, lanes) => {
    this.a?.replay.adopt(lanes, interval);
    performance.mark("viz-snapshots-adopted");
    this.snapshotsAt = performance.now();
  }, (bundle, share) => this.showPreview(bundle, share));
  /** A large trace file's first part is on screen while the worker reads the rest. */
  previewing = $state(false);
  private clientB = new SimClient((t) => (this.compareStatus = t), (h) => {
    if (this.b) this.b.bundle.hash = h;
    this.hashB = h;
  }, (interval, lanes) => this.b?.replay.adopt(lanes, interval));
  private pendingCursor: { t: number; seq?: number } | null = null;

  constructor() {
    this.clientA.warm();
  }

  /** The end of the primary run (or of both, when comparing). */
  get end(): number {
    return Math.max(this.a?.end ?? 1, this.compareOn ? this.b?.end ?? 0 : 0);
  }

  // ---- loading and running ----

  /** Shows a scenario in the editor and runs it, forgetting faults added to the previous one. */
  async open(source: ScenarioSource, options: { seed?: Seed; faults?: FaultSpec[]; sets?: string[]; cursor?: { t: number; seq?: number } } = {}): Promise<void> {
    this.source = source;
    this.editorText = source.kind === "yaml" ? source.text : JSON.stringify(source.scenario, null, 2);
    this.seedText = options.seed !== undefined ? String(options.seed) : "";
    this.extraFaults = options.faults ?? [];
    this.sets = options.sets ?? [];
    this.previous = null;
    this.divergence = null;
    this.lastFault = null;
    this.pendingCursor = options.cursor ?? null;
    this.a = null;
    this.b = null;
    await this.run({ fresh: true });
  }

  /** The source as the editor has it now. */
  private editedSource(): ScenarioSource | { error: string } {
    const src = this.source;
    if (!src || src.kind === "yaml") return { kind: "yaml", text: this.editorText, file: src?.kind === "yaml" ? src.file : "edited.yaml" };
    try {
      return { kind: "object", scenario: JSON.parse(this.editorText) as Scenario };
    } catch (e) {
      return { error: `the scenario is not valid JSON: ${(e as Error).message}` };
    }
  }

  /** Runs the scenario (as edited) with the current seed, added faults and overrides. */
  async run(opts: { fresh?: boolean; keepPrevious?: boolean } = {}): Promise<void> {
    const source = this.editedSource();
    if ("error" in source) {
      this.error = source.error;
      return;
    }
    this.source = source;
    this.running = true;
    this.error = null;
    this.problems = [];
    const old = this.a;
    const res = await this.clientA.request({ type: "run", source: $state.snapshot(source) as ScenarioSource, seed: parseSeed(this.seedText), extraFaults: this.extraFaults, sets: this.sets });
    if (res.type === "error" && res.message === "superseded") return;
    this.running = false;
    if (!this.accept(res, "a")) return;
    if (opts.keepPrevious && old) {
      this.previous = old;
      const now = this.a!;
      this.divergence = firstDivergence(old.bundle, now.bundle, old.bundle.t, now.bundle.t);
    } else if (!opts.keepPrevious) {
      this.previous = null;
      this.divergence = null;
    }
    if (opts.fresh || !old) this.resetView();
    else this.view = clampView(this.view, this.end);
    this.applyPendingCursor();
    if (this.compareOn) void this.runCompare();
  }

  /** Opens a trace file (no scenario: nothing to re-run or break). */
  async openTrace(file: string, data: { bytes?: ArrayBuffer; url?: string }): Promise<void> {
    this.running = true;
    this.error = null;
    this.problems = [];
    this.source = null;
    this.extraFaults = [];
    this.previous = null;
    this.divergence = null;
    this.compareOn = false;
    this.b = null;
    performance.mark("viz-trace-requested");
    const res = await this.clientA.request({ type: "trace", file, ...data }, data.bytes ? [data.bytes] : []);
    if (res.type === "error" && res.message === "superseded") return;
    this.running = false;
    const previewed = this.previewing;
    this.previewing = false;
    if (this.accept(res, "a")) {
      // After a preview the cursor stays where the reader put it; the window grows to the whole run.
      if (previewed && !this.pendingCursor) this.pendingCursor = { t: this.cursorT };
      this.resetView();
      this.applyPendingCursor();
    }
  }

  /** Shows the first part of a large trace file (sim-worker's preview) until the whole of it arrives. */
  private showPreview(bundle: TraceBundle, share: number): void {
    if (this.source !== null || !this.running) return;
    performance.mark("viz-preview-received");
    this.a = new RunView(bundle, null, null, "");
    this.hashA = "";
    this.previewing = true;
    this.status = t("run.preview", { count: num(bundle.count), percent: Math.round(share * 100) });
    this.resetView();
    if (!this.pendingCursor) this.setTime(0);
  }

  private accept(res: WorkerResponse, slot: "a" | "b"): boolean {
    if (res.type === "invalid") {
      if (slot === "a") {
        this.problems = res.problems;
        this.error = t(res.problems.length === 1 ? "run.problemsOne" : "run.problems", { count: res.problems.length });
        this.status = "";
        this.panel = "editor";
      } else {
        this.compareStatus = t("run.compareProblems", { problems: res.problems.map((p) => p.message).join("; ") });
      }
      return false;
    }
    if (res.type !== "done") {
      if (slot === "a") {
        this.error = res.type === "error" ? res.message : t("run.workerAnswer");
        this.status = "";
      } else {
        this.compareStatus = res.type === "error" ? res.message : "";
      }
      return false;
    }
    performance.mark(`viz-bundle-received-${slot}`);
    const label = slot === "a" ? t("run.seedLabel", { seed: String(res.bundle.seed ?? "?") }) : this.compareLabel();
    const view = new RunView(res.bundle, res.scenario, res.timings, label);
    if (slot === "a") {
      performance.mark("viz-bundle-ready");
      this.a = view;
      this.selectedArrow = -1;
      this.hashA = res.bundle.hash;
      this.status = t("run.events", { count: num(res.bundle.count) });
    } else {
      this.b = view;
      this.hashB = res.bundle.hash;
      this.compareStatus = "";
    }
    return true;
  }

  private compareLabel(): string {
    const parts: string[] = [];
    if (this.compare.seed.trim()) parts.push(t("run.seedLabel", { seed: this.compare.seed.trim() }));
    parts.push(...parseSets(this.compare.sets));
    return parts.length ? parts.join(", ") : "same scenario";
  }

  /** Runs the comparison run B. */
  async runCompare(): Promise<void> {
    const src = this.source;
    if (!src) {
      this.compareStatus = t("run.compareNeedsScenario");
      return;
    }
    this.compareStatus = t("run.comparing");
    const seed = parseSeed(this.compare.seed) ?? parseSeed(this.seedText);
    const res = await this.clientB.request({
      type: "run", source: $state.snapshot(src) as ScenarioSource, seed, extraFaults: this.extraFaults,
      sets: [...this.sets, ...parseSets(this.compare.sets)],
    });
    if (res.type === "error" && res.message === "superseded") return;
    this.accept(res, "b");
    this.view = clampView(this.view, this.end);
  }

  /** Turns the comparison on or off. */
  toggleCompare(on = !this.compareOn): void {
    this.compareOn = on;
    if (on) void this.runCompare();
    else this.b = null;
  }

  /** Puts the run before the last added fault beside the current one. */
  compareWithPrevious(): void {
    if (!this.previous) return;
    this.b = new RunView(this.previous.bundle, this.previous.scenario, this.previous.timings, "before the added fault", this.previous.replay);
    this.hashB = this.previous.bundle.hash;
    this.compareOn = true;
  }

  // ---- breaking things ----

  /** Adds a fault at the cursor and replays the run from the start with it. */
  async addFault(fault: FaultSpec): Promise<void> {
    if (!this.source) return;
    this.extraFaults = [...this.extraFaults, fault];
    this.lastFault = fault;
    this.pendingCursor = { t: this.cursorT };
    await this.run({ keepPrevious: true });
  }

  /** Removes the faults added in the page and replays. */
  async clearFaults(): Promise<void> {
    this.extraFaults = [];
    this.lastFault = null;
    this.pendingCursor = { t: this.cursorT };
    await this.run();
  }

  // ---- cursor, view, playback ----

  private applyPendingCursor(): void {
    const c = this.pendingCursor;
    this.pendingCursor = null;
    if (c) {
      if (c.seq !== undefined && this.a && c.seq < this.a.bundle.count && this.a.bundle.t[c.seq] === c.t) this.setSeq(c.seq);
      else this.setTime(c.t);
      this.view = followView(this.view, this.cursorT, this.end);
    } else {
      this.setTime(0);
    }
  }

  /** Shows the whole run. */
  resetView(): void {
    this.view = { t0: 0, t1: this.end };
  }

  /** Moves the cursor to time `t` (the last event at or before it becomes current). */
  setTime(t: number): void {
    const c = Math.max(0, Math.min(t, this.end));
    this.cursorT = c;
    this.cursorSeq = this.a ? this.a.seqAt(c) : -1;
  }

  /** Moves the cursor to event `seq` of the primary run. */
  setSeq(seq: number): void {
    if (!this.a) return;
    const s = Math.max(-1, Math.min(seq, this.a.bundle.count - 1));
    this.cursorSeq = s;
    this.cursorT = s < 0 ? 0 : this.a.bundle.t[s];
  }

  /** Steps to the next (1) or previous (-1) event, keeping it in view. */
  step(dir: 1 | -1): void {
    this.playing = false;
    this.setSeq(this.cursorSeq + dir);
    this.view = followView(this.view, this.cursorT, this.end);
  }

  /** Jumps by a tenth of the visible window. */
  jump(dir: 1 | -1): void {
    this.setTime(this.cursorT + (dir * (this.view.t1 - this.view.t0)) / 10);
    this.view = followView(this.view, this.cursorT, this.end);
  }

  zoom(factor: number, anchor = this.cursorT): void {
    this.view = zoomView(this.view, factor, anchor, this.end);
  }

  pan(fraction: number): void {
    this.view = panView(this.view, (this.view.t1 - this.view.t0) * fraction, this.end);
  }

  setView(v: TimeView): void {
    this.view = clampView(v, this.end);
  }

  faster(dir: 1 | -1): void {
    this.speed = stepSpeed(this.speed, dir);
  }

  /** Advances playback by `wallMs` of wall time; stops at the end. */
  tick(wallMs: number): void {
    if (!this.playing) return;
    const t = this.cursorT + wallMs * 1000 * this.speed;
    if (t >= this.end) {
      this.setTime(this.end);
      this.playing = false;
    } else {
      this.setTime(t);
    }
    this.view = followView(this.view, this.cursorT, this.end);
  }

  togglePlay(): void {
    if (!this.a) return;
    if (!this.playing && this.cursorT >= this.end) this.setTime(0);
    this.playing = !this.playing;
  }

  dispose(): void {
    this.clientA.dispose();
    this.clientB.dispose();
  }
}
