import type { Micros } from "../core/time";

/**
 * One chunk of trace columns: time, kind, flags, two indices (process or node), message id,
 * reply id, interned message type, and a reference (a message body, or an event's fields).
 */
export class Chunk {
  readonly t: Float64Array;
  readonly k: Uint8Array;
  readonly c: Uint8Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly id: Float64Array;
  readonly x: Float64Array;
  readonly ty: Int32Array;
  // Packed from the start (filled), so it never falls into dictionary mode.
  readonly r: unknown[];

  constructor(size: number) {
    this.t = new Float64Array(size);
    this.k = new Uint8Array(size);
    this.c = new Uint8Array(size);
    this.a = new Int32Array(size);
    this.b = new Int32Array(size);
    this.id = new Float64Array(size);
    this.x = new Float64Array(size);
    this.ty = new Int32Array(size);
    this.r = new Array(size).fill(null);
  }
}

/** Bytes of columns per event. */
const BYTES_PER_EVENT = 8 + 1 + 1 + 4 + 4 + 8 + 8 + 4 + 8;

/**
 * The trace's columns for the last `keep` events (or all of them), in fixed chunks: recording
 * never copies what it has, no array grows past a size the garbage collector handles cheaply,
 * and when the ring is full the oldest chunk is reused for the newest events.
 */
export class TraceColumns {
  private readonly bits: number;
  private readonly mask: number;
  private readonly maxChunks: number;
  private readonly chunks: Chunk[] = [];
  /** Chunks dropped from the front of the ring. */
  private dropped = 0;
  private current: Chunk | null = null;

  constructor(private readonly keep: number) {
    // Chunks of 65,536 events, smaller for a small ring (at least 256).
    let bits = 8;
    while (bits < 16 && 1 << bits < keep) bits++;
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    // One chunk more than the ring needs: the one being filled.
    this.maxChunks = keep === Infinity ? Infinity : Math.ceil(keep / (1 << bits)) + 1;
  }

  /** Stores event `i` (the next one). */
  put(i: number, time: Micros, kind: number, flags: number, a: number, ref: unknown): void {
    const j = i & this.mask;
    if (j === 0) this.grow();
    const c = this.current!;
    c.t[j] = time;
    c.k[j] = kind;
    c.c[j] = flags;
    c.a[j] = a;
    c.r[j] = ref;
    c.b[j] = -1;
  }

  /** Stores the message columns of event `i`, the one just put. */
  message(i: number, toProc: number, id: number, replyTo: number, ty: number): void {
    const c = this.current!, j = i & this.mask;
    c.b[j] = toProc;
    c.id[j] = id;
    c.x[j] = replyTo;
    c.ty[j] = ty;
  }

  private grow(): void {
    if (this.chunks.length < this.maxChunks) {
      this.current = new Chunk(1 << this.bits);
    } else {
      this.current = this.chunks.shift()!;
      this.dropped++;
    }
    this.chunks.push(this.current);
  }

  /** The first event still held, of `n` recorded: exactly the last `keep`. */
  first(n: number): number {
    return Math.max(this.dropped * (1 << this.bits), n - this.keep, 0);
  }

  /** The chunk that holds event `seq` (which must be held). */
  chunkOf(seq: number): Chunk {
    return this.chunks[(seq >>> this.bits) - this.dropped];
  }

  /** The slot of event `seq` in its chunk. */
  slot(seq: number): number {
    return seq & this.mask;
  }

  /** Bytes held by the columns. */
  get bytes(): number {
    return this.chunks.length * (1 << this.bits) * BYTES_PER_EVENT;
  }
}
