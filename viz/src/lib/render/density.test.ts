import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { aggregateArrows, wantsDensity } from "./density";
import { DELIVERED, DROPPED, type ArrowTable } from "../trace/trace-bundle";

function table(rows: Array<{ s: number; e: number; from: number; to: number; drop?: boolean }>): ArrowTable {
  const sorted = [...rows].sort((a, b) => a.s - b.s);
  const n = sorted.length;
  return {
    count: n,
    sendT: Float64Array.from(sorted.map((r) => r.s)), endT: Float64Array.from(sorted.map((r) => r.e)),
    fromLane: Int32Array.from(sorted.map((r) => r.from)), toLane: Int32Array.from(sorted.map((r) => r.to)),
    status: Uint8Array.from(sorted.map((r) => (r.drop ? DROPPED : DELIVERED))), reason: new Uint8Array(n), type: new Uint16Array(n),
    id: Float64Array.from(sorted.map((_, i) => i)), sendSeq: Int32Array.from(sorted.map((_, i) => i)), endSeq: Int32Array.from(sorted.map((_, i) => i)),
    maxSpan: Math.max(0, ...sorted.map((r) => r.e - r.s)),
  };
}

describe("level of detail", () => {
  it("density: every arrow sent in the window is counted once, in the bucket of its send time", () => {
    fc.assert(fc.property(
      fc.array(fc.record({ s: fc.integer({ min: 0, max: 1000 }), span: fc.integer({ min: 0, max: 50 }), from: fc.integer({ min: 0, max: 3 }), to: fc.integer({ min: 0, max: 3 }), drop: fc.boolean() }), { maxLength: 300 }),
      fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 10, max: 400 }),
      (rows, t0, w, width) => {
        const a = table(rows.map((r) => ({ s: r.s, e: r.s + r.span, from: r.from, to: r.to, drop: r.drop })));
        const d = aggregateArrows(a, 0, a.count, 4, t0, t0 + w, width, 3);
        const inWindow = rows.filter((r) => r.s >= t0 && r.s <= t0 + w);
        expect(d.cells.reduce((n, c) => n + c.count, 0)).toBe(inWindow.length);
        expect(d.cells.reduce((n, c) => n + c.drops, 0)).toBe(inWindow.filter((r) => r.drop).length);
        for (const c of d.cells) expect(c.bucket).toBeLessThan(Math.ceil(width / 3));
        expect(d.maxCount).toBe(Math.max(0, ...d.cells.map((c) => c.count)));
      },
    ));
  });

  it("density: arrows between the same lanes in one bucket merge, with their mean span", () => {
    const a = table([{ s: 0, e: 10, from: 0, to: 1 }, { s: 1, e: 31, from: 0, to: 1 }, { s: 2, e: 3, from: 1, to: 0, drop: true }, { s: 90, e: 91, from: 0, to: 1 }]);
    const d = aggregateArrows(a, 0, a.count, 2, 0, 100, 100, 10);
    expect(d.cells).toEqual([
      { fromLane: 0, toLane: 1, bucket: 0, count: 2, drops: 0, meanSpan: 20 },
      { fromLane: 0, toLane: 1, bucket: 9, count: 1, drops: 0, meanSpan: 1 },
      { fromLane: 1, toLane: 0, bucket: 0, count: 1, drops: 1, meanSpan: 1 },
    ]);
  });

  it("density: the sparse path (many lanes) agrees with the dense one", () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ s: i * 2, e: i * 2 + 5, from: i % 7, to: (i * 3) % 7, drop: i % 11 === 0 }));
    const a = table(rows);
    const dense = aggregateArrows(a, 0, a.count, 7, 0, 1000, 300, 3);
    const sparse = aggregateArrows(a, 0, a.count, 400, 0, 1000, 300, 3);
    const key = (c: { fromLane: number; toLane: number; bucket: number; count: number; drops: number }) => `${c.fromLane}-${c.toLane}-${c.bucket}-${c.count}-${c.drops}`;
    expect(sparse.cells.map(key).sort()).toEqual(dense.cells.map(key).sort());
  });

  it("level of detail: density takes over past one and a half arrows per pixel column", () => {
    expect(wantsDensity(1000, 1200)).toBe(false);
    expect(wantsDensity(1900, 1200)).toBe(false);
    expect(wantsDensity(2100, 1200)).toBe(true);
    expect(wantsDensity(3000, 1900)).toBe(true);
  });
});
