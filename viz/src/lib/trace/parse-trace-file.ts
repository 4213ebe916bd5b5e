import type { RunResult } from "../../../../engine/result";
import type { TraceEvent } from "../../../../engine/trace/trace-event";
import { Hash64 } from "../../../../engine/trace/hash";
import { BundleBuilder } from "./bundle-builder";
import { u32 } from "./growable";
import { LineText, type LineBytes } from "./line-text";
import { LineScanner } from "./line-scanner";
import type { TraceBundle } from "./trace-bundle";

/** A trace file the page cannot read, with the line at fault. */
export class TraceFileError extends Error {
  /** The catalogue's code for a bad trace file (engine/error-catalogue.ts). */
  readonly code = "CS831" as const;
  constructor(readonly file: string, readonly line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = "TraceFileError";
  }
}

const NEWLINE = 0x0a, CR = 0x0d;

/** How to read a trace file. */
export interface ParseOptions {
  /**
   * Hash the lines while reading (default true). The worker turns it off to show the first
   * frame sooner, and hashes afterwards with `hashLines`.
   */
  hash?: boolean;
}

/** The engine's trace hash of a bundle's lines: each line and a newline, as the recorder hashes them. */
export function hashLines(src: LineBytes): string {
  const h = new Hash64();
  const decoder = new TextDecoder();
  const n = src.lineStart.length;
  const CHUNK = 8192;
  for (let i = 0; i < n; i += CHUNK) {
    const end = Math.min(n, i + CHUNK);
    // Lines are contiguous in the common case; decode a run of them at once and split.
    const from = src.lineStart[i], to = src.lineEnd[end - 1];
    const pieces = decoder.decode(src.text.subarray(from, to)).split("\n");
    if (pieces.length === end - i) {
      for (const p of pieces) h.update(p.endsWith("\r") ? p.slice(0, -1) : p).update("\n");
    } else {
      for (let k = i; k < end; k++) h.update(decoder.decode(src.text.subarray(src.lineStart[k], src.lineEnd[k]))).update("\n");
    }
  }
  return h.digest();
}

/** True for an object that looks like a trace event: a kind and a time. */
function isEvent(v: unknown): v is TraceEvent {
  return !!v && typeof v === "object" && typeof (v as TraceEvent).kind === "string" && typeof (v as TraceEvent).t === "number";
}

/** True for an object that looks like a run result (a file may carry one beside the events). */
function isResult(v: unknown): v is RunResult {
  return !!v && typeof v === "object" && "stats" in v && "checks" in v && "seed" in v;
}

/**
 * Reads a trace file into a bundle. The canonical format is JSON lines, one event a line, as
 * `clustersim run --trace` and `Trace.toJSONL()` write it; lines that are not events (a header,
 * a result) are kept as metadata, blank lines skipped. A JSON array of events, or an object
 * with an `events` array (and optionally a `result`), is read as well. The hash is the engine's
 * hash of the lines, so a canonical file hashes exactly as the run that wrote it.
 */
export function parseTraceFile(bytes: Uint8Array, file: string, options: ParseOptions = {}): TraceBundle {
  const hashing = options.hash ?? true;
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === NEWLINE || bytes[i] === CR || bytes[i] === 0x09 || bytes[i] === 0xef || bytes[i] === 0xbb || bytes[i] === 0xbf)) i++;
  if (i === bytes.length) throw new TraceFileError(file, 1, "the file is empty; a trace file has one JSON event per line, like {\"kind\":\"send\",\"t\":0,...}");
  if (bytes[i] === 0x5b /* [ */) return fromDocument(bytes, file, "array", hashing);
  const firstLineEnd = bytes.indexOf(NEWLINE, i);
  if (bytes[i] === 0x7b /* { */ && (firstLineEnd < 0 || looksLikeDocument(bytes, i, firstLineEnd))) return fromDocument(bytes, file, "object", hashing);
  return fromLines(bytes, file, hashing);
}

/** A first line that does not parse on its own is the start of a pretty-printed document. */
function looksLikeDocument(bytes: Uint8Array, from: number, to: number): boolean {
  try {
    JSON.parse(new TextDecoder().decode(bytes.subarray(from, to)));
    return false;
  } catch {
    return true;
  }
}

