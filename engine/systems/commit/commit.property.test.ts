import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MS, SECOND } from "../../core/time";
import type { NemesisKind } from "../../scenario";
import { run } from "../../index";
import { commitScenario } from "./commit-scenario";

/** A short run under a random nemesis, with mixed votes and transactions over 3 of 4 participants. */
function scenario(protocol: "2pc" | "3pc", seed: number, presumption: string, mix: Partial<Record<NemesisKind, number>>) {
  return commitScenario({
    protocol, seed, duration: 8 * SECOND, participants: 4,
    coordinator: { presumption },
    participant: { presumption, vote: { yes: 8, no: 1, "read-only": 1 } },
    client: { count: 100, rate: 20, participantsPerTxn: 3 },
    nemesis: { mix, interval: { dist: "exponential", mean: 600 * MS }, duration: { dist: "uniform", min: 100 * MS, max: 1500 * MS }, maxConcurrent: 2 },
  });
}

const statuses = (r: Awaited<ReturnType<typeof run>>) => r.checks.map((c) => `${c.name}: ${c.status}`);
const ALL_HELD = ["atomicity: held", "validity: held", "blocking: held", "commit-termination: held"];

describe("commit protocols: properties over random seeds", () => {
  it("2pc: any seed, any presumption, under crashes, partitions, pauses, loss and slow links: atomicity, validity and termination hold", async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom("abort", "nothing"), async (seed, presumption) => {
      const r = await run(scenario("2pc", seed, presumption, { crash: 2, partition: 1, pause: 1, loss: 1, slow: 1 }), { recording: "off" });
      expect(statuses(r), `seed ${seed} ${presumption}`).toEqual(ALL_HELD);
    }), { numRuns: 6, seed: 42 });
  }, 300_000);

  it("3pc: any seed, under crash faults only (two at a time): atomicity, validity and termination hold", async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom("abort", "nothing"), async (seed, presumption) => {
      const r = await run(scenario("3pc", seed, presumption, { crash: 1 }), { recording: "off" });
      expect(statuses(r), `seed ${seed} ${presumption}`).toEqual(ALL_HELD);
    }), { numRuns: 6, seed: 43 });
  }, 300_000);

  it("2pc and 3pc: a seed's run is byte-for-byte the same when repeated", async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom("2pc" as const, "3pc" as const), async (seed, protocol) => {
      const s = scenario(protocol, seed, "abort", { crash: 1, partition: 1 });
      const [a, b] = [await run(s), await run(s)];
      expect(a.traceHash).not.toBeNull();
      expect(a.traceHash).toBe(b.traceHash);
      expect(a.digest).toBe(b.digest);
    }), { numRuns: 3, seed: 44 });
  }, 300_000);
});
