import { ByteWriter } from "./byte-writer";
import { Hash64 } from "./hash";

/** Receives the canonical trace as it is written: UTF-8 JSON lines, in pieces of whole lines. */
export type TraceSink = (bytes: Uint8Array) => void;

/** Bytes gathered before they are hashed and handed to the sink. */
const FLUSH_BYTES = 1 << 16;

/**
 * The canonical trace as a stream of bytes: each event's line is written into one reusable
 * buffer, and every 64 KiB the buffer is hashed and handed to the sink (a file, for
 * `--trace`), then reused. No line is kept as a string and no line outlives its flush, so the
 * hash of a run of any length costs the same memory.
 */
export class TraceStream {
  readonly out = new ByteWriter(FLUSH_BYTES + (FLUSH_BYTES >>> 2));
  private readonly h = new Hash64();
  /** Bytes written so far, flushed or not. */
  private flushedBytes = 0;

  constructor(private readonly sink: TraceSink | null) {}

  /** Ends the line just written; flushes when the buffer is full. */
  endLine(): void {
    this.out.byte(10);
    if (this.out.pos >= FLUSH_BYTES) this.flush();
  }

  /** Hashes what is buffered and hands it to the sink. */
  flush(): void {
    const out = this.out;
    if (out.pos === 0) return;
    this.h.updateBytes(out.buf, out.pos);
    if (this.sink) this.sink(out.buf.subarray(0, out.pos));
    this.flushedBytes += out.pos;
    out.pos = 0;
  }

  /** The hash of every line so far (flushes first). */
  digest(): string {
    this.flush();
    return this.h.digest();
  }

  /** Bytes of canonical trace written so far. */
  get bytes(): number {
    return this.flushedBytes + this.out.pos;
  }
}
