import { describe, expect, it } from "vitest";
import { firstDivergence } from "./first-divergence";
import { LineText } from "../trace/line-text";

function lines(ls: string[]) {
  const t = new LineText();
  ls.forEach((l) => t.push(l));
  return { count: ls.length, ...t.finish() };
}

describe("divergence finder", () => {
  it("divergence: identical traces do not diverge", () => {
    const a = lines(["a", "b", "ç"]);
    expect(firstDivergence(a, lines(["a", "b", "ç"]), [0, 1, 2], [0, 1, 2])).toBeNull();
  });

  it("divergence: finds the first line that differs, even by one byte of the same length", () => {
    const a = lines(['{"t":1}', '{"t":2,"k":"x"}', '{"t":3}']);
    const b = lines(['{"t":1}', '{"t":2,"k":"y"}', '{"t":3}']);
    expect(firstDivergence(a, b, [1, 2, 3], [1, 2, 3])).toEqual({ index: 1, tA: 2, tB: 2 });
  });

  it("divergence: a trace that is a prefix of the other diverges where it ends", () => {
    const a = lines(["a", "b"]);
    const b = lines(["a", "b", "c"]);
    expect(firstDivergence(a, b, [0, 5], [0, 5, 9])).toEqual({ index: 2, tA: null, tB: 9 });
    expect(firstDivergence(b, a, [0, 5, 9], [0, 5])).toEqual({ index: 2, tA: 9, tB: null });
  });
});
