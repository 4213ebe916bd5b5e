import { describe, expect, test } from "vitest";
import { scriptedRng, testRng } from "../test-rng";
import { instances } from "../test-instances";
import { createPeakEwma, observeRtt } from "./peak-ewma";

const TAU = 10_000_000;

describe("peak-ewma", () => {
  test("peak-ewma: a sample above the estimate replaces it at once", () => {
    const est = { rtt: 30_000, updatedAt: 0 };
    expect(observeRtt(est, 100_000, 1, TAU)).toBe(100_000);
  });

  test("peak-ewma: a lower sample is blended with weight 1 - exp(-elapsed / tau)", () => {
    const est = { rtt: 100_000, updatedAt: 0 };
    const w = Math.exp(-1);
    expect(observeRtt(est, 50_000, TAU, TAU)).toBeCloseTo(100_000 * w + 50_000 * (1 - w), 6);
  });

  test("peak-ewma: reading the cost decays an idle estimate toward 0", () => {
    const est = { rtt: 100_000, updatedAt: 0 };
    expect(observeRtt(est, 0, 2 * TAU, TAU)).toBeCloseTo(100_000 * Math.exp(-2), 6);
  });

  test("peak-ewma: avoids an instance from its first slow response", () => {
    // Draw indices (0, 0) become the distinct pair (a, b) every time.
    const s = createPeakEwma(undefined, scriptedRng([0, 0, 0, 0]));
    const list = instances("a", "b");
    s.onStart("a");
    s.onEnd("a", { ok: true, latency: 400_000, now: 400_000 });
    expect(s.pick(list, { now: 400_000 })?.id).toBe("b");
    expect(s.pick(list, { now: 500_000 })?.id).toBe("b");
  });

  test("peak-ewma: cost multiplies the estimate by active + 1", () => {
    const s = createPeakEwma(undefined, scriptedRng([0, 0]));
    s.onStart("a");
    expect(s.pick(instances("a", "b"), { now: 0 })?.id).toBe("b");
  });

  test("peak-ewma: forgives a slow spell as fast responses age it out (10 + 80e^(-t/tau) < 30 after ~14 s)", () => {
    const s = createPeakEwma(undefined, scriptedRng([0, 0, 0, 0]));
    const list = instances("a", "b");
    s.onStart("a");
    s.onEnd("a", { ok: true, latency: 90_000, now: 90_000 });
    // From then on a answers in 10 ms and b in 30 ms, one request each per second.
    const serve = (from: number, to: number) => {
      for (let t = from; t <= to; t += 1_000_000) {
        for (const [id, latency] of [["a", 10_000], ["b", 30_000]] as const) {
          s.onStart(id);
          s.onEnd(id, { ok: true, latency, now: t });
        }
      }
    };
    serve(1_000_000, 10_000_000);
    expect(s.pick(list, { now: 10_000_000 })?.id).toBe("b");
    serve(11_000_000, 20_000_000);
    expect(s.pick(list, { now: 20_000_000 })?.id).toBe("a");
  });

  test("peak-ewma: draws two distinct instances and returns the only one when one is usable", () => {
    const s = createPeakEwma(undefined, testRng(3));
    expect(s.pick(instances("a"), { now: 0 })?.id).toBe("a");
    expect(s.pick([], { now: 0 })).toBeUndefined();
  });
});
