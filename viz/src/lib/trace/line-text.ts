import { u32 } from "./growable";

/** Lines of text as UTF-8 bytes with each line's byte range: what a bundle's `text` is. */
export interface LineBytes {
  text: Uint8Array;
  lineStart: Uint32Array;
  lineEnd: Uint32Array;
}

const NEWLINE = 0x0a;
const CHUNK_LINES = 4096;

/**
 * Collects lines (one JSON event each) and encodes them to UTF-8 in chunks, so a long run's
 * lines never sit in memory as one giant string next to their bytes.
 */
export class LineText {
  private pending: string[] = [];
  private chunks: Uint8Array[] = [];
  private size = 0;
  private starts = u32(8192);
  private ends = u32(8192);
  private encoder = new TextEncoder();

  /** Appends a line (without its newline). */
  push(line: string): void {
    this.pending.push(line);
    if (this.pending.length >= CHUNK_LINES) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = this.encoder.encode(this.pending.join("\n") + "\n");
    this.pending = [];
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === NEWLINE) {
        this.starts.push(this.size + start);
        this.ends.push(this.size + i);
        start = i + 1;
      }
    }
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  /** The bytes and ranges of every line pushed. */
  finish(): LineBytes {
    this.flush();
    const text = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      text.set(c, at);
      at += c.length;
    }
    this.chunks = [];
    return { text, lineStart: this.starts.toArray(), lineEnd: this.ends.toArray() };
  }
}

/** Decodes the lines of a bundle-like text, one at a time. */
export class LineReader {
  private decoder = new TextDecoder();

  constructor(private readonly src: LineBytes) {}

  /** The text of line `i`. */
  line(i: number): string {
    return this.decoder.decode(this.src.text.subarray(this.src.lineStart[i], this.src.lineEnd[i]));
  }
}
