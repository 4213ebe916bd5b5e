import { describe, expect, it } from "vitest";
import { jsonReport, jsonSuite, stableStringify, RESULT_KEY_ORDER } from "./json";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";
import { quietRun } from "./fixtures/quiet-run";
import type { RunResult } from "../engine/result";

/** Reverses the key order of every object, to show the output does not depend on it. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).reverse()) out[k] = reversed((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

describe("json report", () => {
  it("json: parses back to the full result", () => {
    const { result } = twoPhaseCommitRun();
    expect(JSON.parse(jsonReport(result))).toEqual(result);
  });

  it("json: the same result in any key order gives the same bytes", () => {
    const { result } = twoPhaseCommitRun();
    expect(jsonReport(reversed(result) as RunResult)).toBe(jsonReport(result));
  });

  it("json: top-level keys follow the documented order, nested keys are sorted", () => {
    const { result } = twoPhaseCommitRun();
    const parsed = JSON.parse(jsonReport(result)) as Record<string, Record<string, unknown>>;
    expect(Object.keys(parsed)).toEqual(RESULT_KEY_ORDER);
    const statKeys = Object.keys(parsed.stats);
    expect(statKeys).toEqual([...statKeys].sort());
  });

  it("json: unknown top-level keys come after the known ones, sorted", () => {
    const text = stableStringify({ zeta: 1, alpha: 2, seed: 3, scenario: "s" }, RESULT_KEY_ORDER);
    expect(Object.keys(JSON.parse(text))).toEqual(["scenario", "seed", "alpha", "zeta"]);
  });

  it("json: non-finite numbers become null and undefined fields are left out", () => {
    expect(stableStringify({ a: Number.NaN, b: undefined, c: [Infinity] }, undefined, 0)).toBe('{"a":null,"c":[null]}');
  });

  it("json: a suite is an array in the given order", () => {
    const runs = [quietRun("b", 2).result, quietRun("a", 1).result];
    const parsed = JSON.parse(jsonSuite(runs)) as RunResult[];
    expect(parsed.map((r) => r.scenario)).toEqual(["b", "a"]);
    expect(parsed[0]).toEqual(runs[0]);
  });
});
