import { beforeAll, expect, test } from "vitest";
import { campaign } from "./campaign";
import type { Corpus } from "./inputs/corpus";
import { loadCorpus } from "./inputs/corpus";
import { describeInput } from "./regression-file";

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus();
});

// A few seconds of `npm run fuzz` on every test run: the same generators and judgement, a
// different seed each day, so the suite keeps looking without growing slower. A failure names
// the seed; `npm run fuzz -- --seed N` finds the input again and saves it as a regression file.
// The slice is 3 s of CPU, at most 40 s of wall: on a loaded machine 3 wall seconds were a few
// hundred CPU milliseconds, too few inputs to judge (it failed "expected 3 to be greater than 50").
test("fuzz slice: 3 s of every generator, no internal errors, every rejection catalogued", async () => {
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Date.now() / 86_400_000));
  const report = await campaign(corpus, { seed, cpuSeconds: 3, seconds: 40, fixed: false, slowMs: 5_000 });
  const found = report.defects.slice(0, 5).map((d) => `${d.why}\n  ${describeInput(d.input)}`);
  expect(found, `seed ${seed}`).toEqual([]);
  expect(report.inputs).toBeGreaterThan(50);
  expect(Object.values(report.byTarget).every((n) => n > 0), JSON.stringify(report.byTarget)).toBe(true);
});
