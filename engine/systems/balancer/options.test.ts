import { describe, expect, test } from "vitest";
import type { OptionTable } from "../../options/option-table";
import { SECOND } from "../../core/time";
import { readStrategyOptions, rejectOption } from "./options";
import { createMaglev } from "./strategies/maglev";
import { PASSIVE_HEALTH_DEFAULTS } from "./passive-health";

const TABLE = {
  size: { type: "int", default: 3, min: 1, max: 5, description: "A size." },
  mode: { type: "enum", default: "a", values: ["a", "b"], description: "A mode." },
  wait: { type: "duration", default: SECOND, description: "A wait." },
} as const satisfies OptionTable;

describe("strategy options", () => {
  test("strategy options: missing or undefined values take the table's defaults, and text with units is read", () => {
    expect(readStrategyOptions("x", undefined, TABLE)).toEqual({ size: 3, mode: "a", wait: SECOND });
    expect(readStrategyOptions("x", { size: undefined, mode: "b", wait: "250ms" }, TABLE)).toEqual({ size: 3, mode: "b", wait: 250_000 });
  });

  test("strategy options: rejects a non-object, an unknown key (with the nearest name), a wrong type and an out-of-range value, naming the strategy", () => {
    expect(() => readStrategyOptions("x", [] as never, TABLE)).toThrow(/^x: options must be an object/);
    expect(() => readStrategyOptions("x", { sise: 2 }, TABLE)).toThrow('x: unknown option "sise" (did you mean "size"?); valid options: size, mode, wait.');
    expect(() => readStrategyOptions("x", { size: "3" }, TABLE)).toThrow(/^x: size must be a whole number/);
    expect(() => readStrategyOptions("x", { size: 9 }, TABLE)).toThrow("x: size must be a whole number from 1 to 5, got 9");
    expect(() => readStrategyOptions("x", { z: 1 }, {})).toThrow('x: unknown option "z"; it takes no options.');
    expect(() => rejectOption("x", "size", 4, "it must be odd")).toThrow('x: option "size" is 4; it must be odd.');
  });

  test("strategy options: a strategy's own check runs after the table's (Maglev's table size must be prime)", () => {
    expect(() => createMaglev({ tableSize: 1000 })).toThrow(/maglev: option "tableSize" is 1000; it must be a prime/);
    expect(() => createMaglev({ tableSize: 5003 })).not.toThrow();
  });

  test("strategy options: passive health's defaults are nginx's max_fails=1 fail_timeout=10s and Envoy's outlier detection's", () => {
    expect(PASSIVE_HEALTH_DEFAULTS).toEqual({ mode: "nginx", maxFails: 1, failTimeout: 10 * SECOND, consecutiveFailures: 5, baseEjectionTime: 30 * SECOND, maxEjectionTime: 300 * SECOND, maxEjectionPercent: 10 });
  });
});
