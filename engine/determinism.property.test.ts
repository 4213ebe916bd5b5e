import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Worker } from "node:worker_threads";
import { simulate, run } from "./index";
import { arbitraryScenario } from "./testing/scenario-arbitrary";

/** Runs a scenario in a worker thread and returns its hashes. */
function runInWorker(scenario: unknown): Promise<{ traceHash: string; digest: string }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./testing/run-in-worker.mjs", import.meta.url), { workerData: scenario });
    w.once("message", (m) => { resolve(m); void w.terminate(); });
    w.once("error", reject);
  });
}

describe("determinism", () => {
  it("determinism: any generated scenario and fault schedule, run twice with one seed, gives equal trace hashes", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryScenario(), async (s) => {
        const a = await simulate(s);
        const b = await simulate(s);
        expect(b.result.traceHash).toBe(a.result.traceHash);
        expect(b.result.digest).toBe(a.result.digest);
        expect(b.trace!.toJSONL()).toBe(a.trace!.toJSONL());
      }),
      { numRuns: 25 },
    );
  });

  it("determinism: a different seed gives a different trace", async () => {
    const [s] = fc.sample(arbitraryScenario({ faults: false }), { seed: 3, numRuns: 1 });
    const a = await run(s, { seed: 1 });
    const b = await run(s, { seed: 2 });
    expect(a.traceHash).not.toBe(b.traceHash);
  });

  it("determinism: the digest does not depend on the recording level", async () => {
    const [s] = fc.sample(arbitraryScenario(), { seed: 11, numRuns: 1 });
    const full = await run(s, { recording: "full" });
    const off = await run(s, { recording: "off" });
    expect(off.digest).toBe(full.digest);
    expect(off.traceHash).toBeNull();
  });

  it("determinism: a worker thread gives the same hashes as the main thread", async () => {
    const samples = fc.sample(arbitraryScenario(), { seed: 42, numRuns: 3 });
    for (const s of samples) {
      const here = await run(s);
      const there = await runInWorker(s);
      expect(there).toEqual({ traceHash: here.traceHash, digest: here.digest });
    }
  });
});
