import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulate } from "../index";
import { canonicalJson } from "./canonical";
import { hashString } from "./hash";
import { arbitraryScenario } from "../testing/scenario-arbitrary";

/** Runs a scenario with a sink and returns the streamed text beside the simulation. */
async function streamed(s: Parameters<typeof simulate>[0], options: Parameters<typeof simulate>[1] = {}) {
  const parts: Uint8Array[] = [];
  const sim = await simulate(s, { ...options, traceSink: (b) => parts.push(b.slice()) });
  const text = new TextDecoder().decode(Buffer.concat(parts));
  return { sim, text };
}

describe("trace recorder", () => {
  it("recorder: the streamed bytes are exactly the canonical JSON of every decoded event, a line each", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(), async (s) => {
        const { sim, text } = await streamed(s);
        const trace = sim.trace!;
        const lines = text.split("\n");
        expect(lines.length).toBe(trace.length + 1);
        for (let i = 0; i < trace.length; i++) expect(lines[i]).toBe(canonicalJson(trace.at(i)));
        expect(text).toBe(trace.toJSONL());
      }),
      { numRuns: 15 },
    );
  });

  it("recorder: a ring keeps exactly the last N events, and the hash still covers them all", async () => {
    const [s] = fc.sample(arbitraryScenario(), { seed: 3, numRuns: 1 });
    const whole = await simulate({ ...s, duration: s.duration * 3 });
    const n = whole.trace!.length;
    expect(n).toBeGreaterThan(700);
    for (const keep of [0, 1, 300, n - 1]) {
      const { sim, text } = await streamed({ ...s, duration: s.duration * 3 }, { traceKeep: keep });
      const trace = sim.trace!;
      expect(sim.result.traceHash).toBe(whole.result.traceHash);
      expect(text).toBe(whole.trace!.toJSONL());
      expect(trace.first).toBe(n - keep);
      expect(trace.events().map((e) => canonicalJson(e))).toEqual(whole.trace!.events().slice(n - keep).map((e) => canonicalJson(e)));
      if (keep < n) expect(() => trace.at(n - keep - 1)).toThrow(RangeError);
      if (keep > 0) expect(() => trace.toJSONL()).toThrow(RangeError);
    }
  });
});

describe("trace hash", () => {
  it("recorder: the trace hash is the hash of the canonical JSONL, whatever its length", async () => {
    for (const seed of [1, 2]) {
      const [s] = fc.sample(arbitraryScenario(), { seed, numRuns: 1 });
      const { trace } = await simulate({ ...s, duration: s.duration * 3 });
      expect(trace!.length).toBeGreaterThan(512);
      expect(trace!.hash).toBe(hashString(trace!.toJSONL()));
    }
  });
});
