import type { Micros } from "../core/time";
import type { Json } from "../core/json";
import type { Trace } from "./trace";
import type { TraceEvent, TraceKind } from "./trace-event";
import type { SimMessage } from "../node/sim-message";
import { canonicalJson } from "./canonical";
import { utf8Bytes } from "./byte-writer";
import { TraceStream, type TraceSink } from "./trace-stream";
import { TraceColumns } from "./trace-columns";

const KINDS: TraceKind[] = [
  "start", "send", "deliver", "drop", "timer", "crash", "restart", "pause", "resume",
  "partition", "heal", "clock", "link", "state", "log", "record", "metric", "check", "end",
];
const CODE = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<TraceKind, number>;
const SEND = CODE.send, DELIVER = CODE.deliver, DROP = CODE.drop, TIMER = CODE.timer, RECORD = CODE.record;
const REASONS = ["loss", "partition", "node-down", "sender-down", "no-process"];
/** The node events that are faults: a report of a long run shows them all. */
const FAULT_KINDS = new Set<TraceKind>(["crash", "restart", "pause", "resume", "partition", "heal", "clock", "link"]);
/** Flags in the `c` column. */
const OF_PROC = 1, OF_NODE = 2, AT_RECEIVER = 16, IS_DUP = 32;
/** Most drops kept beside the ring for reports, and most notable events in all. */
const NOTABLE_DROPS = 1000, NOTABLE_MAX = 10_000;

/** Names the recorder needs to decode indices. */
export interface TraceNames {
  nodes: readonly string[];
  procNode: ArrayLike<number>;
  procName: readonly string[];
  procAddress: readonly string[];
}

/** What the recorder keeps and where its bytes go. */
export interface RecorderOptions {
  /** How many of the latest events stay decodable (`at`, `events`); `Infinity` keeps all. */
  keep: number;
  /** Receives the canonical JSON lines as they are written (a file, for `--trace`). */
  sink: TraceSink | null;
}

/** Fixed pieces of lines, encoded once. */
const B = {
  bodyNull: utf8Bytes('"body":null,'), body: utf8Bytes('"body":'), dup: utf8Bytes('"dup":1,'), from: utf8Bytes('"from":'),
  id: utf8Bytes(',"id":'), send: utf8Bytes(',"kind":"send",'), deliver: utf8Bytes(',"kind":"deliver",'),
  reply: utf8Bytes('"reply":'), seq: utf8Bytes('"seq":'), t: utf8Bytes(',"t":'), to: utf8Bytes(',"to":'), type: utf8Bytes(',"type":'),
  timer: utf8Bytes('{"kind":"timer",'), event: utf8Bytes('{"event":'), fields: utf8Bytes(',"fields":'),
  index: utf8Bytes(',"index":'), record: utf8Bytes(',"kind":"record",'),
};

/**
 * The trace of a run. Each event's canonical line (the JSON of its decoded form, sorted keys) is
 * written as bytes when the event happens, into the stream that hashes it and hands it to the
 * sink; nothing of the line is kept. The events themselves are kept in columns (46 bytes each,
 * message objects not retained) for the last `keep` of them, and decoded only when someone asks.
 * Beside that ring, every fault event and the first drops are kept decoded, so that a report of
 * a long run still tells its story.
 */
export class TraceRecorder implements Trace {
  private n = 0;
  private readonly cols: TraceColumns | null;
  private readonly stream: TraceStream;
  private readonly typeIndex = new Map<string, number>();
  private readonly types: string[] = [];
  private readonly typesB: Uint8Array[] = [];
  /** Per process: its escaped address, and `"node":…,"proc":…,` ready to paste into a line. */
  private readonly addrB: Uint8Array[];
  private readonly whereB: Uint8Array[];
  private readonly notable: TraceEvent[] = [];
  private notableDrops = 0;

  constructor(private readonly names: TraceNames, options: RecorderOptions = { keep: Infinity, sink: null }) {
    this.addrB = names.procAddress.map((a) => utf8Bytes(JSON.stringify(a)));
    this.whereB = names.procName.map((p, i) => utf8Bytes(`"node":${JSON.stringify(names.nodes[names.procNode[i]])},"proc":${JSON.stringify(p)},`));
    this.cols = options.keep > 0 ? new TraceColumns(options.keep) : null;
    this.stream = new TraceStream(options.sink);
  }

  get length(): number {
    return this.n;
  }

  /** The first event still decodable: the ring keeps `[first, length)`. */
  get first(): number {
    return this.cols ? this.cols.first(this.n) : this.n;
  }

  private typeOf(type: string): number {
    let ty = this.typeIndex.get(type);
    if (ty === undefined) {
      ty = this.types.length;
      this.types.push(type);
      this.typesB.push(utf8Bytes(JSON.stringify(type)));
      this.typeIndex.set(type, ty);
    }
    return ty;
  }

