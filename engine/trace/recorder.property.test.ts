import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulate } from "../index";
import { canonicalJson } from "./canonical";
import { arbitraryScenario } from "../testing/scenario-arbitrary";

describe("trace recorder", () => {
  it("recorder: the fast line encoder writes exactly the canonical JSON of every decoded event", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(), async (s) => {
        const { trace } = await simulate(s);
        for (let i = 0; i < trace!.length; i++) expect(trace!.line(i)).toBe(canonicalJson(trace!.at(i)));
      }),
      { numRuns: 15 },
    );
  });
});

describe("trace hash", () => {
  it("recorder: the trace hash is the hash of the canonical JSONL, whatever its length", async () => {
    const { hashString } = await import("./hash");
    for (const seed of [1, 2]) {
      const [s] = fc.sample(arbitraryScenario(), { seed, numRuns: 1 });
      const { trace } = await simulate({ ...s, duration: s.duration * 3 });
      expect(trace!.length).toBeGreaterThan(512);
      expect(trace!.hash).toBe(hashString(trace!.toJSONL()));
    }
  });
});
