import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseSeed, parseSeeds, parseShard, parseTimeout } from "./flag-values";
import { expandPaths, isScenarioFileName } from "./expand-paths";
import { shellWord, replayPrefix } from "./run-file";
import { worstExit } from "./exit-codes";

describe("flag values", () => {
  it("seeds: ranges, lists and single seeds, mixed", () => {
    expect(parseSeeds("1..3")).toEqual([1, 2, 3]);
    expect(parseSeeds("1..3,10, 12")).toEqual([1, 2, 3, 10, 12]);
    expect(parseSeeds("7")).toEqual([7]);
    expect(() => parseSeeds("1..x")).toThrow(/"1..x" is not a seed or a range/);
    expect(() => parseSeeds("1..200000")).toThrow(/more than 100000 seeds/);
  });

  it("seed: digits are a number seed, anything else a string seed", () => {
    expect(parseSeed("42")).toBe(42);
    expect(parseSeed("nightly")).toBe("nightly");
  });

  it("shard: i/n with i from 1 to n", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(() => parseShard("0/4")).toThrow(/i must be from 1 to n/);
    expect(() => parseShard("2-4")).toThrow(/expected i\/n/);
  });

  it("timeout: a duration in milliseconds, 60s by default, 0 for none", () => {
    expect(parseTimeout(undefined)).toBe(60_000);
    expect(parseTimeout("1m30s")).toBe(90_000);
    expect(parseTimeout("0")).toBe(0);
    expect(() => parseTimeout("fast")).toThrow(/--timeout fast/);
  });

  it("exit codes: internal beats bad input beats failed beats ok", () => {
    expect(worstExit(0, 1, 0)).toBe(1);
    expect(worstExit(1, 2, 1)).toBe(2);
    expect(worstExit(2, 3, 1)).toBe(3);
    expect(worstExit()).toBe(0);
  });

  it("replay commands quote what a shell would split", () => {
    expect(shellWord("lib/2pc.yaml")).toBe("lib/2pc.yaml");
    expect(shellWord("my file.yaml")).toBe("'my file.yaml'");
    expect(replayPrefix("a.yaml", ["workload.rate=200/s", "expect.0=p99(latency) < 1s"])).toBe("clustersim replay a.yaml --set workload.rate=200/s --set 'expect.0=p99(latency) < 1s'");
  });
});

describe("expandPaths", () => {
  it("paths: directories become their scenario files, recursively and sorted; files stay; bases are skipped", () => {
    const dir = mkdtempSync(join(tmpdir(), "clustersim-paths-"));
    mkdirSync(join(dir, "lib", "deep"), { recursive: true });
    for (const f of ["lib/b.yaml", "lib/a.yml", "lib/_base.yaml", "lib/schema.json", "lib/notes.md", "lib/deep/c.json", "lib/.hidden.yaml", "solo.txt"]) writeFileSync(join(dir, f), "x");
    expect(expandPaths(["lib", "solo.txt", "lib/a.yml"], dir)).toEqual(["lib/a.yml", "lib/b.yaml", "lib/deep/c.json", "solo.txt"]);
    expect(() => expandPaths(["missing"], dir)).toThrow(/cannot read missing/);
  });

  it("paths: what counts as a scenario file name", () => {
    expect(["a.yaml", "a.yml", "a.json"].every(isScenarioFileName)).toBe(true);
    expect(["_a.yaml", ".a.yaml", "a.schema.json", "package.json", "a.ts"].some(isScenarioFileName)).toBe(false);
  });
});
