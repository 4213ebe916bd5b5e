import { describe, expect, it } from "vitest";
import { applySetsToObject } from "./apply-sets";

describe("overrides on typed scenarios", () => {
  it("sets: paths reach into lists and objects, values are JSON when they parse", () => {
    const s = { processes: [{ config: { rate: 10, targets: ["a"] } }], seed: 1 };
    expect(applySetsToObject(s, ["processes.0.config.rate=40", "processes.0.config.strategy=least-connections", "seed=\"x\""])).toEqual([]);
    expect(s).toEqual({ processes: [{ config: { rate: 40, targets: ["a"], strategy: "least-connections" } }], seed: "x" });
  });

  it("sets: a bad override says what is wrong and what would be right", () => {
    const s = { a: 1 };
    expect(applySetsToObject(s, ["nonsense"])[0].message).toMatch(/not path=value/);
    expect(applySetsToObject(s, ["a.b.c=1"])[0].message).toMatch(/a is not a mapping or list/);
  });
});
