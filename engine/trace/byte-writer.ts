const encoder = new TextEncoder();

/**
 * Canonical JSON written straight into bytes: the same UTF-8 as `canonicalJson(value)` encodes
 * to (sorted keys, no whitespace, `undefined` fields left out, non-finite numbers as null; a
 * test holds them equal), without building a string per value. The buffer is reused: whoever
 * owns the writer takes the bytes `[0, pos)` and sets `pos` back to 0. It grows when one piece
 * does not fit, and never shrinks.
 */
export class ByteWriter {
  buf: Uint8Array;
  pos = 0;

  constructor(size = 1 << 16) {
    this.buf = new Uint8Array(size);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Pre-encoded bytes (a name escaped once, a fixed piece of a line). */
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** One byte (an ASCII character code). */
  byte(c: number): void {
    if (this.pos >= this.buf.length) this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** Text that is known to be ASCII (digits, fixed keys). */
  ascii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Any text, as UTF-8, unescaped. */
  utf8(s: string): void {
    this.ensure(s.length * 3);
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** A number as `String(n)` writes it (`null` when not finite). Whole numbers skip the string. */
  number(n: number): void {
    if (Number.isInteger(n) && n < 1e15 && n > -1e15) this.int(n);
    else if (Number.isFinite(n)) this.ascii(String(n));
    else this.ascii("null");
  }

  /** A whole number below 1e15 in magnitude, in decimal. */
  int(n: number): void {
    this.ensure(17);
    const buf = this.buf;
    if (n < 0) {
      buf[this.pos++] = 45;
      n = -n;
    }
    if (n < 10) {
      buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    while (n >= 10) {
      const q = Math.floor(n / 10);
      buf[--p] = 48 + (n - q * 10);
      n = q;
    }
    buf[p - 1] = 48 + n;
  }

  /** A string as JSON: quoted and escaped exactly as `JSON.stringify` does. */
  string(s: string): void {
    const n = s.length;
    this.ensure(n + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      // Anything that JSON escapes, or that is not ASCII, takes the general path.
      if (c < 32 || c > 126 || c === 34 || c === 92) {
        this.utf8(JSON.stringify(s));
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 34;
    this.pos = p;
  }

  /** Any value, as `canonicalJson` writes it. */
  canonical(value: unknown): void {
    switch (typeof value) {
      case "string":
        this.string(value);
        return;
      case "number":
        this.number(value);
        return;
      case "boolean":
        this.ascii(value ? "true" : "false");
        return;
      case "bigint":
        this.ascii(String(value));
        return;
      case "object":
        if (value === null) this.ascii("null");
        else if (Array.isArray(value)) this.array(value);
        else this.object(value as Record<string, unknown>);
        return;
      default:
        this.ascii("null");
    }
  }

  private array(value: readonly unknown[]): void {
    this.byte(91);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) this.byte(44);
      const v = value[i];
      if (v === undefined || typeof v === "function") this.ascii("null");
      else this.canonical(v);
    }
    this.byte(93);
  }

  private object(obj: Record<string, unknown>): void {
    if (typeof (obj as { toJSON?: unknown }).toJSON === "function") {
      this.canonical((obj as { toJSON: () => unknown }).toJSON());
      return;
    }
    const keys = Object.keys(obj);
    if (keys.length > 1 && !sorted(keys)) keys.sort();
    this.byte(123);
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = obj[k];
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      if (!first) this.byte(44);
      first = false;
      this.string(k);
      this.byte(58);
      this.canonical(v);
    }
    this.byte(125);
  }
}

/** Whether keys are already in the order `Array.prototype.sort` would put them (most objects are). */
function sorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

/** The UTF-8 bytes of a piece of a line, encoded once. */
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}
