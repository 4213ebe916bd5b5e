import type { Scenario } from "../../../engine/scenario";
import type { TraceEvent } from "../../../engine/trace/trace-event";
import { BundleBuilder } from "../lib/trace/bundle-builder";
import { LineText } from "../lib/trace/line-text";
import type { Patch } from "immer";
import { applySetsToObject } from "../lib/scenario/apply-sets";
import { makeSnapshots, SNAPSHOT_INTERVAL } from "./make-snapshots";
import type { SourceProblem, WorkerRequest, WorkerResponse, WorkerTimings } from "./protocol";

type RunRequest = Extract<WorkerRequest, { type: "run" }>;

/** Files the loader may `extends` from: the library, bundled raw into the worker. */
const libraryFiles = import.meta.glob("../../../scenarios/library/**/*.{yaml,yml}", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** Resolves an `extends` path against the bundled library (paths relative to `scenarios/library`). */
function resolveLibrary(path: string, from: string): string | undefined {
  const base = from.includes("/") ? from.slice(0, from.lastIndexOf("/") + 1) : "";
  const parts = (base + path).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return libraryFiles[`../../../scenarios/library/${out.join("/")}`];
}

/**
 * Loads (when the source is text), runs and bundles one scenario. The engine and the loader are
 * imported here, lazily, so that opening a trace file does not wait for them to load.
 */
export async function runScenario(req: RunRequest, now: () => number, post: (msg: WorkerResponse) => void): Promise<WorkerResponse> {
  const t0 = now();
  const [{ simulate, builtinProcesses, builtinCheckers }, { loadScenario, scenarioModules }] = await Promise.all([
    import("../../../engine/index"),
    import("../../../scenarios/loader"),
  ]);
  let scenario: Scenario;
  if (req.source.kind === "yaml") {
    // The page has no module host and never will: `modules:` is code with the user's
    // privileges, and a page's scenario may come from anyone's share link (docs/architecture.md).
    const refs = scenarioModules(req.source.text, { file: req.source.file, resolve: resolveLibrary });
    if (refs.ok && refs.modules.length > 0) {
      const problems: SourceProblem[] = refs.modules.map((m, i) => ({
        code: "CS404", severity: "error", path: `modules[${i}]`, line: m.pos?.line ?? 1, column: m.pos?.column ?? 1,
        message: `module "${m.specifier}" is not loaded here: the visualizer never runs a scenario's own code; run it with the clustersim command, or open its trace file (clustersim run FILE --trace run.jsonl)`,
      }));
      return { type: "invalid", id: req.id, problems };
    }
    const loaded = loadScenario(req.source.text, {
      file: req.source.file, sets: req.sets, catalog: builtinProcesses, checkers: builtinCheckers, resolve: resolveLibrary,
    });
    if (!loaded.ok) {
      const problems: SourceProblem[] = loaded.errors.map((e) => ({
        code: e.code, severity: e.severity, message: e.message, line: e.line, column: e.column,
        endLine: e.endLine, endColumn: e.endColumn, path: e.path, suggestion: e.suggestion,
      }));
      return { type: "invalid", id: req.id, problems };
    }
    scenario = loaded.scenario;
  } else {
    const copy = structuredClone(req.source.scenario);
    const problems = applySetsToObject(copy as unknown as Record<string, unknown>, req.sets);
    if (problems.length > 0) return { type: "invalid", id: req.id, problems };
    scenario = copy;
  }
  scenario = { ...scenario, faults: [...(scenario.faults ?? []), ...req.extraFaults] };
  const t1 = now();
  const sim = await simulate(scenario, { seed: req.seed, wallClock: now, keepHistory: false });
  const t2 = now();
  const trace = sim.trace!;
  const builder = new BundleBuilder({
    name: scenario.name, seed: sim.result.seed, nodeOrder: scenario.nodes.map((n) => n.name), result: sim.result,
  });
  const lines = new LineText();
  const n = trace.length;
  for (let i = 0; i < n; i++) {
    const ev: TraceEvent = trace.at(i);
    builder.add(ev);
    lines.push(JSON.stringify(ev));
  }
  const { text, lineStart, lineEnd } = lines.finish();
  const bundle = builder.finish(sim.result.traceHash ?? trace.hash, text, lineStart, lineEnd);
  const timings: WorkerTimings = { loadMs: t1 - t0, runMs: t2 - t1, bundleMs: now() - t2 };
  const kind = bundle.kind.slice(), lane = bundle.lane.slice(), laneCount = bundle.lanes.length;
  post({ type: "done", id: req.id, bundle, scenario: JSON.parse(JSON.stringify(scenario)) as Scenario, timings });
  // After the page has the run: the state snapshots, straight from the trace's decoded events.
  return {
    type: "snapshots", id: req.id, interval: SNAPSHOT_INTERVAL,
    lanes: makeSnapshots(kind, lane, laneCount, (seq) => (trace.at(seq).patches as unknown as Patch[] | undefined) ?? []),
  };
}
