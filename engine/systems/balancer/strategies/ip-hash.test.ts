import { describe, expect, test } from "vitest";
import { instances, pickIds, withDown } from "../test-instances";
import { createIpHash, ipHashBytes, ipHashStep } from "./ip-hash";

// Hand computations with nginx's rule h = (h * 113 + b) % 6271 from h = 89 over the first three
// octets:
//   192.168.1.x: 89*113+192 = 10249 % 6271 = 3978; 3978*113+168 = 449682 % 6271 = 4441;
//                4441*113+1 = 501834 % 6271 = 154.  Second round from 154: 5052, 383, 5654.
//   10.0.0.x:    89*113+10 = 10067 % 6271 = 3796; 3796*113+0 = 428948 % 6271 = 2520;
//                2520*113+0 = 284760 % 6271 = 2565.
//   172.16.5.x:  89*113+172 = 10229 % 6271 = 3958; 3958*113+16 = 447270 % 6271 = 2029;
//                2029*113+5 = 229282 % 6271 = 3526.
//   no IPv4:     bytes 0,0,0: 10057 % 6271 = 3786; 427818 % 6271 = 1390; 157070 % 6271 = 295.
describe("ip-hash", () => {
  test("ip-hash: the hash of a /24 follows nginx's arithmetic", () => {
    expect(ipHashStep(89, ipHashBytes("192.168.1.10"))).toBe(154);
    expect(ipHashStep(154, ipHashBytes("192.168.1.10"))).toBe(5654);
    expect(ipHashStep(89, ipHashBytes("10.0.0.7"))).toBe(2565);
    expect(ipHashStep(89, ipHashBytes("172.16.5.4"))).toBe(3526);
    expect(ipHashStep(89, ipHashBytes(undefined))).toBe(295);
  });

  test("ip-hash: three equal peers: 154 % 3 = 1 -> b, 2565 % 3 = 0 -> a, 3526 % 3 = 1 -> b", () => {
    const s = createIpHash();
    const list = instances("a", "b", "c");
    expect(s.pick(list, { now: 0, sourceIp: "192.168.1.10" })?.id).toBe("b");
    expect(s.pick(list, { now: 0, sourceIp: "10.0.0.7" })?.id).toBe("a");
    expect(s.pick(list, { now: 0, sourceIp: "172.16.5.4" })?.id).toBe("b");
    expect(s.pick(list, { now: 0 })?.id).toBe("b");
  });

  test("ip-hash: only the first three octets count, so a whole /24 shares a peer", () => {
    const s = createIpHash();
    const list = instances("a", "b", "c");
    expect(s.pick(list, { now: 0, sourceIp: "10.0.0.200" })?.id).toBe(s.pick(list, { now: 0, sourceIp: "10.0.0.7" })?.id);
  });

  test("ip-hash: weights {a:2,b:1,c:1} walk the weights: 154 % 4 = 2 -> b, 2565 % 4 = 1 -> a", () => {
    const s = createIpHash();
    const list = instances({ a: 2, b: 1, c: 1 });
    expect(s.pick(list, { now: 0, sourceIp: "192.168.1.10" })?.id).toBe("b");
    expect(s.pick(list, { now: 0, sourceIp: "10.0.0.7" })?.id).toBe("a");
  });

  test("ip-hash: a down peer's clients rehash (5654 % 3 = 2 -> c) while the others stay put", () => {
    const s = createIpHash();
    const list = withDown(instances("a", "b", "c"), "b");
    expect(s.pick(list, { now: 0, sourceIp: "192.168.1.10" })?.id).toBe("c");
    expect(s.pick(list, { now: 0, sourceIp: "10.0.0.7" })?.id).toBe("a");
  });

  test("ip-hash: a tried peer is rehashed away from, like a down one", () => {
    const s = createIpHash();
    expect(s.pick(instances("a", "b", "c"), { now: 0, sourceIp: "192.168.1.10", tried: new Set(["b"]) })?.id).toBe("c");
  });

  test("ip-hash: after 21 rounds landing on unusable peers it falls back to round robin", () => {
    // Weight 1000 of 1002 is a's: the first 21 hashes of 192.168.1.x mod 1002 are all below 1000
    // (154, 644, 194, ..., 993), so every round lands on a, which is down; round robin over b
    // and c takes over and alternates for the same client.
    const s = createIpHash();
    const list = withDown(instances({ a: 1000, b: 1, c: 1 }), "a");
    expect(pickIds(s, list, 3, { sourceIp: "192.168.1.10" })).toEqual(["b", "c", "b"]);
  });

  test("ip-hash: with a single peer it uses round robin, and nothing usable gives undefined", () => {
    const s = createIpHash();
    expect(s.pick(instances("a"), { now: 0, sourceIp: "1.2.3.4" })?.id).toBe("a");
    expect(s.pick(withDown(instances("a", "b"), "a", "b"), { now: 0, sourceIp: "1.2.3.4" })).toBeUndefined();
    expect(s.pick([], { now: 0, sourceIp: "1.2.3.4" })).toBeUndefined();
  });
});
