import { describe, expect, it } from "vitest";
import { murmur2, partitionForKey } from "./partitioner";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("partitioner", () => {
  it("murmur2: matches Kafka's UtilsTest.testMurmur2 vectors", () => {
    expect(murmur2(bytes("21"))).toBe(-973932308);
    expect(murmur2(bytes("foobar"))).toBe(-790332482);
    expect(murmur2(bytes("a-little-bit-long-string"))).toBe(-985981536);
    expect(murmur2(bytes("a-little-bit-longer-string"))).toBe(-1486304829);
    expect(murmur2(bytes("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"))).toBe(-58897971);
    expect(murmur2(new Uint8Array([97, 98, 99]))).toBe(479470107);
  });

  it("partitionForKey: toPositive(murmur2) modulo the partition count, stable per key", () => {
    expect(partitionForKey("21", 16)).toBe((-973932308 & 0x7fffffff) % 16);
    expect(partitionForKey("foobar", 7)).toBe((-790332482 & 0x7fffffff) % 7);
    for (const k of ["k0", "k1", "k2", "k3"]) expect(partitionForKey(k, 3)).toBe(partitionForKey(k, 3));
  });
});
