import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { inputFromFile } from "./regression-file";
import { defect, runTarget } from "./targets";

const DIR = new URL("./regressions/", import.meta.url);
const FILES = readdirSync(DIR).filter((f) => /\.(loader\.yaml|\w+\.json)$/.test(f)).sort();

// Every input the fuzzer (or a person) ever found breaking a reader, kept as a file: each must
// now be rejected cleanly, with catalogued codes, quickly.
describe("fuzz regressions", () => {
  test("the folder holds the known ones", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(7);
  });
  test.each(FILES)("%s: a clean rejection, with catalogued codes, in under 5 s", async (name) => {
    const input = inputFromFile(name, readFileSync(new URL(name, DIR), "utf8"));
    const started = performance.now();
    const outcome = await runTarget(input);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(defect(outcome)).toBeUndefined();
    expect(outcome.accepted).toBe(false);
    expect(outcome.codes.length).toBeGreaterThan(0);
  });
  test("nesting far past the limit is CS003 before the parser sees it, not a stack overflow", async () => {
    const input = inputFromFile("x.loader.yaml", readFileSync(new URL("nesting-2000-flow-maps.loader.yaml", DIR), "utf8"));
    const outcome = await runTarget(input);
    expect(outcome.codes).toEqual(["CS003"]);
  });
});
