import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LogBuffer } from "./log-buffer";
import type { OverflowAction } from "./log-buffer";
import { SeenRanges } from "./seen-ranges";

type Op = { kind: "line" } | { kind: "flush" } | { kind: "send" } | { kind: "ack" } | { kind: "fail" };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: "line" } as Op) },
  fc.constant({ kind: "flush" } as Op),
  fc.constant({ kind: "send" } as Op),
  fc.constant({ kind: "ack" } as Op),
  fc.constant({ kind: "fail" } as Op),
);

describe("log buffer: properties", () => {
  it("log buffer property: every line offered ends up exactly once as buffered, acknowledged, dropped, refused or blocked, and the limit is never exceeded", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 10 }), fc.constantFrom<OverflowAction>("throw_exception", "block", "drop_oldest_chunk"), fc.array(opArb, { maxLength: 300 }),
        (chunk, extra, policy, ops) => {
          const limit = chunk + extra;
          const b = new LogBuffer({ chunkLimitLines: chunk, totalLimitLines: limit, overflowAction: policy });
          const fate = new Map<number, string>();
          let seq = 0;
          let inFlight: number | null = null;
          for (const op of ops) {
            if (op.kind === "line") {
              const s = seq++;
              const r = b.append(s, 0);
              fate.set(s, r.kind);
              if (r.kind === "buffered") for (const c of r.dropped) for (const d of c.seqs) fate.set(d, "dropped");
              if (policy !== "drop_oldest_chunk") expect(r.kind === "buffered" && r.dropped.length > 0).toBe(false);
            } else if (op.kind === "flush") b.closeStaged();
            else if (op.kind === "send" && inFlight === null) inFlight = b.next()?.id ?? null;
            else if (op.kind === "ack" && inFlight !== null) {
              for (const s of b.ack(inFlight).seqs) fate.set(s, "acked");
              inFlight = null;
            } else if (op.kind === "fail" && inFlight !== null) {
              b.retry(inFlight);
              inFlight = null;
            }
            expect(b.size).toBeLessThanOrEqual(limit);
            const held = b.chunks().flatMap((c) => c.seqs);
            expect(held.length).toBe(b.size);
            // What the buffer holds is exactly the lines whose fate is still "buffered".
            expect(held.sort((x, y) => x - y)).toEqual([...fate].filter(([, f]) => f === "buffered").map(([s]) => s).sort((x, y) => x - y));
          }
        },
      ),
    );
  });
});

describe("seen ranges: properties", () => {
  it("seen ranges property: behaves as a set, and its ranges stay sorted, disjoint and non-adjacent", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 200 }), (ns) => {
        const s = new SeenRanges();
        const model = new Set<number>();
        for (const n of ns) {
          expect(s.add(n)).toBe(!model.has(n));
          model.add(n);
        }
        for (let n = -1; n <= 61; n++) expect(s.has(n)).toBe(model.has(n));
        const r = s.toJSON();
        for (let i = 1; i < r.length; i++) expect(r[i][0]).toBeGreaterThan(r[i - 1][1] + 1);
        expect(r.reduce((a, [x, y]) => a + y - x + 1, 0)).toBe(model.size);
      }),
    );
  });
});
