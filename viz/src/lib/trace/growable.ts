/** A typed array constructor the growable column accepts. */
type TypedCtor<T> = { new (n: number): T };

/** The typed arrays a column can be. */
type Typed = Float64Array | Int32Array | Uint32Array | Uint8Array | Uint16Array;

/**
 * A typed array that grows by doubling, for building columns of unknown length in one pass
 * without an array of boxed numbers in between.
 */
export class Column<T extends Typed> {
  private data: T;
  /** Number of values pushed. */
  length = 0;

  constructor(private readonly ctor: TypedCtor<T>, capacity = 1024) {
    this.data = new ctor(Math.max(16, capacity));
  }

  /** Appends a value. */
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new this.ctor(this.data.length * 2);
      next.set(this.data as never);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  /** Reads a value. */
  get(i: number): number {
    return this.data[i];
  }

  /** Overwrites a value already pushed. */
  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** A right-sized copy of the values (its own buffer, so it can be transferred). */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** Makes a growable column of 64-bit floats. */
export const f64 = (n?: number) => new Column(Float64Array, n);
/** Makes a growable column of 32-bit signed integers. */
export const i32 = (n?: number) => new Column(Int32Array, n);
/** Makes a growable column of 32-bit unsigned integers. */
export const u32 = (n?: number) => new Column(Uint32Array, n);
/** Makes a growable column of bytes. */
export const u8 = (n?: number) => new Column(Uint8Array, n);
