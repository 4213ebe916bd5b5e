import type { TraceEvent } from "../../../../engine/trace/trace-event";

/** Kinds whose every field the page needs is a top-level string or number: no JSON.parse needed. */
const FAST_KINDS: ReadonlySet<string> = new Set([
  "start", "send", "deliver", "drop", "timer", "crash", "restart", "pause", "resume", "log", "record", "clock", "link", "check", "end",
]);

const QUOTE = 0x22, BACKSLASH = 0x5c, COLON = 0x3a, COMMA = 0x2c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d;

/** Which top-level field a key is, by a small code; 0 for a field the page does not read. */
function fieldOf(b: Uint8Array, from: number, len: number): number {
  const c = b[from];
  if (len === 1) return c === 0x74 /* t */ ? 1 : 0;
  if (len === 2) {
    if (c === 0x69 && b[from + 1] === 0x64) return 2; // id
    if (c === 0x74 && b[from + 1] === 0x6f) return 3; // to
    return 0;
  }
  if (len === 4) {
    const w = (c << 24) | (b[from + 1] << 16) | (b[from + 2] << 8) | b[from + 3];
    switch (w) {
      case 0x6b696e64: return 4; // kind
      case 0x6e6f6465: return 5; // node
      case 0x70726f63: return 6; // proc
      case 0x66726f6d: return 7; // from
      case 0x74797065: return 8; // type
      default: return 0;
    }
  }
  if (len === 6 && c === 0x72 && b[from + 1] === 0x65 && b[from + 2] === 0x61 && b[from + 3] === 0x73 && b[from + 4] === 0x6f && b[from + 5] === 0x6e) return 9; // reason
  return 0;
}

/**
 * Reads the fields the bundle needs straight from a trace line's UTF-8 bytes, without building
 * the whole object: one pass over the bytes, nested values skipped, and names interned so that
 * a million events make a handful of strings. Lines it cannot be sure of (a kind whose nested
 * fields matter, an escaped string, a number with a fraction) return null, and the caller
 * falls back to `JSON.parse`, so the result is always what `JSON.parse` would give.
 */
export class LineScanner {
  private interned = new Map<number, string[]>();
  private decoder = new TextDecoder();

  /** The event of line [from, to), or null when the line needs a full parse. */
  scan(b: Uint8Array, from: number, to: number): TraceEvent | null {
    let i = from;
    while (i < to && b[i] === 0x20) i++;
    if (b[i] !== LBRACE) return null;
    i++;
    let t = NaN, id = NaN;
    let kind: string | undefined, node: string | undefined, proc: string | undefined;
    let fromA: string | undefined, toA: string | undefined, type: string | undefined, reason: string | undefined;
    for (;;) {
      if (b[i] === RBRACE) break;
      if (b[i] !== QUOTE) return null;
      const k0 = i + 1;
      let k1 = k0;
      while (k1 < to && b[k1] !== QUOTE) {
        if (b[k1] === BACKSLASH) return null;
        k1++;
      }
      const field = fieldOf(b, k0, k1 - k0);
      i = k1 + 1;
      if (b[i] !== COLON) return null;
      i++;
      const c = b[i];
      if (c === QUOTE) {
        const s0 = i + 1;
        let s1 = s0;
        let escaped = false;
        while (s1 < to && b[s1] !== QUOTE) {
          if (b[s1] === BACKSLASH) {
            escaped = true;
            s1++;
          }
          s1++;
        }
        if (s1 >= to) return null;
        if (field !== 0) {
          if (escaped) return null;
          const s = this.intern(b, s0, s1);
          switch (field) {
            case 3: toA = s; break;
            case 4: kind = s; break;
            case 5: node = s; break;
            case 6: proc = s; break;
            case 7: fromA = s; break;
            case 8: type = s; break;
            case 9: reason = s; break;
            default: return null;
          }
        }
        i = s1 + 1;
      } else if (c === LBRACE || c === LBRACKET) {
        if (field !== 0) return null;
        i = skipNested(b, i, to);
        if (i < 0) return null;
      } else {
        // A number or a literal: up to the next comma or brace.
        const n0 = i;
        while (i < to && b[i] !== COMMA && b[i] !== RBRACE) i++;
        if (field === 1 || field === 2) {
          const n = intAt(b, n0, i);
          if (Number.isNaN(n)) return null;
          if (field === 1) t = n;
          else id = n;
        } else if (field !== 0) {
          return null;
        }
      }
      if (b[i] === COMMA) i++;
      else if (b[i] !== RBRACE) return null;
    }
    if (kind === undefined || !FAST_KINDS.has(kind) || Number.isNaN(t)) return null;
    // A small new object per line: cheaper than reusing one and deleting its fields.
    const ev: TraceEvent = { t, seq: 0, kind: kind as TraceEvent["kind"] };
    if (node !== undefined) ev.node = node;
    if (proc !== undefined) ev.proc = proc;
    if (!Number.isNaN(id)) ev.id = id;
    if (fromA !== undefined) ev.from = fromA;
    if (toA !== undefined) ev.to = toA;
    if (type !== undefined) ev.type = type;
    if (reason !== undefined) ev.reason = reason;
    return ev;
  }

  /** The string of bytes [from, to), the same object every time the same bytes come by. */
  private intern(b: Uint8Array, from: number, to: number): string {
    let h = 0x811c9dc5;
    let ascii = true;
    for (let i = from; i < to; i++) {
      const c = b[i];
      if (c >= 0x80) ascii = false;
      h = Math.imul(h ^ c, 0x01000193);
    }
    h = (h ^ (to - from)) | 0;
    const bucket = this.interned.get(h);
    if (bucket) {
      outer: for (const s of bucket) {
        if (ascii && s.length === to - from) {
          for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== b[from + i]) continue outer;
          return s;
        }
        if (!ascii && s === this.decoder.decode(b.subarray(from, to))) return s;
      }
    }
    const s = ascii ? asciiString(b, from, to) : this.decoder.decode(b.subarray(from, to));
    if (bucket) bucket.push(s);
    else this.interned.set(h, [s]);
    return s;
  }
}

function asciiString(b: Uint8Array, from: number, to: number): string {
  let s = "";
  for (let i = from; i < to; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** A plain integer in [from, to) (optionally negative), or NaN for anything else. */
function intAt(b: Uint8Array, from: number, to: number): number {
  let i = from, sign = 1, n = 0;
  if (b[i] === 0x2d) {
    sign = -1;
    i++;
  }
  if (i >= to || to - i > 15) return NaN;
  for (; i < to; i++) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return sign * n;
}

/** The index just past the object or array that starts at `i`, or -1 if the line ends first. */
function skipNested(b: Uint8Array, i: number, to: number): number {
  let depth = 0;
  for (; i < to; i++) {
    const c = b[i];
    if (c === QUOTE) {
      i++;
      while (i < to && b[i] !== QUOTE) {
        if (b[i] === BACKSLASH) i++;
        i++;
      }
    } else if (c === LBRACE || c === LBRACKET) {
      depth++;
    } else if (c === RBRACE || c === RBRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
