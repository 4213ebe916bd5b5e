import { describe, expect, test } from "vitest";
import { murmur3 } from "./murmur3";

// Published MurmurHash3_x86_32 test vectors (the ones circulated with the reference code).
describe("murmur3", () => {
  test("murmur3: empty input with seeds 0, 1 and 0xffffffff", () => {
    expect(murmur3("", 0)).toBe(0);
    expect(murmur3("", 1)).toBe(0x514e28b7);
    expect(murmur3("", 0xffffffff)).toBe(0x81f16f39);
  });

  test("murmur3: four zero bytes with seed 0 is 0x2362F9DE", () => {
    expect(murmur3(new Uint8Array(4), 0)).toBe(0x2362f9de);
  });

  test("murmur3: strings with seed 0x9747b28c, covering whole blocks and tails", () => {
    expect(murmur3("aaaa", 0x9747b28c)).toBe(0x5a97808a);
    expect(murmur3("Hello, world!", 0x9747b28c)).toBe(0x24884cba);
    expect(murmur3("The quick brown fox jumps over the lazy dog", 0x9747b28c)).toBe(0x2fa826cd);
  });
});
