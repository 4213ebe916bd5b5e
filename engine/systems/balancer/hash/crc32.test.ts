import { describe, expect, test } from "vitest";
import { crc32, crc32Final, crc32Update, CRC32_INIT } from "./crc32";
import { utf8 } from "./utf8";

describe("crc32", () => {
  test("crc32: the standard check value of '123456789' is 0xCBF43926", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
  });

  test("crc32: the empty input hashes to 0", () => {
    expect(crc32("")).toBe(0);
  });

  test("crc32: 'The quick brown fox jumps over the lazy dog' is 0x414FA339", () => {
    expect(crc32("The quick brown fox jumps over the lazy dog")).toBe(0x414fa339);
  });

  test("crc32: updating in two parts equals hashing the whole, as ketama relies on", () => {
    const a = crc32Update(CRC32_INIT, utf8("12345"));
    expect(crc32Final(crc32Update(a, utf8("6789")))).toBe(0xcbf43926);
  });
});
