import type { Micros } from "../core/time";
import type { Json } from "../core/json";
import type { Trace } from "./trace";
import type { TraceEvent, TraceKind } from "./trace-event";
import type { SimMessage } from "../node/sim-message";
import { canonicalJson } from "./canonical";
import { Hash64 } from "./hash";

const KINDS: TraceKind[] = [
  "start", "send", "deliver", "drop", "timer", "crash", "restart", "pause", "resume",
  "partition", "heal", "clock", "link", "state", "log", "record", "metric", "check", "end",
];
const CODE = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<TraceKind, number>;
const SEND = CODE.send, DELIVER = CODE.deliver, DROP = CODE.drop, TIMER = CODE.timer;
const REASONS = ["loss", "partition", "node-down", "sender-down", "no-process"];
/** Flags in the `c` column. */
const OF_PROC = 1, OF_NODE = 2, AT_RECEIVER = 16, IS_DUP = 32;

/** Names the recorder needs to decode indices. */
export interface TraceNames {
  nodes: readonly string[];
  procNode: ArrayLike<number>;
  procName: readonly string[];
  procAddress: readonly string[];
}

/**
 * The trace, recorded in columns (in chunks of 65,536 events): time, kind, flags, two indices (process or node), message id,
 * reply id, interned message type, and a reference (a message body, or an event's fields).
 * Recording an event is a few array stores and about 46 bytes; message objects are not kept, so
 * they die young. Decoded events and canonical JSON are built only when someone asks.
 */
export class TraceRecorder implements Trace {
  private readonly chunks: Chunk[] = [];
  private chunk!: Chunk;
  private n = 0;
  private cachedHash: string | null = null;
  private readonly typeIndex = new Map<string, number>();
  private readonly types: string[] = [];
  private readonly typesEsc: string[] = [];
  /** Per process: its escaped address, and `"node":…,"proc":…,` ready to paste into a line. */
  private readonly addrEsc: string[];
  private readonly whereEsc: string[];

  constructor(private readonly names: TraceNames) {
    this.addrEsc = names.procAddress.map((a) => JSON.stringify(a));
    this.whereEsc = names.procName.map((p, i) => `"node":${JSON.stringify(names.nodes[names.procNode[i]])},"proc":${JSON.stringify(p)},`);
  }

  get length(): number {
    return this.n;
  }

  private next(time: Micros, kind: number, flags: number, a: number, ref: unknown): number {
    const i = this.n;
    const j = i & CHUNK_MASK;
    if (j === 0) {
      this.chunk = new Chunk();
      this.chunks.push(this.chunk);
    }
    const c = this.chunk;
    c.t[j] = time;
    c.k[j] = kind;
    c.c[j] = flags;
    c.a[j] = a;
    c.r[j] = ref;
    this.n = i + 1;
    this.cachedHash = null;
    return i;
  }

  private message(i: number, m: SimMessage): void {
    const c = this.chunk, j = i & CHUNK_MASK;
    c.b[j] = m.toProc;
    c.id[j] = m.id;
    c.x[j] = m.replyTo === undefined ? -1 : m.replyTo;
    let ty = this.typeIndex.get(m.type);
    if (ty === undefined) {
      ty = this.types.length;
      this.types.push(m.type);
      this.typesEsc.push(JSON.stringify(m.type));
      this.typeIndex.set(m.type, ty);
    }
    c.ty[j] = ty;
  }

  send(time: Micros, m: SimMessage): number {
    // The body is kept only when there is one; a message to no process keeps its address.
    const ref = m.toProc < 0 ? { body: m.body, to: m.to } : m.body === null || m.body === undefined ? null : { body: m.body };
    const i = this.next(time, SEND, 0, m.fromProc, ref);
    this.message(i, m);
    return i;
  }

  deliver(time: Micros, m: SimMessage): number {
    const i = this.next(time, DELIVER, m.dup ? IS_DUP : 0, m.fromProc, null);
    this.message(i, m);
    return i;
  }

  /** A drop, on the receiver's side when `atReceiver` (arrival), else the sender's. */
  drop(time: Micros, m: SimMessage, atReceiver: boolean, reason: string): number {
    const flags = REASONS.indexOf(reason) | (atReceiver ? AT_RECEIVER : 0) | (m.dup ? IS_DUP : 0);
    const i = this.next(time, DROP, flags, m.fromProc, m.toProc < 0 ? { to: m.to } : null);
    this.message(i, m);
    return i;
  }

  /** An event of a process: start, timer, state, log, record, check. */
  proc(time: Micros, kind: TraceKind, proc: number, fields: Record<string, Json> | null): number {
    return this.next(time, CODE[kind], OF_PROC, proc, fields);
  }

  /** An event of a node (crash, restart, pause, resume, clock) or of the whole run (node -1). */
  node(time: Micros, kind: TraceKind, node: number, fields: Record<string, Json> | null): number {
    return this.next(time, CODE[kind], OF_NODE, node, fields);
  }

