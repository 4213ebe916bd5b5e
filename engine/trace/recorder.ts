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
const SEND = CODE.send, DELIVER = CODE.deliver, DROP = CODE.drop;

/** Names the recorder needs to decode indices. */
export interface TraceNames {
  nodes: readonly string[];
  procNode: ArrayLike<number>;
  procName: readonly string[];
}

/**
 * The trace, recorded in columns (time, kind, a node or process index, a small code, and a
 * reference to the message or to the event's fields), so that recording an event costs a few
 * array stores and about 30 bytes, and the canonical JSON is only built when someone asks.
 */
export class TraceRecorder implements Trace {
  private t = new Float64Array(4096);
  private k = new Uint8Array(4096);
  private a = new Int32Array(4096);
  private b = new Uint8Array(4096);
  // Packed and grown by push: a holey array whose length is set grows into dictionary mode.
  private r: unknown[] = [];
  private n = 0;
  private cachedHash: string | null = null;

  constructor(private readonly names: TraceNames) {}

  get length(): number {
    return this.n;
  }

  /** Appends an event; `a` is a process index for process kinds, a node index for node kinds. */
  private push(time: Micros, kind: number, a: number, b: number, ref: unknown): number {
    const i = this.n;
    if (i === this.t.length) this.grow();
    this.t[i] = time;
    this.k[i] = kind;
    this.a[i] = a;
    this.b[i] = b;
    if (i === this.r.length) this.r.push(ref);
    else this.r[i] = ref;
    this.n = i + 1;
    this.cachedHash = null;
    return i;
  }

  send(time: Micros, msg: SimMessage): number {
    return this.push(time, SEND, msg.fromProc, 0, msg);
  }

  deliver(time: Micros, msg: SimMessage): number {
    return this.push(time, DELIVER, msg.toProc, 0, msg);
  }

  /** A drop at `node` (the sender's node at send, the receiver's at arrival). */
  drop(time: Micros, msg: SimMessage, node: number, reason: string): number {
    return this.push(time, DROP, node, 0, { msg, reason });
  }

  /** An event of a process: start, timer, state, log, record, check. */
  proc(time: Micros, kind: TraceKind, proc: number, fields: Record<string, Json> | null): number {
    return this.push(time, CODE[kind], proc, 1, fields);
  }

  /** An event of a node (crash, restart, pause, resume, clock) or of the whole run (node -1). */
  node(time: Micros, kind: TraceKind, node: number, fields: Record<string, Json> | null): number {
    return this.push(time, CODE[kind], node, 2, fields);
  }

  at(seq: number): TraceEvent {
    if (seq < 0 || seq >= this.n) throw new RangeError(`trace: no event ${seq} (length ${this.n})`);
    const kind = KINDS[this.k[seq]];
    const ev: TraceEvent = { t: this.t[seq], seq, kind };
    const { nodes, procNode, procName } = this.names;
    const a = this.a[seq];
    const ref = this.r[seq];
    if (kind === "send" || kind === "deliver") {
      const m = ref as SimMessage;
      const p = kind === "send" ? m.fromProc : m.toProc;
      ev.node = nodes[procNode[p]];
      ev.proc = procName[p];
      ev.id = m.id;
      ev.from = m.from;
      ev.to = m.to;
      ev.type = m.type;
      if (kind === "send") ev.body = m.body as Json;
      if (m.replyTo !== undefined) ev.reply = m.replyTo;
      if (m.dup) ev.dup = m.dup;
      return ev;
    }
    if (kind === "drop") {
      const { msg, reason } = ref as { msg: SimMessage; reason: string };
      ev.node = nodes[a];
      ev.id = msg.id;
      ev.from = msg.from;
      ev.to = msg.to;
      ev.type = msg.type;
      ev.reason = reason;
      if (msg.dup) ev.dup = msg.dup;
      return ev;
    }
    if (this.b[seq] === 1) {
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
    return canonicalJson(this.at(seq));
  }

  toJSONL(): string {
    const parts: string[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) parts[i] = this.line(i);
    return this.n === 0 ? "" : parts.join("\n") + "\n";
  }

  get hash(): string {
    if (this.cachedHash === null) {
      const h = new Hash64();
      for (let i = 0; i < this.n; i++) h.update(this.line(i)).update("\n");
      this.cachedHash = h.digest();
    }
    return this.cachedHash;
  }

  /** Approximate bytes held by the columns (for the benchmark). */
  get columnBytes(): number {
    return this.t.length * (8 + 1 + 4 + 1 + 8);
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const t = new Float64Array(cap); t.set(this.t); this.t = t;
    const k = new Uint8Array(cap); k.set(this.k); this.k = k;
    const a = new Int32Array(cap); a.set(this.a); this.a = a;
    const b = new Uint8Array(cap); b.set(this.b); this.b = b;
  }
}
