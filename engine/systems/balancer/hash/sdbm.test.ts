import { describe, expect, test } from "vitest";
import { sdbm } from "./sdbm";

describe("sdbm", () => {
  test("sdbm: one byte hashes to itself", () => {
    expect(sdbm("a")).toBe(97);
  });

  test("sdbm: 'ab' is 98 + (97 << 6) + (97 << 16) - 97 = 6363201", () => {
    expect(sdbm("ab")).toBe(98 + 6208 + 6356992 - 97);
  });

  test("sdbm: stays an unsigned 32-bit value on long input", () => {
    const h = sdbm("/a/very/long/path/that/overflows/thirty/two/bits/many/times/over");
    expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
  });

  test("sdbm: a byte above 127 counts as a signed char, as on x86", () => {
    // 0xE9 is -23 as a signed char.
    expect(sdbm(new Uint8Array([0xe9]))).toBe((2 ** 32 - 23) >>> 0);
  });
});
