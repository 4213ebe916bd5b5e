import { describe, expect, test } from "vitest";
import type { Instance, PickRequest, Strategy } from "./strategy";
import { createKetama } from "./strategies/ketama";
import { createMaglev } from "./strategies/maglev";
import { createSourceHash } from "./strategies/source-hash";
import { createUriHash } from "./strategies/uri-hash";
import { createWeightedSourceHash } from "./strategies/weighted-source-hash";
import { numbered } from "./test-instances";

/** The fraction of requests whose instance changes when `s5` of s0..s5 is removed. */
function movedOnRemoval(make: () => Strategy, request: (i: number) => PickRequest, n = 20000): number {
  const full = numbered(6);
  const smaller: Instance[] = full.slice(0, 5);
  const a = make();
  const b = make();
  let moved = 0;
  for (let i = 0; i < n; i++) if (a.pick(full, request(i))?.id !== b.pick(smaller, request(i))?.id) moved++;
  return moved / n;
}

const byUri = (i: number): PickRequest => ({ now: 0, uri: `/item/${i}`, key: `/item/${i}` });
const byIp = (i: number): PickRequest => ({ now: 0, sourceIp: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });

// Removing one of six instances must move at least the 1/6 of keys it owned. Map-based hashing
// changes its modulus from 6 to 5 and so moves about 5/6 of all keys; consistent hashing moves
// little more than the removed instance's share.
describe("hash disruption on membership change", () => {
  test("disruption: HAProxy map-based uri-hash remaps most keys (about 5/6)", () => {
    const f = movedOnRemoval(() => createUriHash(), byUri);
    expect(f).toBeGreaterThan(0.75);
    expect(f).toBeLessThan(0.9);
  });

  test("disruption: HAProxy map-based source-hash remaps most clients too", () => {
    expect(movedOnRemoval(() => createSourceHash(), byIp)).toBeGreaterThan(0.75);
  });

  test("disruption: IPVS sh redeals its 256 buckets and remaps most clients", () => {
    expect(movedOnRemoval(() => createWeightedSourceHash(), byIp)).toBeGreaterThan(0.6);
  });

  test("disruption: ketama moves only the removed server's share (about 1/6)", () => {
    const f = movedOnRemoval(() => createKetama(), byUri);
    expect(f).toBeGreaterThan(0.1);
    expect(f).toBeLessThan(0.25);
  });

  test("disruption: maglev moves about 1/6, a little over the removed backend's slots", () => {
    const f = movedOnRemoval(() => createMaglev(), byUri);
    expect(f).toBeGreaterThan(1 / 6 - 0.02);
    expect(f).toBeLessThan(1 / 6 + 0.03);
  });
});
