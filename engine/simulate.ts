import type { Micros } from "./core/time";
import { SECOND } from "./core/time";
import type { Json } from "./core/json";
import type { Scenario, FaultSpec } from "./scenario";
import type { RunOptions, Simulation, ProcessCatalog, CheckerCatalog } from "./run-options";
import type { CheckResult, FaultRecord, RunResult, StopReason } from "./result";
import { Kernel } from "./core/kernel";
import { FaultEvent, StartEvent } from "./core/kernel-events";
import { StreamBank } from "./core/streams";
import { channelDrain } from "./core/drain";
import { NodeClock } from "./node/node-clock";
import { defaultIp, NodeState } from "./node/node-state";
import { ProcessHost } from "./node/process-host";
import { Network } from "./net/network";
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

/** Builds the kernel for a scenario: nodes, network, processes, faults, triggers. */
function build(s: Scenario, seed: string | number, rec: TraceRecorder | null, metrics: MetricsRegistry, catalog: ProcessCatalog) {
  const k = new Kernel(rec, metrics);
  const streams = new StreamBank(seed);
  const nodeIndex = new Map<string, number>();
  k.nodeFlags = new Uint8Array(s.nodes.length);
  s.nodes.forEach((n, i) => {
    nodeIndex.set(n.name, i);
    const clock = new NodeClock(n.clock?.skew ?? 0, n.clock?.driftPpm ?? 0);
    k.nodes.push(new NodeState(k.nodeFlags, i, n.name, n.zone ?? "default", n.ip ?? defaultIp(i), clock));
    k.netRng.push(streams.stream(`net/${n.name}`));
  });
  k.network = new Network(s.network, k.nodes.map((n) => n.zone), (name) => nodeIndex.get(name)!);
  s.processes.forEach((p, i) => {
    const node = k.nodes[nodeIndex.get(p.node)!];
    const address = `${p.node}/${p.name}`;
    const kind = p.kind ?? "custom";
    const factory = p.factory ?? catalog[kind].factory;
    const host = new ProcessHost(k, i, node, p.name, address, kind, factory, p.config ?? {}, streams.stream(`proc/${address}`));
    node.procs.push(i);
    k.hosts.push(host);
    k.addresses.set(address, i);
  });
  k.procNode = Int32Array.from(k.hosts, (h) => h.node.index);
  k.directory = k.hosts.map((h) => ({ address: h.address, node: h.node.name, process: h.name, kind: h.kind, zone: h.node.zone, ip: h.node.ip }));
  return k;
}

/** The latest end of the faults that have happened so far: what online checkers read as `healedAt`. */
interface Healing { at: Micros }

/** Schedules scripted and nemesis faults (sorted by time, stably) and arms the triggers. */
function armFaults(k: Kernel, s: Scenario, seed: string | number, records: FaultRecord[], narrationAt: Array<Micros | undefined>, heal: Healing): FaultSpec[] {
  const drawn = s.nemesis ? drawNemesis(s.nemesis, s.nodes.map((n) => n.name), s.duration, new StreamBank(seed).stream("nemesis")) : [];
  const all = [
    ...(s.faults ?? []).map((fault) => ({ fault, source: "script" as const })),
    ...drawn.map((fault) => ({ fault, source: "nemesis" as const })),
  ].sort((a, b) => a.fault.at - b.fault.at);
  for (const { fault, source } of all) {
    k.schedule(fault.at, new FaultEvent(() => {
      records.push({ t: k.now, source, fault });
      heal.at = Math.max(heal.at, k.now + (fault.duration ?? 0));
      const undo = applyFault(k, fault);
      if (undo && fault.duration !== undefined) k.schedule(k.now + fault.duration, new FaultEvent(undo));
    }));
  }
  const triggers = new TriggerSet();
  (s.triggers ?? []).forEach((t, i) => triggers.add(i, t.when, (kk) => {
    const fault = { ...t.do, at: kk.now, ...(t.duration !== undefined ? { duration: t.duration } : {}) } as FaultSpec;
    records.push({ t: kk.now, source: "trigger", fault });
    heal.at = Math.max(heal.at, kk.now + (fault.duration ?? 0));
    const undo = applyFault(kk, t.do);
    if (undo && t.duration !== undefined) kk.schedule(kk.now + t.duration, new FaultEvent(undo));
  }));
  (s.narration ?? []).forEach((n, i) => {
    narrationAt[i] = n.at;
    if (n.when) triggers.add(-1 - i, n.when, (kk) => { narrationAt[i] = kk.now; });
  });
  if (triggers.size > 0) k.triggers = triggers;
  return all.map((x) => x.fault);
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
    })
    : null;
  const k = build(s, seed, rec, metrics, catalog);
  const records: FaultRecord[] = [];
  const narrationAt: Array<Micros | undefined> = [];
  const heal: Healing = { at: 0 };
  const schedule = armFaults(k, s, seed, records, narrationAt, heal);
  for (const h of k.hosts) k.schedule(s.processes[h.index].startAt ?? 0, new StartEvent(h));
  const specs = (s.checks ?? []).map((c) => ({ spec: c, checker: resolveChecker(c, checkers) }));
  const checkSet = new CheckSet(specs, { scenario: s.name, seed, now: () => k.now, healedAt: () => heal.at });
  // The history is kept only when asked, or when a post-run checker needs it whole.
  const keepHistory = options.keepHistory ?? true;
  if (keepHistory || checkSet.needsHistory) k.history = [];
  if (!checkSet.idle) k.onRecord = (h) => checkSet.record(h);
  if (checkSet.needsMessages && rec) k.onMessage = (kind, m, seq, t) => checkSet.message(kind, m, seq, t);

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
  let stopReason: StopReason;
  try {
    stopReason = await k.run(end, endReason, limits.maxEvents ?? DEFAULT_MAX_EVENTS, options.drain ?? channel!.drain, options.shouldStop, nextSample, sampleUntil);
  } finally {
    channel?.close();
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

  const seconds = k.now / SECOND;
  const expectations = (s.expect ?? []).map((e) => evaluateExpectation(e, snapshot, seconds));
  const wall1 = options.wallClock?.();
  const result: RunResult = {
    scenario: s.name, seed, traceHash: rec ? rec.hash : null, traceVersion: TRACE_VERSION, digest: k.digest(), recording, stopReason,
    passed: checks.every((c) => c.passed) && expectations.every((e) => e.passed) && stopReason !== "max-events" && stopReason !== "interrupted",
    stats: {
      events: k.events, traceEvents: rec ? rec.length : 0, virtualTime: k.now,
      wallTimeMs: wall0 !== undefined && wall1 !== undefined ? Math.round((wall1 - wall0) * 1000) / 1000 : null,
      messages: { sent: k.sent, delivered: k.delivered, dropped: k.dropped, duplicated: k.duplicated, inFlight: k.sent + k.duplicated - k.delivered - k.dropped },
      drops: { ...k.drops },
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
function processErrors(k: Kernel, seed: string | number, replay: string): CheckResult {
  return {
    name: "process-errors", description: "Component code never throws an unhandled error.", expected: "hold",
    status: "violated", passed: false, findings: [],
    violations: k.errors.slice(0, 20).map((e) => ({
      check: "process-errors", message: `${e.address}: ${e.message}`, t: e.t, nodes: [e.address.split("/")[0]],
      history: [], events: [], seed, replay,
    })),
  };
}