  private next(time: Micros, kind: number, flags: number, a: number, ref: unknown): number {
    const i = this.n++;
    this.cols?.put(i, time, kind, flags, a, ref);
    return i;
  }

  private message(i: number, m: SimMessage): number {
    const ty = this.typeOf(m.type);
    this.cols?.message(i, m.toProc, m.id, m.replyTo === undefined ? -1 : m.replyTo, ty);
    return ty;
  }

  send(time: Micros, m: SimMessage): number {
    // The body is kept only when there is one; a message to no process keeps its address.
    const ref = m.toProc < 0 ? { body: m.body, to: m.to } : m.body === null || m.body === undefined ? null : { body: m.body };
    const i = this.next(time, SEND, 0, m.fromProc, ref);
    const ty = this.message(i, m);
    if (m.toProc < 0) this.generic(this.decode(i, time, SEND, 0, m.fromProc, ref, m.toProc, m.id, m.replyTo ?? -1, ty));
    else this.messageLine(i, time, true, 0, m, ty, m.body);
    return i;
  }

  deliver(time: Micros, m: SimMessage): number {
    const flags = m.dup ? IS_DUP : 0;
    const i = this.next(time, DELIVER, flags, m.fromProc, null);
    const ty = this.message(i, m);
    this.messageLine(i, time, false, flags, m, ty, undefined);
    return i;
  }

  /** A drop, on the receiver's side when `atReceiver` (arrival), else the sender's. */
  drop(time: Micros, m: SimMessage, atReceiver: boolean, reason: string): number {
    const flags = REASONS.indexOf(reason) | (atReceiver ? AT_RECEIVER : 0) | (m.dup ? IS_DUP : 0);
    const ref = m.toProc < 0 ? { to: m.to } : null;
    const i = this.next(time, DROP, flags, m.fromProc, ref);
    const ty = this.message(i, m);
    const ev = this.decode(i, time, DROP, flags, m.fromProc, ref, m.toProc, m.id, m.replyTo ?? -1, ty);
    this.generic(ev);
    if (this.notableDrops < NOTABLE_DROPS) {
      this.notableDrops++;
      this.keepNotable(ev);
    }
    return i;
  }

  /** An event of a process: start, timer, state, log, record, check. */
  proc(time: Micros, kind: TraceKind, proc: number, fields: Record<string, Json> | null): number {
    const code = CODE[kind];
    const i = this.next(time, code, OF_PROC, proc, fields);
    if (code === TIMER && fields === null) this.timerLine(i, time, proc);
    else this.generic(this.decode(i, time, code, OF_PROC, proc, fields, -1, 0, -1, 0));
    return i;
  }

  /** A history entry of a process (`rt.record`): the most frequent event after messages, written on its own path. */
  record(time: Micros, proc: number, event: string, fields: Record<string, Json>, index: number): number {
    const i = this.next(time, RECORD, OF_PROC, proc, { event, fields, index });
    const o = this.stream.out;
    o.bytes(B.event);
    o.string(event);
    if (fields !== undefined) {
      o.bytes(B.fields);
      o.canonical(fields);
    }
    o.bytes(B.index);
    o.number(index);
    o.bytes(B.record);
    this.tail(i, time, proc);
    o.byte(125);
    this.stream.endLine();
    return i;
  }

  /** An event of a node (crash, restart, pause, resume, clock) or of the whole run (node -1). */
  node(time: Micros, kind: TraceKind, node: number, fields: Record<string, Json> | null): number {
    const code = CODE[kind];
    const i = this.next(time, code, OF_NODE, node, fields);
    const ev = this.decode(i, time, code, OF_NODE, node, fields, -1, 0, -1, 0);
    this.generic(ev);
    if (FAULT_KINDS.has(kind)) this.keepNotable(ev);
    return i;
  }

  private keepNotable(ev: TraceEvent): void {
    if (this.notable.length < NOTABLE_MAX) this.notable.push(ev);
  }

  /** Writes `where "seq":S,"t":T` of a process event (the common end of timer and record lines). */
  private tail(seq: number, time: Micros, proc: number): void {
    const o = this.stream.out;
    o.bytes(this.whereB[proc]);
    o.bytes(B.seq);
    o.int(seq);
    o.bytes(B.t);
    o.number(time);
  }

  private timerLine(seq: number, time: Micros, proc: number): void {
    const o = this.stream.out;
    o.bytes(B.timer);
    this.tail(seq, time, proc);
    o.byte(125);
    this.stream.endLine();
  }

