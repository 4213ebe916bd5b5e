import { describe, expect, test } from "vitest";
import { parseDuration, parsePpm, parseRate, parseRatio } from "./units";
import { MINUTE, MS, SECOND } from "../engine/core/time";

describe("units: durations", () => {
  test.each([
    ["500us", 500],
    ["500µs", 500],
    ["250ms", 250 * MS],
    ["2s", 2 * SECOND],
    ["1m", MINUTE],
    ["1h", 60 * MINUTE],
    ["1m30s", 90 * SECOND],
    ["1.5s", 1_500_000],
    [" 10ms ", 10_000],
    ["0.0004ms", 0],
    ["1.0006ms", 1001],
  ])("%s is %d microseconds", (text, micros) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: micros });
  });

  test("durations: 0 may be written without a unit", () => {
    expect(parseDuration(0)).toEqual({ ok: true, value: 0 });
  });

  test("durations: a plain number is refused with both likely units suggested", () => {
    const r = parseDuration(5);
    expect(r).toMatchObject({ ok: false, suggestion: 'write "5ms" or "5s"' });
    expect(r.ok || r.message).toMatch(/needs a unit/);
  });

  test("durations: a number in a string without a unit is refused", () => {
    expect(parseDuration("250")).toMatchObject({ ok: false, suggestion: 'write "250ms" or "250s"' });
  });

  test.each([
    ["5sec", '"5s"'],
    ["5 seconds", '"5s"'],
    ["2mins", '"2m"'],
    ["10 ms", '"10ms"'],
    [".5s", '"0.5s"'],
    ["3msec", '"3ms"'],
    ["1hr", '"1h"'],
  ])("durations: %s suggests %s", (text, fix) => {
    const r = parseDuration(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.suggestion).toBe(`did you mean ${fix}?`);
  });

  test("durations: negative only where allowed (clock skew)", () => {
    expect(parseDuration("-5ms").ok).toBe(false);
    expect(parseDuration("-5ms", { signed: true })).toEqual({ ok: true, value: -5000 });
  });

  test("durations: garbage, empty text and non-strings are refused with the expected form", () => {
    for (const bad of ["", "fast", "5ms!", "1e3ms", true, null, [1], { a: 1 }]) {
      const r = parseDuration(bad);
      expect(r.ok, String(bad)).toBe(false);
    }
  });

  test("durations: a value too long to count in microseconds is refused, not rounded into nonsense", () => {
    expect(parseDuration("99999999999999999h").ok).toBe(false);
  });
});

describe("units: rates", () => {
  test.each([
    ["100/s", 100],
    ["6000/m", 100],
    ["36000/h", 10],
    ["0.5/s", 0.5],
    ["100 / s", 100],
  ])("%s is %d per second", (text, perSecond) => {
    expect(parseRate(text)).toEqual({ ok: true, value: perSecond });
  });

  test("rates: plain numbers are refused with a unit suggested, except 0", () => {
    expect(parseRate(100)).toMatchObject({ ok: false, suggestion: 'write "100/s"' });
    expect(parseRate("100")).toMatchObject({ ok: false, suggestion: 'write "100/s"' });
    expect(parseRate(0)).toEqual({ ok: true, value: 0 });
  });

  test.each([
    ["100/sec", '"100/s"'],
    ["100/min", '"100/m"'],
    ["100rps", '"100/s"'],
    ["100 qps", '"100/s"'],
  ])("rates: %s suggests %s", (text, fix) => {
    const r = parseRate(text);
    expect(!r.ok && r.suggestion).toBe(`did you mean ${fix}?`);
  });
});

describe("units: ratios", () => {
  test.each([
    ["1%", 0.01],
    ["0.5%", 0.005],
    ["7%", 0.07],
    ["100%", 1],
    [0.01, 0.01],
    [0, 0],
    [1, 1],
  ])("%s is %d", (input, ratio) => {
    expect(parseRatio(input)).toEqual({ ok: true, value: ratio });
  });

  test("ratios: a number above 1 suggests it was meant as a percentage", () => {
    expect(parseRatio(5)).toMatchObject({ ok: false, suggestion: 'did you mean "5%"?' });
  });

  test("ratios: above 100% and negative numbers are refused", () => {
    expect(parseRatio("150%").ok).toBe(false);
    expect(parseRatio(-0.1).ok).toBe(false);
    expect(parseRatio("ten percent").ok).toBe(false);
  });
});

describe("units: drift", () => {
  test("drift: ppm as a number or with the unit, either sign", () => {
    expect(parsePpm(50)).toEqual({ ok: true, value: 50 });
    expect(parsePpm("50ppm")).toEqual({ ok: true, value: 50 });
    expect(parsePpm("-20 ppm")).toEqual({ ok: true, value: -20 });
    expect(parsePpm("50%").ok).toBe(false);
  });
});
