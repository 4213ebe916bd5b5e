import { describe, expect, test } from "vitest";
import { intIn, resolveOptions } from "./options";

const DEFAULTS = { size: 3, mode: "a" };

describe("options", () => {
  test("options: missing or undefined values take the defaults", () => {
    expect(resolveOptions("x", undefined, DEFAULTS)).toEqual(DEFAULTS);
    expect(resolveOptions("x", { size: undefined, mode: "b" }, DEFAULTS)).toEqual({ size: 3, mode: "b" });
  });

  test("options: the result is a copy, so later edits cannot reach the defaults", () => {
    const out = resolveOptions("x", {}, DEFAULTS);
    out.size = 9;
    expect(DEFAULTS.size).toBe(3);
  });

  test("options: rejects a non-object, a wrong type and a failed check, naming the strategy", () => {
    expect(() => resolveOptions("x", [] as never, DEFAULTS)).toThrow(/^x: options must be an object/);
    expect(() => resolveOptions("x", { size: "3" }, DEFAULTS)).toThrow('x: option "size" must be a number (default 3), got "3".');
    expect(() => resolveOptions("x", { size: 0 }, DEFAULTS, { size: intIn(1, 5) })).toThrow('x: option "size" is 0; it must be an integer from 1 to 5.');
  });
});
