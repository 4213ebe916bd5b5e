import { expect, test } from "vitest";
import { closest, didYouMean, editDistance } from "./suggest";

test("suggest: edit distance counts inserts, deletes and substitutions", () => {
  expect(editDistance("duraton", "duration")).toBe(1);
  expect(editDistance("kitten", "sitting")).toBe(3);
  expect(editDistance("", "abc")).toBe(3);
  expect(editDistance("Nodes", "nodes")).toBe(0);
});

test("suggest: a misspelled key finds the key", () => {
  expect(didYouMean("duraton", ["name", "duration", "nodes"])).toBe('did you mean "duration"?');
  expect(closest("nodse", ["name", "nodes", "network"])).toBe("nodes");
});

test("suggest: nothing close gives no suggestion, rather than noise", () => {
  expect(closest("x", ["name", "nodes"])).toBeUndefined();
  expect(closest("zzzzzz", ["duration", "network"])).toBeUndefined();
});

test("suggest: ties go to the first candidate, so suggestions are stable", () => {
  expect(closest("n4", ["n1", "n2", "n3"])).toBe("n1");
});

test("suggest: a different case is the best suggestion", () => {
  expect(closest("Duration", ["durations", "duration"])).toBe("duration");
});

test("suggest: swapping two adjacent letters is one edit", () => {
  expect(editDistance("nodse", "nodes")).toBe(1);
  expect(editDistance("ab", "ba")).toBe(1);
});
