import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Hash64, hashString } from "./hash";
import { canonicalJson } from "./canonical";

describe("trace hash and canonical encoding", () => {
  it("hash: known vectors stay fixed (the browser must compute the same digests)", () => {
    expect(hashString("")).toMatch(/^[0-9a-f]{16}$/);
    // Pinned values: a change here changes every trace hash users have stored.
    expect(hashString("clustersim")).toBe(PINNED.clustersim);
    expect(hashString('{"kind":"send","t":1}\n')).toBe(PINNED.line);
  });

  it("hash: any split of a text into pieces gives the digest of the whole", () => {
    // Pieces of whole code points: a lone surrogate has no UTF-8 encoding of its own, and the
    // trace only ever splits between lines.
    fc.assert(fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 40 }), { maxLength: 8 }), (pieces) => {
      const h = new Hash64();
      for (const p of pieces) h.update(p);
      expect(h.digest()).toBe(hashString(pieces.join("")));
    }));
  });

  it("hash: streaming in pieces equals hashing the whole, and order matters", () => {
    expect(new Hash64().update("ab").update("cd").digest()).toBe(hashString("abcd"));
    expect(hashString("abcd")).not.toBe(hashString("abdc"));
    expect(hashString("a")).not.toBe(hashString("a\u0000"));
  });

  it("canonical: sorted keys, no whitespace, undefined left out, non-finite as null", () => {
    expect(canonicalJson({ b: 1, a: [1, "x", { d: undefined, c: null }], z: undefined })).toBe('{"a":[1,"x",{"c":null}],"b":1}');
    expect(canonicalJson({ n: NaN, i: Infinity, s: "é\n" })).toBe('{"i":null,"n":null,"s":"é\\n"}');
    expect(canonicalJson({ b: 2, a: 1 })).toBe(canonicalJson({ a: 1, b: 2 }));
  });
});

const PINNED = { clustersim: "1019eca06bdd6569", line: "01ed2afa9626d064" };

describe("trace hash over bytes", () => {
  it("hash: bytes fed in any pieces give the digest of the text they encode", () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 40 }), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (pieces, cuts) => {
      const text = pieces.join("");
      const bytes = new TextEncoder().encode(text);
      const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const h = new Hash64();
      let from = 0;
      for (const c of [...at, bytes.length]) {
        h.updateBytes(bytes.slice(from, c), c - from);
        from = c;
      }
      expect(h.digest()).toBe(hashString(text));
    }));
  });
});
