/// <reference lib="webworker" />
/**
 * The simulation worker: runs scenarios with the engine and reads trace files, off the page's
 * thread, and transfers the result as a bundle of typed arrays. The page never blocks on a run.
 */
import { bundleBuffers } from "../lib/trace/trace-bundle";
import type { Patch } from "immer";
import { hashLines, parseTraceFile } from "../lib/trace/parse-trace-file";
import { LineReader } from "../lib/trace/line-text";
import { makeSnapshots, SNAPSHOT_INTERVAL } from "./make-snapshots";
import type { WorkerRequest, WorkerResponse } from "./protocol";
import { runScenario } from "./run-scenario";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const now = () => performance.now();

function post(msg: WorkerResponse): void {
  if (msg.type === "done") scope.postMessage(msg, bundleBuffers(msg.bundle));
  else scope.postMessage(msg);
}

async function readTrace(req: Extract<WorkerRequest, { type: "trace" }>): Promise<WorkerResponse> {
  const t0 = now();
  let bytes: Uint8Array;
  if (req.bytes) {
    bytes = new Uint8Array(req.bytes);
  } else {
    const res = await fetch(req.url!);
    if (!res.ok) return { type: "error", id: req.id, message: `could not fetch the trace ${req.url}: HTTP ${res.status}` };
    bytes = new Uint8Array(await res.arrayBuffer());
  }
  const t1 = now();
  const bundle = parseTraceFile(bytes, req.file, { hash: false });
  // Neither the hash nor the state snapshots are needed to draw: post the bundle first, then
  // work from copies of what it took with it.
  const lines = { text: bundle.text.slice(), lineStart: bundle.lineStart.slice(), lineEnd: bundle.lineEnd.slice() };
  const kind = bundle.kind.slice(), lane = bundle.lane.slice(), laneCount = bundle.lanes.length;
  post({ type: "done", id: req.id, bundle, scenario: null, timings: { loadMs: t1 - t0, runMs: 0, bundleMs: now() - t1 } });
  post({ type: "hash", id: req.id, hash: hashLines(lines) });
  const reader = new LineReader(lines);
  return {
    type: "snapshots", id: req.id, interval: SNAPSHOT_INTERVAL,
    lanes: makeSnapshots(kind, lane, laneCount, (seq) => (JSON.parse(reader.line(seq)) as { patches?: Patch[] }).patches ?? []),
  };
}

scope.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  const req = e.data;
  try {
    post({ type: "status", id: req.id, key: req.type === "run" ? "run.running" : "run.reading" });
    post(req.type === "run" ? await runScenario(req, now, post) : await readTrace(req));
  } catch (err) {
    post({ type: "error", id: req.id, message: err instanceof Error ? err.message : String(err) });
  }
};
