/// <reference lib="webworker" />
/**
 * The simulation worker: runs scenarios with the engine and reads trace files, off the page's
 * thread, and transfers the result as a bundle of typed arrays. The page never blocks on a run.
 */
import { bundleBuffers, type TraceBundle } from "../lib/trace/trace-bundle";
import type { Patch } from "immer";
import { hashLines, parseTraceFile } from "../lib/trace/parse-trace-file";
import { LineReader } from "../lib/trace/line-text";
import { makeSnapshots, SNAPSHOT_INTERVAL } from "./make-snapshots";
import type { WorkerRequest, WorkerResponse } from "./protocol";
import { runScenario } from "./run-scenario";

const scope = self as unknown as DedicatedWorkerGlobalScope;
const now = () => performance.now();

function post(msg: WorkerResponse): void {
  if (msg.type === "done" || msg.type === "preview") scope.postMessage(msg, bundleBuffers(msg.bundle));
  else scope.postMessage(msg);
}

async function readTrace(req: Extract<WorkerRequest, { type: "trace" }>): Promise<WorkerResponse> {
  const t0 = now();
  let bytes: Uint8Array;
  const preview = (b: Uint8Array, got: number, total: number) => {
    const bundle = previewBundle(b, got, req.file);
    if (bundle) post({ type: "preview", id: req.id, bundle, share: total > 0 ? got / total : 0 });
  };
  if (req.bytes) {
    bytes = new Uint8Array(req.bytes);
    if (bytes.length >= PREVIEW_FROM) preview(bytes, PREVIEW_BYTES, bytes.length);
  } else {
    const res = await fetch(req.url!);
    if (!res.ok) return { type: "error", id: req.id, message: `could not fetch the trace ${req.url}: HTTP ${res.status}` };
    // A server that does not say the size (chunked) may be sending a large file: stream it too.
    const total = Number(res.headers.get("content-length") ?? 0) || 0;
    bytes = res.body && (total === 0 || total >= PREVIEW_FROM) ? await streamed(res.body, total, preview) : new Uint8Array(await res.arrayBuffer());
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

/** Files from this size on get a preview; below it the whole file is read about as fast (100k events are 14 MB). */
const PREVIEW_FROM = 24 * 1024 * 1024;
/** The preview's size: about 15,000 events (1.5 % of a million), parsed in a few tens of milliseconds on an idle core. */
const PREVIEW_BYTES = 2 * 1024 * 1024;

/** Reads a response body into one buffer, calling `preview` once the first `PREVIEW_BYTES` are in. */
async function streamed(body: ReadableStream<Uint8Array>, total: number, preview: (b: Uint8Array, got: number, total: number) => void): Promise<Uint8Array> {
  let buf = new Uint8Array(total || 2 * PREVIEW_BYTES);
  let got = 0;
  let previewed = false;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (got + value.length > buf.length) {
      const bigger = new Uint8Array(Math.max(buf.length * 2, got + value.length));
      bigger.set(buf.subarray(0, got));
      buf = bigger;
    }
    buf.set(value, got);
    got += value.length;
    if (!previewed && got >= PREVIEW_BYTES) {
      previewed = true;
      preview(buf, got, total);
    }
  }
  return got === buf.length ? buf : buf.subarray(0, got);
}

/**
 * A bundle of the whole lines among the first `got` bytes of a JSON-lines trace (a copy: the
 * bundle's buffers are transferred), or null when the file is not JSON lines or the prefix does
 * not read; the whole file is read next either way, and says what is wrong with it.
 */
function previewBundle(bytes: Uint8Array, got: number, file: string): TraceBundle | null {
  const cut = bytes.lastIndexOf(0x0a, Math.min(got, bytes.length) - 1);
  if (cut <= 0 || bytes[0] !== 0x7b) return null;
  try {
    return parseTraceFile(bytes.slice(0, cut + 1), file, { hash: false });
  } catch {
    return null;
  }
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
