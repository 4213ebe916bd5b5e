import { describe, expect, test } from "vitest";
import { instances, withDown } from "../test-instances";
import { createSourceHash } from "./source-hash";

// 10.0.0.7 is 0x0A000007 = 167772167; 167772167 % 3 = 2 and 167772167 % 2 = 1.
describe("source-hash", () => {
  test("source-hash: the client address modulo the map size picks the slot: 167772167 % 3 = 2 -> c", () => {
    expect(createSourceHash().pick(instances("a", "b", "c"), { now: 0, sourceIp: "10.0.0.7" })?.id).toBe("c");
  });

  test("source-hash: weights {a:2,b:1} make the map [a, a, b], so slot 2 is b", () => {
    expect(createSourceHash().pick(instances({ a: 2, b: 1 }), { now: 0, sourceIp: "10.0.0.7" })?.id).toBe("b");
  });

  test("source-hash: a down server shrinks the map to [b, c], and 167772167 % 2 = 1 -> c", () => {
    expect(createSourceHash().pick(withDown(instances("a", "b", "c"), "a"), { now: 0, sourceIp: "10.0.0.7" })?.id).toBe("c");
  });

  test("source-hash: a client without an IPv4 address hashes as 0, slot 0", () => {
    expect(createSourceHash().pick(instances("a", "b", "c"), { now: 0 })?.id).toBe("a");
  });

  test("source-hash: unlike ip_hash, the whole address counts", () => {
    const s = createSourceHash();
    const list = instances("a", "b", "c");
    // 10.0.0.8 = 167772168, % 3 = 0.
    expect(s.pick(list, { now: 0, sourceIp: "10.0.0.8" })?.id).toBe("a");
    expect(s.pick(list, { now: 0, sourceIp: "10.0.0.7" })?.id).toBe("c");
  });
});
