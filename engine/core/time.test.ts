import { describe, expect, it } from "vitest";
import { formatMicros, parseDuration, MS, SECOND } from "./time";

describe("time", () => {
  it("time: durations parse from microseconds or from text with units", () => {
    expect(parseDuration(1500)).toBe(1500);
    expect(parseDuration("250ms")).toBe(250 * MS);
    expect(parseDuration("1m30s")).toBe(90 * SECOND);
    expect(parseDuration(" 1.5s ")).toBe(1.5 * SECOND);
    expect(parseDuration("500us")).toBe(500);
    expect([parseDuration("5 sec"), parseDuration(""), parseDuration(-1), parseDuration({})]).toEqual([null, null, null, null]);
  });

  it("time: microseconds print in the largest fitting unit", () => {
    expect([formatMicros(12), formatMicros(250 * MS), formatMicros(1.5 * SECOND), formatMicros(120 * SECOND)]).toEqual(["12us", "250ms", "1.5s", "2m"]);
  });
});
