import { describe, expect, it } from "vitest";
import type { AcrossSeedsVerdict } from "../engine/check/across-seeds";
import { acrossSeedsLine, acrossSeedsMeasured } from "./across-seeds";
import { terminalAcrossSeeds } from "./terminal";
import { markdownSuite } from "./markdown";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";

const share: AcrossSeedsVerdict = {
  scenario: "p2c-vs-random", text: "p99(p2c.latency) < p99(random.latency) on >= 90% of seeds", kind: "share",
  seeds: 50, successes: 50, estimate: 1, low: 0.928652, high: 1, confidence: 0.95, status: "confirmed", passed: true,
};
const mean: AcrossSeedsVerdict = {
  scenario: "p2c-vs-random", text: "mean(p2c.latency) within 10% of 110ms", kind: "mean", seeds: 3, estimate: 112_345, low: 104_000, high: 120_690,
  confidence: 0.95, status: "consistent", passed: true,
  expectation: { metric: "p2c.latency", stat: "mean", op: "within", value: 110_000, tolerance: { value: 0.1, relative: true }, text: "mean(p2c.latency) within 10% of 110ms" },
};
const diff: AcrossSeedsVerdict = {
  scenario: "balancing", text: "mean(lc.latency) < 0.6 * mean(rr.latency)", kind: "mean", seeds: 200, estimate: -2100, low: -2250, high: -1950,
  confidence: 0.95, status: "confirmed", passed: true, sides: { left: 25_100, right: 27_200 },
  expectation: { metric: "lc.latency", stat: "mean", op: "<", value: 0.6, against: { metric: "rr.latency", stat: "mean" }, text: "mean(lc.latency) < 0.6 * mean(rr.latency)" },
};

describe("across-seeds reports", () => {
  it("across seeds: a share shows its count, percentage and Wilson interval", () => {
    expect(acrossSeedsLine(share)).toBe("p99(p2c.latency) < p99(random.latency) on >= 90% of seeds: 50 of 50 seeds (100%, 95% CI 92.9% to 100%), confirmed");
  });

  it("across seeds: a mean is shown in its expectation's unit, a comparison as both sides and the signed difference", () => {
    expect(acrossSeedsMeasured(mean)).toBe("mean 112.345ms over 3 seeds (95% CI 104ms to 120.69ms)");
    expect(acrossSeedsMeasured(diff)).toBe("means 25.1ms vs 27.2ms over 200 seeds; difference −2.1ms (95% CI −2.25ms to −1.95ms)");
    expect(acrossSeedsMeasured({ ...mean, seeds: 1, low: null, high: null })).toMatch(/no 95% CI: one seed/);
    expect(acrossSeedsMeasured({ ...mean, estimate: null, missing: [4, 9], status: "no-data", passed: false })).toBe("no value on 2 seeds (first: seed 4)");
  });

  it("across seeds: the terminal section groups by scenario and marks refuted claims", () => {
    const text = terminalAcrossSeeds([share, mean, { ...diff, status: "refuted", passed: false }]);
    expect(text.split("\n")[0]).toBe("✗ across seeds: 1 of 3 claims failed");
    expect(text).toContain("  p2c-vs-random\n    ✓ p99(p2c.latency)");
    expect(text).toContain("    ~ mean(p2c.latency) within 10% of 110ms\n        mean 112.345ms over 3 seeds (95% CI 104ms to 120.69ms): consistent, not confirmed");
    expect(text).toContain("  balancing\n    ✗ mean(lc.latency)");
    expect(terminalAcrossSeeds([])).toBe("");
    expect(terminalAcrossSeeds([share])).toMatch(/^✓ across seeds: 1 claim held/);
  });

  it("across seeds: the markdown suite has a table of the claims after the scenarios", () => {
    const md = markdownSuite([twoPhaseCommitRun().result], { acrossSeeds: [share, { ...mean, status: "refuted", passed: false }] });
    expect(md).toContain("### ❌ Across seeds: 1 of 2 claims failed");
    expect(md).toContain("| ✅ | `p2c-vs-random` | `p99(p2c.latency) < p99(random.latency) on >= 90% of seeds` | 50 of 50 seeds (100%, 95% CI 92.9% to 100%) | confirmed |");
    expect(markdownSuite([twoPhaseCommitRun().result])).not.toContain("Across seeds");
  });
});
