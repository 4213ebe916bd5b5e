import { describe, expect, it } from "vitest";
import { describeFault, parseSeed, parseSets } from "./inputs";

describe("what people type", () => {
  it("seeds: integers become numbers, anything else stays a string seed, blank means the scenario's", () => {
    expect(parseSeed(" 42 ")).toBe(42);
    expect(parseSeed("-3")).toBe(-3);
    expect(parseSeed("nightly-7")).toBe("nightly-7");
    expect(parseSeed("  ")).toBeUndefined();
  });

  it("overrides: one a line or separated by semicolons, blanks dropped", () => {
    expect(parseSets("a=1\n\n b=2 ; c=x")).toEqual(["a=1", "b=2", "c=x"]);
  });

  it("faults read as phrases with their time and duration", () => {
    expect(describeFault({ at: 2_300_000, action: "crash", node: "s1", duration: 1_000_000 })).toBe("crash s1 at 2.300000 s for 1.000000 s");
    expect(describeFault({ at: 500, action: "cut", from: "a", to: "b" })).toBe("cut a → b at 500 µs");
    expect(describeFault({ at: 0, action: "heal" })).toBe("heal at 0 µs");
  });
});
