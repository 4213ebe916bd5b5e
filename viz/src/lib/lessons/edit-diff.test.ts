import { describe, expect, it } from "vitest";
import { changedPaths, pathAllowed, reviewEdit, applyEdits } from "./edit-diff";

describe("lesson edits", () => {
  it("edit: a changed option is one change at its path; comments and layout are none", () => {
    const a = "a: 1\nw:\n  config: { t: 200ms, r: 2 }\n";
    expect(changedPaths({ w: { config: { t: "200ms" } } }, { w: { config: { t: "300ms" } } })).toEqual(["w.config.t"]);
    expect(reviewEdit(a, "# a comment\na: 1\nw:\n  config:\n    t: 200ms\n    r: 2\n", ["w.**"], 1)).toMatchObject({ changed: [], ok: false });
  });

  it("edit: a whole added fault is one change; a second one is too many", () => {
    const start = "checks: [x]\n";
    expect(reviewEdit(start, "faults:\n  - { at: 1s, crash: c }\nchecks: [x]\n", ["faults"], 1)).toMatchObject({ changed: ["faults"], ok: true });
    const two = reviewEdit("faults: [{ at: 1s, crash: a }]\n", "faults: [{ at: 1s, crash: a }, { at: 2s, crash: b }, { at: 3s, crash: c }]\n", ["faults.*"], 1);
    expect(two).toMatchObject({ changed: ["faults.1", "faults.2"], tooMany: true, ok: false });
  });

  it("edit: a change outside what the exercise allows is named", () => {
    const r = reviewEdit("a: { b: 1 }\nc: 2\n", "a: { b: 2 }\nc: 3\n", ["a.*"], 2);
    expect(r).toMatchObject({ outside: ["c"], ok: false });
  });

  it("edit: patterns: * is one segment, ** any depth, a pattern covers what is inside its key", () => {
    expect(pathAllowed("workload.*.profile", "workload.0.profile")).toBe(true);
    expect(pathAllowed("workload.*.profile", "workload.0.config")).toBe(false);
    expect(pathAllowed("w.**", "w.config.proxy.t")).toBe(true);
    expect(pathAllowed("faults", "faults.2.at")).toBe(true);
    expect(pathAllowed("w.proxy.*", "w.proxy")).toBe(false);
  });

  it("edit: unreadable YAML is refused, and an edit that finds nothing throws", () => {
    expect(reviewEdit("a: 1\n", "a: [\n", ["a"], 1)).toMatchObject({ unreadable: true, ok: false });
    expect(() => applyEdits("a: 1", [{ find: "b", replace: "c" }])).toThrow(/not in the scenario/);
    expect(applyEdits("a: 1 a: 1", [{ find: "a: 1", replace: "a: 2" }])).toBe("a: 2 a: 1");
  });
});
