import type { Micros } from "./core/time";
import { SECOND } from "./core/time";
import type { Json } from "./core/json";
import type { Seed } from "./core/seed";
import type { Scenario, ProcessSpec } from "./scenario";
import type { FaultAction, FaultSpec } from "./faults/fault-spec";
import type { ProcessFactory, RunScope } from "./node/runtime-api";
import type { RunOptions, Simulation, ProcessCatalog, CheckerCatalog } from "./run-options";
import type { CheckResult, FaultRecord, RunResult, StopReason } from "./result";
import { StreamBank } from "./core/streams";
import { channelDrain } from "./core/drain";
import { World } from "./world";
import { FaultEvent } from "./faults/fault-event";
import { TraceRecorder } from "./trace/recorder";
import { TRACE_VERSION } from "./trace/trace-version";
import { MetricsRegistry } from "./metrics/metrics-registry";
import { applyFault } from "./faults/apply-fault";
import { drawNemesis } from "./faults/nemesis";
import { TriggerSet } from "./faults/triggers";
import { evaluateExpectation, replayCommand, resolveChecker } from "./check/evaluate";
import { CheckSet } from "./check/check-set";
import { validateScenario } from "./validate-scenario";

const DEFAULT_MAX_EVENTS = 20_000_000;

/** The scenario's processes with their factories resolved from the catalog. */
function withFactories(s: Scenario, catalog: ProcessCatalog): Array<ProcessSpec & { factory: ProcessFactory }> {
  return s.processes.map((p) => ({ ...p, factory: p.factory ?? catalog[p.kind ?? "custom"].factory }));
}

/** The run scopes the processes' factories ask for, each once, in the order of the processes. */
function runScopes(processes: ReadonlyArray<{ factory: ProcessFactory }>): RunScope[] {
  const scopes = new Set<RunScope>();
  for (const p of processes) if (p.factory.runScope) scopes.add(p.factory.runScope);
  return [...scopes];
}

/** Draws the nemesis and orders scripted and drawn faults by time, stably. */
function faultSchedule(s: Scenario, seed: Seed): Array<{ fault: FaultSpec; source: "script" | "nemesis" }> {
  const drawn = s.nemesis ? drawNemesis(s.nemesis, s.nodes.map((n) => n.name), s.duration, new StreamBank(seed).stream("nemesis")) : [];
  return [
    ...(s.faults ?? []).map((fault) => ({ fault, source: "script" as const })),
    ...drawn.map((fault) => ({ fault, source: "nemesis" as const })),
  ].sort((a, b) => a.fault.at - b.fault.at);
}

/** The latest end of the faults that have happened so far: what online checkers read as `healedAt`. */
interface Healing { at: Micros }

/** Runs a fault now, records it, and schedules its undo when it lasts `duration`. */
function runFault(w: World, action: FaultAction, record: FaultRecord, duration: Micros | undefined, records: FaultRecord[], heal: Healing): void {
  records.push(record);
  heal.at = Math.max(heal.at, w.now + (duration ?? 0));
  const undo = applyFault(w, action);
  if (undo && duration !== undefined) w.scheduleFault(w.now + duration, new FaultEvent(undo));
}

/**
 * Arms the scenario's triggers and narration cues. Their closures act on the world through
 * `world()`, which is built after them (the world takes its watcher in its constructor).
 */
function armTriggers(s: Scenario, world: () => World, records: FaultRecord[], narrationAt: Array<Micros | undefined>, heal: Healing): TriggerSet {
  const triggers = new TriggerSet();
  (s.triggers ?? []).forEach((t, i) => triggers.add(i, t.when, () => {
    const w = world();
    const fault = { ...t.do, at: w.now, ...(t.duration !== undefined ? { duration: t.duration } : {}) } as FaultSpec;
    runFault(w, t.do, { t: w.now, source: "trigger", fault }, t.duration, records, heal);
  }));
  (s.narration ?? []).forEach((n, i) => {
    narrationAt[i] = n.at;
    if (n.when) triggers.add(-1 - i, n.when, () => { narrationAt[i] = world().now; });
  });
  return triggers;
}

/**
 * Runs a scenario once and returns its result, trace and history. The same scenario, seed and
 * options give the same trace, byte for byte, wherever it runs.
 */
