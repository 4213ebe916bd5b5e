import { describe, expect, test } from "vitest";
import { ipv4Octets, ipv4ToUint32 } from "./ipv4";

describe("ipv4", () => {
  test("ipv4: parses a dotted quad into octets and a network-order integer", () => {
    expect(ipv4Octets("192.168.1.10")).toEqual([192, 168, 1, 10]);
    expect(ipv4ToUint32("192.168.1.10")).toBe(0xc0a8010a);
    expect(ipv4ToUint32("255.255.255.255")).toBe(0xffffffff);
  });

  test("ipv4: rejects what is not a plain IPv4 address", () => {
    for (const bad of ["1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "a.b.c.d", "", "::1"]) {
      expect(ipv4Octets(bad)).toBeUndefined();
    }
    expect(ipv4ToUint32(undefined)).toBeUndefined();
  });
});
