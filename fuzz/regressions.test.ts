import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseSource } from "../scenarios/source/parse-source";
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
  // CPU time, as the campaign judges near-hangs: on a loaded machine a wall second is a fraction of a CPU second.
  test.each(FILES)("%s: a clean rejection, with catalogued codes, in under 5 s of CPU", async (name) => {
    const input = inputFromFile(name, readFileSync(new URL(name, DIR), "utf8"));
    const started = process.cpuUsage();
    const outcome = await runTarget(input);
    const cpu = process.cpuUsage(started);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(5_000);
    expect(defect(outcome)).toBeUndefined();
    expect(outcome.accepted).toBe(false);
    expect(outcome.codes.length).toBeGreaterThan(0);
  });
  test("nesting far past the limit is CS003 before the parser sees it, not a stack overflow", async () => {
    const input = inputFromFile("x.loader.yaml", readFileSync(new URL("nesting-2000-flow-maps.loader.yaml", DIR), "utf8"));
    const outcome = await runTarget(input);
    expect(outcome.codes).toEqual(["CS003"]);
  });
  test("100,001 aliases in one list are CS003 before the parser sees them (parsing them took 1.5-2.2 s of CPU)", () => {
    const r = parseSource(readFileSync(new URL("aliases-100001-in-one-list.loader.yaml", DIR), "utf8"), "x.yaml");
    expect(r.ok ? [] : r.errors.map((e) => `${e.code} ${e.message}`)).toEqual(["CS003 the document uses more than 100000 aliases; it would expand to more than 100000 values"]);
  });
});