  /**
   * The canonical line of a send or delivery to a process, written key by key in sorted order
   * from escapes made once per process and type: the same bytes as the canonical JSON of the
   * decoded event (a property test holds them equal), without building an object per event.
   */
  private messageLine(seq: number, time: Micros, send: boolean, flags: number, m: SimMessage, ty: number, body: unknown): void {
    const o = this.stream.out;
    const a = m.fromProc, b = m.toProc;
    o.byte(123);
    if (send) {
      if (body === null || body === undefined) o.bytes(B.bodyNull);
      else if (typeof body !== "function" && typeof body !== "symbol") {
        o.bytes(B.body);
        o.canonical(body);
        o.byte(44);
      }
    }
    if (flags & IS_DUP) o.bytes(B.dup);
    o.bytes(B.from);
    o.bytes(this.addrB[a]);
    o.bytes(B.id);
    o.number(m.id);
    o.bytes(send ? B.send : B.deliver);
    o.bytes(this.whereB[send ? a : b]);
    if (m.replyTo !== undefined && m.replyTo >= 0) {
      o.bytes(B.reply);
      o.number(m.replyTo);
      o.byte(44);
    }
    o.bytes(B.seq);
    o.int(seq);
    o.bytes(B.t);
    o.number(time);
    o.bytes(B.to);
    o.bytes(this.addrB[b]);
    o.bytes(B.type);
    o.bytes(this.typesB[ty]);
    o.byte(125);
    this.stream.endLine();
  }

  /** Any other event: its decoded form, written canonically. */
  private generic(ev: TraceEvent): void {
    this.stream.out.canonical(ev);
    this.stream.endLine();
  }

  /** The decoded event from its column values. */
  private decode(seq: number, t: Micros, code: number, flags: number, a: number, ref: unknown, b: number, id: number, x: number, ty: number): TraceEvent {
    const kind = KINDS[code];
    const ev: TraceEvent = { t, seq, kind };
    const { nodes, procNode, procName, procAddress } = this.names;
    const r = ref as { body?: unknown; to?: string } | null;
    if (code === SEND || code === DELIVER || code === DROP) {
      const p = code === DELIVER ? b : a;
      ev.id = id;
      ev.from = procAddress[a];
      ev.to = b >= 0 ? procAddress[b] : r!.to!;
      ev.type = this.types[ty];
      if (code === DROP) {
        ev.node = nodes[procNode[flags & AT_RECEIVER ? b : a]];
        ev.reason = REASONS[flags & 15];
      } else {
        ev.node = nodes[procNode[p]];
        ev.proc = procName[p];
        if (code === SEND && r && r.body !== undefined) ev.body = r.body as Json;
        else if (code === SEND && r === null) ev.body = null;
      }
      if (x >= 0) ev.reply = x;
      if (flags & IS_DUP) ev.dup = 1;
      return ev;
    }
    if (flags === OF_PROC) {
      ev.node = nodes[procNode[a]];
      ev.proc = procName[a];
    } else if (a >= 0) {
      ev.node = nodes[a];
    }
    if (r) Object.assign(ev, r as object);
    return ev;
  }

  at(seq: number): TraceEvent {
    const first = this.first;
    if (seq < first || seq >= this.n) {
      throw new RangeError(`trace: no event ${seq} (length ${this.n}${first > 0 ? `, the last ${this.n - first} kept` : ""})`);
    }
    const c = this.cols!;
    const j = c.slot(seq);
    const ch = c.chunkOf(seq);
    return this.decode(seq, ch.t[j], ch.k[j], ch.c[j], ch.a[j], ch.r[j], ch.b[j], ch.id[j], ch.x[j], ch.ty[j]);
  }

  events(): TraceEvent[] {
    const first = this.first;
    const out = new Array<TraceEvent>(this.n - first);
    for (let i = first; i < this.n; i++) out[i - first] = this.at(i);
    return out;
  }

  reportEvents(): TraceEvent[] {
    const first = this.first;
    const before = this.notable.filter((e) => e.seq < first);
    return before.length === 0 ? this.events() : before.concat(this.events());
  }

  line(seq: number): string {
    return canonicalJson(this.at(seq));
  }

  toJSONL(): string {
    if (this.first > 0) throw new RangeError(`trace: only the last ${this.n - this.first} of ${this.n} events were kept; give the run a trace sink for the whole trace`);
    const parts: string[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) parts[i] = this.line(i);
    return this.n === 0 ? "" : parts.join("\n") + "\n";
  }

  get hash(): string {
    return this.stream.digest();
  }

  /** Hands any buffered bytes to the sink (the run calls it when it ends). */
  flush(): void {
    this.stream.flush();
  }

  /** Bytes of canonical trace written (hashed and sunk) so far. */
  get canonicalBytes(): number {
    return this.stream.bytes;
  }

  /** Bytes held by the columns (for the benchmark). */
  get columnBytes(): number {
    return this.cols ? this.cols.bytes : 0;
  }
}
