import { describe, expect, test } from "vitest";
import { editDistance, nearest } from "./nearest";

describe("nearest", () => {
  test("nearest: edit distance counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  test("nearest: suggests a close candidate or a prefix, and nothing for a stranger", () => {
    expect(nearest("magelv", ["maglev", "ketama"])).toBe("maglev");
    expect(nearest("least", ["least-connections", "random"])).toBe("least-connections");
    expect(nearest("zookeeper", ["maglev", "ketama"])).toBeUndefined();
  });
});
