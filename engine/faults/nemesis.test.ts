import { describe, expect, it } from "vitest";
import { drawNemesis } from "./nemesis";
import { createStream } from "../core/streams";
import type { NemesisSpec } from "../scenario";
import { SECOND } from "../core/time";

const spec: NemesisSpec = {
  mix: { crash: 2, partition: 1, pause: 1, cut: 1, ring: 1, bridge: 1, skew: 1, slow: 1, loss: 1, isolate: 1 },
  interval: { dist: "exponential", mean: 2 * SECOND },
  duration: { dist: "uniform", min: SECOND, max: 3 * SECOND },
  maxConcurrent: 2,
};
const nodes = ["a", "b", "c", "d", "e"];

describe("nemesis", () => {
  it("nemesis: the same seed draws the same schedule; another seed another", () => {
    const a = drawNemesis(spec, nodes, 100 * SECOND, createStream(1, "nemesis"));
    const b = drawNemesis(spec, nodes, 100 * SECOND, createStream(1, "nemesis"));
    const c = drawNemesis(spec, nodes, 100 * SECOND, createStream(2, "nemesis"));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a.length).toBeGreaterThan(10);
  });

  it("nemesis: never more faults at once than maxConcurrent, all inside the window, only the mixed kinds", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const faults = drawNemesis(spec, nodes, 100 * SECOND, createStream(seed, "nemesis"));
      for (const f of faults) {
        expect(f.at).toBeLessThan(80 * SECOND);
        const overlapping = faults.filter((g) => g.at <= f.at && g.at + (g.duration ?? 0) > f.at);
        expect(overlapping.length).toBeLessThanOrEqual(2);
      }
      const crashOnly = drawNemesis({ ...spec, mix: { crash: 1 } }, nodes, 100 * SECOND, createStream(seed, "nemesis"));
      expect(new Set(crashOnly.map((f) => f.action))).toEqual(new Set(["crash"]));
    }
  });
});
