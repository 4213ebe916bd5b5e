import { describe, expect, it } from "vitest";
import { DURATION_PATTERN, formatMicros, parseDuration, MS, SECOND } from "./time";

describe("time", () => {
  it("time: durations parse from microseconds or from text with units", () => {
    expect(parseDuration(1500)).toBe(1500);
    expect(parseDuration("250ms")).toBe(250 * MS);
    expect(parseDuration("1m30s")).toBe(90 * SECOND);
    expect(parseDuration(" 1.5s ")).toBe(1.5 * SECOND);
    expect(parseDuration("500us")).toBe(500);
    expect([parseDuration("5 sec"), parseDuration("1 s"), parseDuration(""), parseDuration(-1), parseDuration({})]).toEqual([null, null, null, null, null]);
  });

  it("time: microseconds print in the largest fitting unit", () => {
    expect([formatMicros(12), formatMicros(250 * MS), formatMicros(1.5 * SECOND), formatMicros(120 * SECOND)]).toEqual(["12us", "250ms", "1.5s", "2m"]);
  });

  it("time: the exact style reads back to the same microsecond, and the parser accepts what the schema pattern accepts", () => {
    const samples = [0, 1, 1500, 250 * MS, 1_000_001, 2 * SECOND, 90 * SECOND, -5 * MS];
    expect(samples.map((t) => formatMicros(t, "exact"))).toEqual(["0", "1us", "1500us", "250ms", "1000001us", "2s", "90s", "-5ms"]);
    for (const t of samples.filter((t) => t > 0)) expect(parseDuration(formatMicros(t, "exact"))).toBe(t);
    const pattern = new RegExp(DURATION_PATTERN);
    for (const text of ["250ms", "1m30s", " 2h ", "0.5ms", "5 sec", "1 s", "2", "-5ms", ""]) expect(parseDuration(text) !== null).toBe(pattern.test(text));
  });
});