export async function simulateWith(s: Scenario, options: RunOptions, catalog: ProcessCatalog, checkers: CheckerCatalog): Promise<Simulation> {
  validateScenario(s, catalog);
  const seed = options.seed ?? s.seed ?? 1;
  const recording = options.recording ?? "full";
  const wall0 = options.wallClock?.();
  const metrics = new MetricsRegistry(options.metricsInterval ?? SECOND);
  const rec = recording === "full"
    ? new TraceRecorder({
      nodes: s.nodes.map((n) => n.name),
      procNode: Int32Array.from(s.processes, (p) => s.nodes.findIndex((n) => n.name === p.node)),
      procName: s.processes.map((p) => p.name),
      procAddress: s.processes.map((p) => `${p.node}/${p.name}`),
    }, { keep: options.traceKeep === undefined || options.traceKeep === "all" ? Infinity : options.traceKeep, sink: options.traceSink ?? null })
    : null;
  const records: FaultRecord[] = [];
  const narrationAt: Array<Micros | undefined> = [];
  const heal: Healing = { at: 0 };
  const triggers = armTriggers(s, () => k, records, narrationAt, heal);
  const specs = (s.checks ?? []).map((c) => ({ spec: c, checker: resolveChecker(c, checkers) }));
  const checkSet = new CheckSet(specs, { scenario: s.name, seed, now: () => k.now, healedAt: () => heal.at });
  // The history is kept only when asked, or when a post-run checker needs it whole.
  const keepHistory = options.keepHistory ?? true;
  const processes = withFactories(s, catalog);
  const k: World = new World({
    nodes: s.nodes, processes, network: s.network, seed, rec, metrics,
    watcher: triggers.size > 0 ? triggers : null,
    keepHistory: keepHistory || checkSet.needsHistory,
    onRecord: checkSet.idle ? null : (h) => checkSet.record(h),
    onMessage: checkSet.needsMessages && rec ? (kind, m, seq, t) => checkSet.message(kind, m, seq, t) : null,
  });
  const all = faultSchedule(s, seed);
  for (const { fault, source } of all) {
    k.scheduleFault(fault.at, new FaultEvent(() => runFault(k, fault, { t: k.now, source, fault }, fault.duration, records, heal)));
  }
  const schedule = all.map((x) => x.fault);
  for (const h of k.hosts) k.scheduleStart(s.processes[h.index].startAt ?? 0, h);

  const limits = { ...s.limits, ...options.limits };
  const end = Math.min(s.duration, limits.maxTime ?? Infinity);
  const endReason: StopReason = end < s.duration ? "max-time" : "duration";
  let nextSample = metrics.interval;
  const sampleUntil = (t: Micros): Micros => {
    while (nextSample <= t) {
      const point = metrics.sample(nextSample);
      rec?.node(nextSample, "metric", -1, { counters: point.counters, gauges: point.gauges } as Record<string, Json>);
      // The interval may have doubled: the next sample falls on the coarser grid.
      nextSample = (Math.floor(nextSample / metrics.interval) + 1) * metrics.interval;
    }
    return nextSample;
  };
  const channel = options.drain ? null : channelDrain();
  const leave: Array<() => void> = [];
  let stopReason: StopReason;
  try {
    for (const enter of runScopes(processes)) leave.push(enter());
    stopReason = await k.run({
      end, endReason, maxEvents: limits.maxEvents ?? DEFAULT_MAX_EVENTS, drain: options.drain ?? channel!.drain,
      shouldStop: options.shouldStop, sampleAt: nextSample, sample: sampleUntil,
    });
  } finally {
    channel?.close();
    for (const exit of leave.reverse()) exit();
  }
  sampleUntil(k.now);
  if (metrics.series.length === 0 || metrics.series[metrics.series.length - 1].t < k.now) metrics.sample(k.now);

  const snapshot = metrics.snapshot();
  const replay = replayCommand(options.replayCommand ?? `clustersim replay ${JSON.stringify(s.name)}`, seed);
  const ending = {
    scenario: s.name, seed, faults: records.map((r) => r.fault), triggers: s.triggers ?? [],
    healedAt: heal.at, endedAt: k.now, metrics: snapshot,
  };
  const checks: CheckResult[] = checkSet.finish(ending, k.history, () => (rec ? rec.events() : null), replay);
  if (k.errors.length > 0) checks.push(processErrors(k, seed, replay));
  for (const c of checks) rec?.node(k.now, "check", -1, { name: c.name, status: c.status, passed: c.passed });
  rec?.node(k.now, "end", -1, { reason: stopReason });
  rec?.flush();

  const seconds = k.now / SECOND;
  const expectations = (s.expect ?? []).map((e) => evaluateExpectation(e, snapshot, seconds));
  const wall1 = options.wallClock?.();
  const result: RunResult = {
    scenario: s.name, seed, traceHash: rec ? rec.hash : null, traceVersion: TRACE_VERSION, digest: k.digest(), recording, stopReason,
    passed: checks.every((c) => c.passed) && expectations.every((e) => e.passed) && stopReason !== "max-events" && stopReason !== "interrupted",
    stats: {
      events: k.loop.events, traceEvents: rec ? rec.length : 0, virtualTime: k.now,
      wallTimeMs: wall0 !== undefined && wall1 !== undefined ? Math.round((wall1 - wall0) * 1000) / 1000 : null,
      messages: { sent: k.transport.sent, delivered: k.transport.delivered, dropped: k.transport.dropped, duplicated: k.transport.duplicated, inFlight: k.transport.inFlight },
      drops: { ...k.transport.drops },
    },
    faults: records,
    schedule: { faults: schedule, triggers: s.triggers ?? [] },
    checks, expectations,
    metrics: snapshot,
    narration: (s.narration ?? []).map((n, i) => (narrationAt[i] === undefined ? { ...n } : { ...n, at: narrationAt[i] })),
    replay,
  };
  return { result, trace: rec, history: keepHistory ? k.history! : [] };
}

/** Errors thrown by component code fail the run: they are bugs, and they say where. */
function processErrors(k: World, seed: string | number, replay: string): CheckResult {
  return {
    name: "process-errors", description: "Component code never throws an unhandled error.", expected: "hold",
    status: "violated", passed: false, findings: [],
    violations: k.errors.slice(0, 20).map((e) => ({
      check: "process-errors", message: `${e.address}: ${e.message}`, t: e.t, nodes: [e.address.split("/")[0]],
      history: [], events: [], seed, replay,
    })),
  };
}
