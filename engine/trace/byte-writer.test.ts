import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ByteWriter } from "./byte-writer";
import { canonicalJson } from "./canonical";

const text = (w: ByteWriter) => new TextDecoder().decode(w.buf.subarray(0, w.pos));

describe("byte writer", () => {
  it("byte writer: any JSON-like value is written as exactly the UTF-8 of its canonical JSON", () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: "small" },
        fc.string({ unit: "binary" }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined),
        fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 5 }), tie("v"), { maxKeys: 5 })),
    })).v;
    fc.assert(fc.property(value, (v) => {
      const w = new ByteWriter(4);
      w.canonical(v);
      expect(text(w)).toBe(canonicalJson(v));
    }), { numRuns: 500 });
  });

  it("byte writer: whole numbers, negative zero, large and fractional numbers read as String(n) writes them", () => {
    for (const n of [0, -0, 7, -7, 10, 99, 100, 123456789012345, -999999999999999, 1e15, 1e21, 0.5, -1.25e-7, NaN, Infinity]) {
      const w = new ByteWriter(1);
      w.number(n);
      expect(text(w)).toBe(Number.isFinite(n) ? String(n) : "null");
    }
  });
});