function fromLines(bytes: Uint8Array, file: string, hashing: boolean): TraceBundle {
  let result: RunResult | null = null;
  let meta: Record<string, unknown> = {};
  const builder = new BundleBuilder({ name: file, seed: null });
  const scanner = new LineScanner();
  const starts = u32(8192), ends = u32(8192);
  const decoder = new TextDecoder();
  let lineNo = 0;
  let lastT = -Infinity;
  let from = 0;
  const n = bytes.length;
  while (from < n) {
    let to = bytes.indexOf(NEWLINE, from);
    if (to < 0) to = n;
    lineNo++;
    let end = to;
    if (end > from && bytes[end - 1] === CR) end--;
    let blank = true;
    for (let k = from; k < end; k++) {
      const c = bytes[k];
      if (c !== 0x20 && c !== 0x09) {
        blank = false;
        break;
      }
    }
    if (!blank) {
      // The scanner reads most lines without building them; the rest go through JSON.parse.
      let v: unknown = scanner.scan(bytes, from, end);
      if (v === null) {
        const line = decoder.decode(bytes.subarray(from, end));
        try {
          v = JSON.parse(line);
        } catch (e) {
          throw new TraceFileError(file, lineNo, `not JSON (${(e as Error).message}); each line of a trace file is one JSON event`);
        }
      }
      if (isEvent(v)) {
        if (v.t < lastT) throw new TraceFileError(file, lineNo, `this event (t=${v.t}) comes before the one above it (t=${lastT}); a trace lists events in time order`);
        lastT = v.t;
        builder.add(v);
        starts.push(from);
        ends.push(end);
      } else if (isResult(v)) {
        result = v;
      } else if (v && typeof v === "object" && !Array.isArray(v)) {
        meta = { ...meta, ...(v as Record<string, unknown>) };
      } else {
        throw new TraceFileError(file, lineNo, "expected a JSON object with `kind` and `t` (a trace event)");
      }
    }
    from = to + 1;
  }
  if (builder.count === 0) throw new TraceFileError(file, Math.max(1, lineNo), "no trace events found; a trace file has one JSON event per line with `kind` and `t`");
  const lines = { text: bytes, lineStart: starts.toArray(), lineEnd: ends.toArray() };
  const bundle = builder.finish(hashing ? hashLines(lines) : "", bytes, lines.lineStart, lines.lineEnd);
  return withMeta(bundle, result, meta);
}

function fromDocument(bytes: Uint8Array, file: string, shape: "array" | "object", hashing: boolean): TraceBundle {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new TraceFileError(file, 1, `not JSON (${(e as Error).message})`);
  }
  const events = shape === "array" ? doc : (doc as { events?: unknown }).events;
  if (!Array.isArray(events)) throw new TraceFileError(file, 1, "expected JSON lines of events, an array of events, or an object with an `events` array");
  const builder = new BundleBuilder({ name: file, seed: null });
  const lines = new LineText();
  const hash = new Hash64();
  let lastT = -Infinity;
  events.forEach((ev, i) => {
    if (!isEvent(ev)) throw new TraceFileError(file, 1, `event ${i} has no \`kind\` and \`t\``);
    if (ev.t < lastT) throw new TraceFileError(file, 1, `event ${i} (t=${ev.t}) comes before the one before it (t=${lastT}); a trace lists events in time order`);
    lastT = ev.t;
    const line = JSON.stringify(ev);
    builder.add(ev);
    lines.push(line);
    if (hashing) hash.update(line).update("\n");
  });
  const { text, lineStart, lineEnd } = lines.finish();
  const result = shape === "object" && isResult((doc as { result?: unknown }).result) ? (doc as { result: RunResult }).result : null;
  return withMeta(builder.finish(hashing ? hash.digest() : "", text, lineStart, lineEnd), result, {});
}

function withMeta(b: TraceBundle, result: RunResult | null, meta: Record<string, unknown>): TraceBundle {
  if (result) {
    b.result = result;
    b.name = result.scenario;
    b.seed = result.seed;
  } else {
    if (typeof meta.scenario === "string") b.name = meta.scenario;
    if (typeof meta.seed === "number" || typeof meta.seed === "string") b.seed = meta.seed;
  }
  return b;
}
