import { describe, expect, it } from "vitest";
import { formatExact, formatTime, parseTime } from "./format-time";

describe("time formatting", () => {
  it("format: picks the unit and the digits from the scale", () => {
    expect(formatTime(2_345_678)).toBe("2.345678 s");
    expect(formatTime(2_000_000, 1_000_000)).toBe("2 s");
    expect(formatTime(2_500_000, 100_000)).toBe("2.5 s");
    expect(formatTime(12_500, 100)).toBe("12.5 ms");
    expect(formatTime(830)).toBe("830 µs");
    expect(formatExact(1_500)).toBe("0.001500 s");
  });

  it("parse: reads seconds, milliseconds and microseconds, and rejects the rest", () => {
    expect(parseTime("2.5s")).toBe(2_500_000);
    expect(parseTime(" 250 ms ")).toBe(250_000);
    expect(parseTime("800us")).toBe(800);
    expect(parseTime("800µs")).toBe(800);
    expect(parseTime("1200")).toBe(1200);
    expect(parseTime("2 minutes")).toBeNull();
    expect(parseTime("")).toBeNull();
  });
});
