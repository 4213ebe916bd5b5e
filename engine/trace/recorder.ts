import type { Micros } from "../core/time";
import type { Json } from "../core/json";
import type { Trace } from "./trace";
import type { TraceEvent, TraceKind } from "./trace-event";
import type { SimMessage } from "../net/sim-message";
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
 * The trace, recorded in columns: time, kind, flags, two indices (process or node), message id,
 * reply id, interned message type, and a reference (a message body, or an event's fields).
 * Recording an event is a few array stores and about 46 bytes; message objects are not kept, so
 * they die young. Decoded events and canonical JSON are built only when someone asks.
 */
export class TraceRecorder implements Trace {
  private cap = 4096;
  private t = new Float64Array(this.cap);
  private k = new Uint8Array(this.cap);
  private c = new Uint8Array(this.cap);
  private a = new Int32Array(this.cap);
  private b = new Int32Array(this.cap);
  private id = new Float64Array(this.cap);
  private x = new Float64Array(this.cap);
  private ty = new Int32Array(this.cap);
  // Packed and grown by push: a holey array whose length is set grows into dictionary mode.
  private r: unknown[] = [];
  private n = 0;
  private cachedHash: string | null = null;
  private readonly typeIndex = new Map<string, number>();
  private readonly types: string[] = [];
  private readonly escapes = new Map<string, string>();

  constructor(private readonly names: TraceNames) {}

  get length(): number {
    return this.n;
  }

  private next(time: Micros, kind: number, flags: number, a: number, ref: unknown): number {
    const i = this.n;
    if (i === this.cap) this.grow();
    this.t[i] = time;
    this.k[i] = kind;
    this.c[i] = flags;
    this.a[i] = a;
    if (i === this.r.length) this.r.push(ref);
    else this.r[i] = ref;
    this.n = i + 1;
    this.cachedHash = null;
    return i;
  }

  private message(i: number, m: SimMessage): void {
    this.b[i] = m.toProc;
    this.id[i] = m.id;
    this.x[i] = m.replyTo === undefined ? -1 : m.replyTo;
    let ty = this.typeIndex.get(m.type);
    if (ty === undefined) {
      ty = this.types.length;
      this.types.push(m.type);
      this.typeIndex.set(m.type, ty);
    }
    this.ty[i] = ty;
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
    const kind = KINDS[this.k[seq]];
    const ev: TraceEvent = { t: this.t[seq], seq, kind };
    const { nodes, procNode, procName, procAddress } = this.names;
    const a = this.a[seq], flags = this.c[seq];
    const ref = this.r[seq] as { body?: unknown; to?: string } | null;
    if (kind === "send" || kind === "deliver" || kind === "drop") {
      const b = this.b[seq];
      const p = kind === "deliver" ? b : a;
      ev.id = this.id[seq];
      ev.from = procAddress[a];
      ev.to = b >= 0 ? procAddress[b] : ref!.to!;
      ev.type = this.types[this.ty[seq]];
      if (kind === "drop") {
        ev.node = nodes[procNode[flags & AT_RECEIVER ? b : a]];
        ev.reason = REASONS[flags & 15];
      } else {
        ev.node = nodes[procNode[p]];
        ev.proc = procName[p];
        if (kind === "send" && ref && ref.body !== undefined) ev.body = ref.body as Json;
        else if (kind === "send" && ref === null) ev.body = null;
      }
      if (this.x[seq] >= 0) ev.reply = this.x[seq];
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
    const kind = this.k[seq];
    if (kind === SEND || kind === DELIVER) return this.messageLine(seq, kind);
    if (kind === TIMER && this.r[seq] === null) return this.procLine(seq, "timer");
    return canonicalJson(this.at(seq));
  }

  /**
   * The canonical line of a send or delivery, written key by key in sorted order with cached
   * escapes: the same text as `canonicalJson(this.at(seq))` (a property test holds them equal),
   * without building and sorting an object per event.
   */
  private messageLine(seq: number, kind: number): string {
    const send = kind === SEND;
    const a = this.a[seq], b = this.b[seq];
    if (b < 0) return canonicalJson(this.at(seq));
    const p = send ? a : b;
    const { nodes, procNode, procName, procAddress } = this.names;
    let out = "{";
    if (send) {
      const ref = this.r[seq] as { body?: unknown } | null;
      const body = ref === null ? "null" : ref.body === undefined ? "" : canonicalJson(ref.body);
      if (body !== "") out += `"body":${body},`;
    }
    if (this.c[seq] & IS_DUP) out += `"dup":1,`;
    out += `"from":${this.esc(procAddress[a])},"id":${this.id[seq]},"kind":${send ? '"send"' : '"deliver"'},"node":${this.esc(nodes[procNode[p]])},"proc":${this.esc(procName[p])},`;
    if (this.x[seq] >= 0) out += `"reply":${this.x[seq]},`;
    return out + `"seq":${seq},"t":${this.t[seq]},"to":${this.esc(procAddress[b])},"type":${this.esc(this.types[this.ty[seq]])}}`;
  }

  private procLine(seq: number, kind: string): string {
    const p = this.a[seq];
    const { nodes, procNode, procName } = this.names;
    return `{"kind":"${kind}","node":${this.esc(nodes[procNode[p]])},"proc":${this.esc(procName[p])},"seq":${seq},"t":${this.t[seq]}}`;
  }

  /** JSON.stringify of a string, cached: addresses, names and types repeat on every line. */
  private esc(s: string): string {
    let e = this.escapes.get(s);
    if (e === undefined) {
      e = JSON.stringify(s);
      if (this.escapes.size < 100_000) this.escapes.set(s, e);
    }
    return e;
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
    return this.cap * (8 + 1 + 1 + 4 + 4 + 8 + 8 + 4 + 8);
  }

  private grow(): void {
    const cap = (this.cap *= 2);
    const grow = <A extends Float64Array | Int32Array | Uint8Array>(old: A, make: new (n: number) => A): A => {
      const next = new make(cap);
      next.set(old);
      return next;
    };
    this.t = grow(this.t, Float64Array);
    this.k = grow(this.k, Uint8Array);
    this.c = grow(this.c, Uint8Array);
    this.a = grow(this.a, Int32Array);
    this.b = grow(this.b, Int32Array);
    this.id = grow(this.id, Float64Array);
    this.x = grow(this.x, Float64Array);
    this.ty = grow(this.ty, Int32Array);
  }
}
