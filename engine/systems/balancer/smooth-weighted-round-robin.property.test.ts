import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createLeastConnections } from "./strategies/least-connections";
import { createSmoothWeightedRoundRobin } from "./strategies/smooth-weighted-round-robin";
import type { Instance, Strategy } from "./strategy";

const arbWeights = fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 6 });

function list(weights: number[]): Instance[] {
  return weights.map((weight, i) => ({ id: `p${i}`, address: `n${i}/svc`, ip: `10.0.0.${i + 1}`, weight }));
}

function cycle(s: Strategy, peers: Instance[], total: number): string[] {
  return Array.from({ length: total }, () => s.pick(peers, { now: 0 })!.id);
}

describe("smooth weighted round robin", () => {
  test("swrr: a full cycle of total-weight picks gives each peer exactly its weight", () => {
    fc.assert(
      fc.property(arbWeights, (weights) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const picks = cycle(createSmoothWeightedRoundRobin(), list(weights), total);
        weights.forEach((w, i) => expect(picks.filter((id) => id === `p${i}`).length).toBe(w));
      }),
    );
  });

  test("swrr: every cycle repeats the first, because current weights return to zero", () => {
    fc.assert(
      fc.property(arbWeights, (weights) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const s = createSmoothWeightedRoundRobin();
        const peers = list(weights);
        expect(cycle(s, peers, total)).toEqual(cycle(s, peers, total));
      }),
    );
  });

  test("least-connections: with every peer idle it is SWRR, so a cycle gives each peer its weight", () => {
    fc.assert(
      fc.property(arbWeights, (weights) => {
        const total = weights.reduce((a, b) => a + b, 0);
        expect(cycle(createLeastConnections(), list(weights), total)).toEqual(cycle(createSmoothWeightedRoundRobin(), list(weights), total));
      }),
    );
  });
});