  at(seq: number): TraceEvent {
    if (seq < 0 || seq >= this.n) throw new RangeError(`trace: no event ${seq} (length ${this.n})`);
    const c = this.chunks[seq >>> CHUNK_BITS], j = seq & CHUNK_MASK;
    const kind = KINDS[c.k[j]];
    const ev: TraceEvent = { t: c.t[j], seq, kind };
    const { nodes, procNode, procName, procAddress } = this.names;
    const a = c.a[j], flags = c.c[j];
    const ref = c.r[j] as { body?: unknown; to?: string } | null;
    if (kind === "send" || kind === "deliver" || kind === "drop") {
      const b = c.b[j];
      const p = kind === "deliver" ? b : a;
      ev.id = c.id[j];
      ev.from = procAddress[a];
      ev.to = b >= 0 ? procAddress[b] : ref!.to!;
      ev.type = this.types[c.ty[j]];
      if (kind === "drop") {
        ev.node = nodes[procNode[flags & AT_RECEIVER ? b : a]];
        ev.reason = REASONS[flags & 15];
      } else {
        ev.node = nodes[procNode[p]];
        ev.proc = procName[p];
        if (kind === "send" && ref && ref.body !== undefined) ev.body = ref.body as Json;
        else if (kind === "send" && ref === null) ev.body = null;
      }
      if (c.x[j] >= 0) ev.reply = c.x[j];
      if (flags & IS_DUP) ev.dup = 1;
      return ev;
    }
    if (flags === OF_PROC) {
      ev.node = nodes[procNode[a]];
      ev.proc = procName[a];
    } else if (a >= 0) {
      ev.node = nodes[a];
    }
    if (ref) Object.assign(ev, ref as object);
    return ev;
  }

  events(): TraceEvent[] {
    const out = new Array<TraceEvent>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.at(i);
    return out;
  }

  line(seq: number): string {
    const c = this.chunks[seq >>> CHUNK_BITS], j = seq & CHUNK_MASK;
    const kind = c.k[j];
    if ((kind === SEND || kind === DELIVER) && c.b[j] >= 0) return this.messageLine(c, j, seq, kind === SEND);
    if (kind === TIMER && c.r[j] === null) return `{"kind":"timer",${this.whereEsc[c.a[j]]}"seq":${seq},"t":${c.t[j]}}`;
    return canonicalJson(this.at(seq));
  }

  /**
   * The canonical line of a send or delivery, written key by key in sorted order from escapes
   * made once per process and type: the same text as `canonicalJson(this.at(seq))` (a property
   * test holds them equal), without building and sorting an object per event.
   */
  private messageLine(c: Chunk, j: number, seq: number, send: boolean): string {
    const a = c.a[j], b = c.b[j];
    let out = "{";
    if (send) {
      const ref = c.r[j] as { body?: unknown } | null;
      if (ref === null) out += `"body":null,`;
      else if (ref.body !== undefined) out += `"body":${canonicalJson(ref.body)},`;
    }
    if (c.c[j] & IS_DUP) out += `"dup":1,`;
    out += `"from":${this.addrEsc[a]},"id":${c.id[j]},"kind":${send ? '"send"' : '"deliver"'},${this.whereEsc[send ? a : b]}`;
    if (c.x[j] >= 0) out += `"reply":${c.x[j]},`;
    return out + `"seq":${seq},"t":${c.t[j]},"to":${this.addrEsc[b]},"type":${this.typesEsc[c.ty[j]]}}`;
  }

  toJSONL(): string {
    const parts: string[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) parts[i] = this.line(i);
    return this.n === 0 ? "" : parts.join("\n") + "\n";
  }

  get hash(): string {
    if (this.cachedHash === null) {
      // Lines are hashed in chunks of 512, joined into one flat string: one encoder call per
      // chunk, and no tree of concatenated strings to flatten.
      const h = new Hash64();
      const lines: string[] = [];
      for (let i = 0; i < this.n; i++) {
        lines.push(this.line(i));
        if (lines.length === 512) {
          lines.push("");
          h.update(lines.join("\n"));
          lines.length = 0;
        }
      }
      if (lines.length > 0) {
        lines.push("");
        h.update(lines.join("\n"));
      }
      this.cachedHash = h.digest();
    }
    return this.cachedHash;
  }

  /** Bytes held by the columns (for the benchmark). */
  get columnBytes(): number {
    return this.chunks.length * CHUNK * (8 + 1 + 1 + 4 + 4 + 8 + 8 + 4 + 8);
  }
}

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/**
 * 65,536 events of columns. Fixed-size chunks, not doubling arrays: recording never copies what
 * it has, and no array grows past a size the garbage collector handles cheaply.
 */
class Chunk {
  readonly t = new Float64Array(CHUNK);
  readonly k = new Uint8Array(CHUNK);
  readonly c = new Uint8Array(CHUNK);
  readonly a = new Int32Array(CHUNK);
  readonly b = new Int32Array(CHUNK);
  readonly id = new Float64Array(CHUNK);
  readonly x = new Float64Array(CHUNK);
  readonly ty = new Int32Array(CHUNK);
  // Packed from the start (filled), so it never falls into dictionary mode.
  readonly r: unknown[] = new Array(CHUNK).fill(null);
}
