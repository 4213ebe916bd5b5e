import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulate } from "./index";
import { arbitraryScenario } from "./testing/scenario-arbitrary";
import type { TraceEvent } from "./trace/trace-event";
import type { Scenario } from "./scenario";
import { MS, SECOND } from "./core/time";

describe("network properties", () => {
  it("conservation: every message sent is delivered, dropped with a reason, or in flight at the end", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(), async (s) => {
        const { result, trace } = await simulate(s);
        const sends = new Map<number, number>();
        const outcomes = new Map<number, number>();
        for (const e of trace!.events()) {
          if (e.kind === "send") sends.set(e.id!, 1);
          if (e.kind === "deliver" || e.kind === "drop") {
            expect(sends.has(e.id!), `outcome of unsent message ${e.id}`).toBe(true);
            if (e.kind === "drop") expect(typeof e.reason).toBe("string");
            outcomes.set(e.id!, (outcomes.get(e.id!) ?? 0) + 1);
          }
        }
        const m = result.stats.messages;
        expect(m.sent).toBe(sends.size);
        expect(m.inFlight).toBeGreaterThanOrEqual(0);
        expect(m.delivered + m.dropped + m.inFlight).toBe(m.sent + m.duplicated);
        // At most the original and its duplicate reach an outcome.
        for (const [, n] of outcomes) expect(n).toBeLessThanOrEqual(2);
        const unresolved = [...sends.keys()].filter((id) => !outcomes.has(id)).length;
        expect(unresolved).toBeLessThanOrEqual(m.inFlight);
      }),
      { numRuns: 25 },
    );
  });

  it("partitions: nothing is delivered over a cut link", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(), async (s) => {
        const { trace } = await simulate(s);
        const active = new Map<string, Array<[string, string]>>();
        for (const e of trace!.events()) {
          if (e.kind === "partition") active.set(e.fault as string, e.cuts as Array<[string, string]>);
          if (e.kind === "heal") active.delete(e.fault as string);
          if (e.kind === "deliver") {
            const a = e.from!.split("/")[0], b = e.to!.split("/")[0];
            if (a === b) continue;
            for (const [label, cuts] of active) {
              expect(cuts.some(([x, y]) => x === a && y === b), `${a}->${b} delivered across "${label}"`).toBe(false);
            }
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it("partitions: a one-way cut blocks one direction only", async () => {
    const s: Scenario = {
      name: "one-way", duration: 2 * SECOND, seed: 1,
      nodes: [{ name: "a" }, { name: "b" }],
      processes: [
        { node: "a", name: "p", factory: (rt) => ({ start: () => { for (let i = 0; i < 20; i++) rt.setTimer(i * 50 * MS, () => rt.send("b/p", "ping")); } }) },
        { node: "b", name: "p", factory: (rt) => ({ start: () => { for (let i = 0; i < 20; i++) rt.setTimer(i * 50 * MS, () => rt.send("a/p", "ping")); } }) },
      ],
      network: { latency: { dist: "constant", value: 1 * MS } },
      faults: [{ at: 0, action: "cut", from: "a", to: "b" }],
    };
    const events = (await simulate(s)).trace!.events();
    const delivered = (from: string) => events.filter((e: TraceEvent) => e.kind === "deliver" && e.from === `${from}/p`).length;
    expect(delivered("a")).toBe(0);
    expect(delivered("b")).toBe(20);
    expect(events.filter((e) => e.kind === "drop" && e.reason === "partition").length).toBe(20);
  });

  it("network: loss, duplication and FIFO order behave as configured", async () => {
    const got: number[] = [];
    const s: Scenario = {
      name: "fifo", duration: 10 * SECOND, seed: 5,
      nodes: [{ name: "a" }, { name: "b" }],
      processes: [
        { node: "a", name: "p", factory: (rt) => ({ start: () => { for (let i = 0; i < 2000; i++) rt.send("b/p", "n", i); } }) },
        { node: "b", name: "p", factory: () => ({ message: (m) => { got.push(m.body as number); } }) },
      ],
      network: { latency: { dist: "exponential", mean: 5 * MS }, fifo: true, lossRatio: 0.1, duplicateRatio: 0.05 },
    };
    const { result } = await simulate(s);
    const originals = got.filter((v, i) => got.indexOf(v) === i);
    expect([...originals].sort((x, y) => x - y)).toEqual(originals.slice().sort((x, y) => x - y));
    const lossRate = result.stats.drops.loss / 2000;
    expect(lossRate).toBeGreaterThan(0.07);
    expect(lossRate).toBeLessThan(0.13);
    expect(result.stats.messages.duplicated).toBeGreaterThan(50);
  });
});
