import { describe, expect, test } from "vitest";
import { crc32 } from "../hash/crc32";
import type { Instance } from "../strategy";
import { numbered, withDown } from "../test-instances";
import { buildKetamaRing, createKetama, POINTS_PER_WEIGHT, serverPoints, splitServer } from "./ketama";

/** The owner of `key` found by brute force over every point: the oracle for the ring lookup. */
function oracle(list: readonly Instance[], key: string): string {
  const h = crc32(key);
  let best: { hash: number; id: string } | undefined;
  let lowest: { hash: number; id: string } | undefined;
  for (const inst of list) {
    for (const p of serverPoints(inst.address, inst.weight)) {
      if (p >= h && (best === undefined || p < best.hash)) best = { hash: p, id: inst.id };
      if (lowest === undefined || p < lowest.hash) lowest = { hash: p, id: inst.id };
    }
  }
  return (best ?? lowest)!.id;
}

const keys = Array.from({ length: 20000 }, (_, i) => `user-${i}`);

describe("ketama", () => {
  test("ketama: server names split into host and port as nginx splits them", () => {
    expect(splitServer("10.0.0.1:80")).toEqual({ host: "10.0.0.1", port: "80" });
    expect(splitServer("n1/api")).toEqual({ host: "n1/api", port: "" });
    expect(splitServer("unix:/tmp/app.sock")).toEqual({ host: "/tmp/app.sock", port: "" });
    expect(splitServer("backend:http")).toEqual({ host: "backend:http", port: "" });
  });

  test("ketama: points are crc32(host NUL port, previous point as 4 little-endian bytes)", () => {
    // Independently: zlib.crc32(b"10.0.0.1\x0080" + b"\0\0\0\0") = 0xa2ad5d56, and
    // zlib.crc32(b"10.0.0.1\x0080" + struct.pack("<I", 0xa2ad5d56)) = 0x0bdeb0ab.
    const pts = serverPoints("10.0.0.1:80", 1);
    expect(pts.length).toBe(POINTS_PER_WEIGHT);
    expect(pts[0]).toBe(0xa2ad5d56);
    expect(pts[1]).toBe(0x0bdeb0ab);
    expect(serverPoints("10.0.0.1:80", 3).length).toBe(3 * POINTS_PER_WEIGHT);
  });

  test("ketama: the ring holds 160 x weight points per server, sorted", () => {
    const ring = buildKetamaRing(numbered(4));
    expect(ring.hashes.length).toBe(4 * POINTS_PER_WEIGHT);
    for (let i = 1; i < ring.hashes.length; i++) expect(ring.hashes[i]).toBeGreaterThan(ring.hashes[i - 1]);
  });

  test("ketama: a key goes to the first point clockwise from crc32(key)", () => {
    const list = numbered(5);
    const s = createKetama();
    const wrong = keys.slice(0, 300).filter((key) => s.pick(list, { now: 0, key })?.id !== oracle(list, key));
    expect(wrong).toEqual([]);
  });

  test("ketama: removing one of 5 servers moves only its keys, about 1/5 of them", () => {
    const list = numbered(5);
    const s = createKetama();
    const before = keys.map((key) => s.pick(list, { now: 0, key })!.id);
    const smaller = list.filter((i) => i.id !== "s2");
    const after = keys.map((key) => s.pick(smaller, { now: 0, key })!.id);
    let moved = 0;
    let movedFromOthers = 0;
    for (let i = 0; i < keys.length; i++) {
      if (before[i] === after[i]) continue;
      moved++;
      if (before[i] !== "s2") movedFromOthers++;
    }
    expect(movedFromOthers).toBe(0);
    const fraction = moved / keys.length;
    expect(fraction).toBeGreaterThan(0.12);
    expect(fraction).toBeLessThan(0.28);
  });

  test("ketama: a down server's keys go to the next point clockwise, exactly as if it were removed", () => {
    const list = numbered(5);
    const s = createKetama();
    const down = withDown(list, "s2");
    const removed = list.filter((i) => i.id !== "s2");
    const rebuilt = createKetama();
    const differ = keys.filter((key) => s.pick(down, { now: 0, key })?.id !== rebuilt.pick(removed, { now: 0, key })?.id);
    expect(differ).toEqual([]);
  });

  test("ketama: hashes the uri or the source IP when configured to", () => {
    const list = numbered(5);
    expect(createKetama({ key: "uri" }).pick(list, { now: 0, uri: "/x", key: "ignored" })?.id).toBe(oracle(list, "/x"));
    expect(createKetama({ key: "source-ip" }).pick(list, { now: 0, sourceIp: "10.1.2.3" })?.id).toBe(oracle(list, "10.1.2.3"));
  });

  test("ketama: nothing usable gives undefined", () => {
    expect(createKetama().pick([], { now: 0, key: "k" })).toBeUndefined();
    expect(createKetama().pick(withDown(numbered(2), "s0", "s1"), { now: 0, key: "k" })).toBeUndefined();
  });
});
