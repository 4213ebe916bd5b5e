import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Bulkhead } from "./bulkhead";

type Op = { kind: "acquire"; dt: number } | { kind: "release"; dt: number } | { kind: "expire"; dt: number } | { kind: "cancel"; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("acquire" as const), dt: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ kind: fc.constant("release" as const), dt: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ kind: fc.constant("expire" as const), dt: fc.integer({ min: 0, max: 80 }) }),
  fc.record({ kind: fc.constant("cancel" as const), pick: fc.nat() }),
);

describe("bulkhead: properties", () => {
  it("bulkhead property: never more than maxConcurrentCalls in flight; grants in arrival order; waits end by their deadline", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 100 }), fc.array(opArb, { minLength: 10, maxLength: 200 }), (max, wait, ops) => {
        const b = new Bulkhead({ maxConcurrentCalls: max, maxWaitDurationUs: wait });
        let now = 0;
        let holding = 0; // slots the model believes are held
        const queued = new Map<number, number>(); // ticket -> deadline
        let lastGranted = 0;
        for (const op of ops) {
          if (op.kind !== "cancel") now += op.dt;
          if (op.kind === "acquire") {
            const d = b.tryAcquire(now);
            if (d.kind === "permitted") holding++;
            if (d.kind === "queued") queued.set(d.ticket, d.deadline);
          } else if (op.kind === "release" && holding > 0) {
            holding--;
            const w = b.release(now);
            for (const t of w.timedOut) {
              expect(queued.get(t)!).toBeLessThanOrEqual(now);
              queued.delete(t);
            }
            if (w.granted !== null) {
              expect(queued.get(w.granted)!).toBeGreaterThan(now);
              // FIFO: every older ticket was served, timed out or cancelled before this one.
              for (const t of queued.keys()) expect(t).toBeGreaterThanOrEqual(w.granted);
              expect(w.granted).toBeGreaterThan(lastGranted);
              lastGranted = w.granted;
              queued.delete(w.granted);
              holding++;
            }
          } else if (op.kind === "expire") {
            for (const t of b.expire(now).timedOut) {
              expect(queued.get(t)!).toBeLessThanOrEqual(now);
              queued.delete(t);
            }
          } else if (op.kind === "cancel" && queued.size > 0) {
            const t = [...queued.keys()][op.pick % queued.size];
            expect(b.cancel(t)).toBe(true);
            queued.delete(t);
          }
          expect(b.activeCalls).toBe(holding);
          expect(b.activeCalls).toBeLessThanOrEqual(max);
          expect(b.waitingCalls).toBe(queued.size);
          // A waiter exists only while every slot is taken.
          if (b.waitingCalls > 0) expect(b.activeCalls).toBe(max);
        }
      }),
      { numRuns: 400 },
    );
  });
});
