import { describe, expect, it } from "vitest";
import { SECOND } from "../../core/time";
import { createStream } from "../../core/streams";
import { RegistryState } from "./registry-state";
import { MemoryRegistryStore } from "./registry-store";
import { REGISTRY_PROFILES } from "./registry-profiles";
import type { InstanceInfo } from "./registry-types";
import type { RegistryServerOptions } from "./server-options";
import { routable } from "./routable";

const info = (id: string, dirty = 0, service = "api"): InstanceInfo => ({
  service, id, address: `${id}/app`, ip: "10.0.0.1", zone: "a", weight: 1, status: "UP", dirty,
});
const eureka = (over: Partial<RegistryServerOptions> = {}) =>
  new RegistryState({ ...REGISTRY_PROFILES.eureka.server, selfPreservation: false, ...over }, new MemoryRegistryStore(), 0);
const rng = () => createStream(1, "test");

describe("registry state: Eureka leases", () => {
  it("registry: a registered lease that is never renewed expires after one duration (90 s)", () => {
    const s = eureka();
    s.apply({ op: "register", info: info("a") }, 0);
    const r = s.store.get("api", "a")!;
    expect(s.isExpired(r, 90 * SECOND)).toBe(false);
    expect(s.isExpired(r, 90 * SECOND + 1)).toBe(true);
  });

  it("registry: a renewed lease expires two durations after the renewal (Lease.java's bug, 180 s)", () => {
    const s = eureka();
    s.apply({ op: "register", info: info("a") }, 0);
    s.apply({ op: "renew", service: "api", id: "a" }, 30 * SECOND);
    const r = s.store.get("api", "a")!;
    expect(s.isExpired(r, 210 * SECOND)).toBe(false);
    expect(s.isExpired(r, 210 * SECOND + 1)).toBe(true);
    const exact = eureka({ eurekaLeaseBug: false });
    exact.apply({ op: "register", info: info("a") }, 0);
    exact.apply({ op: "renew", service: "api", id: "a" }, 30 * SECOND);
    expect(exact.isExpired(exact.store.get("api", "a")!, 120 * SECOND + 1)).toBe(true);
  });

  it("registry: a status change to OUT_OF_SERVICE takes the instance out of what clients route to, and renews its lease", () => {
    const s = eureka();
    s.apply({ op: "register", info: info("a") }, 0);
    s.apply({ op: "register", info: info("b") }, 0);
    expect(s.apply({ op: "status", service: "api", id: "a", status: "OUT_OF_SERVICE", dirty: 5 }, 10 * SECOND).changed).toEqual(["api"]);
    expect(routable(s.snapshot("api", 10 * SECOND, "r")).map((i) => i.id)).toEqual(["b"]);
    expect(s.store.get("api", "a")!.lastUpdate).toBe(100 * SECOND); // statusUpdate calls lease.renew()
    expect(s.apply({ op: "status", service: "api", id: "x", status: "UP", dirty: 5 }, 0).found).toBe(false);
  });

  it("registry: a renew of an unknown instance answers not found", () => {
    const s = eureka();
    expect(s.apply({ op: "renew", service: "api", id: "x" }, 0)).toEqual({ found: false, changed: [] });
  });

  it("registry: the larger lastDirtyTimestamp wins a register, ties go to the incoming record", () => {
    const s = eureka();
    s.apply({ op: "register", info: { ...info("a", 50), weight: 5 } }, 0);
    s.apply({ op: "register", info: { ...info("a", 40), weight: 9 } }, 1);
    expect(s.store.get("api", "a")!.info.weight).toBe(5);
    s.apply({ op: "register", info: { ...info("a", 50), weight: 7 } }, 2);
    expect(s.store.get("api", "a")!.info.weight).toBe(7);
  });

  it("registry: one eviction run removes at most size - (int)(0.85 size) expired leases, chosen at random", () => {
    const picked = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const s = eureka();
      for (let i = 0; i < 20; i++) s.apply({ op: "register", info: info(`i${String(i).padStart(2, "0")}`) }, 0);
      for (let i = 10; i < 20; i++) s.apply({ op: "renew", service: "api", id: `i${i}` }, 60 * SECOND);
      const r = s.expire(100 * SECOND, createStream(seed, "evict"));
      expect(r.removed.length).toBe(3); // 10 expired, limit 20 - 17
      for (const x of r.removed) {
        expect(Number(x.info.id.slice(1))).toBeLessThan(10);
        picked.add(x.info.id);
      }
      expect(s.store.size()).toBe(17);
    }
    expect(picked.size).toBeGreaterThan(5); // the choice is random, not the first three
  });

  it("registry: self-preservation stops eviction while renewals are at or below the threshold", () => {
    const s = eureka({ selfPreservation: true });
    for (let i = 0; i < 10; i++) s.apply({ op: "register", info: info(`i${i}`) }, 0);
    expect(s.sp.expected).toBe(11); // 1 at start + 10 registrations
    expect(s.sp.threshold).toBe(18);
    for (let i = 0; i < 9; i++) { // one instance silent: 9 x 2 = 18 renewals in the minute
      s.apply({ op: "renew", service: "api", id: `i${i}` }, 61 * SECOND);
      s.apply({ op: "renew", service: "api", id: `i${i}` }, 91 * SECOND);
    }
    const r = s.expire(121 * SECOND, rng());
    expect(r.preserved).toBe(true); // 18 > 18 is false
    s.sp.recompute(s.store.size()); // the 15-minute update: 10 > 0.85 x 11
    expect(s.sp.threshold).toBe(17);
    for (let i = 0; i < 9; i++) {
      s.apply({ op: "renew", service: "api", id: `i${i}` }, 121 * SECOND);
      s.apply({ op: "renew", service: "api", id: `i${i}` }, 151 * SECOND);
    }
    const r2 = s.expire(181 * SECOND, rng());
    expect(r2.preserved).toBe(false);
    expect(r2.removed.map((x) => x.info.id)).toEqual(["i9"]);
    expect(s.sp.expected).toBe(9);
  });

  it("registry: a late eviction run adds Eureka's compensation time to the lease", () => {
    const s = eureka();
    s.apply({ op: "register", info: info("a") }, 0);
    s.expire(60 * SECOND, rng());
    s.apply({ op: "renew", service: "api", id: "a" }, 61 * SECOND); // expires after 241 s
    // The next run comes at 300 s (a paused server), 240 s after the last: compensation 180 s,
    // so the lease that would expire after 241 s holds until after 421 s.
    expect(s.expire(300 * SECOND, rng()).removed).toEqual([]);
  });
});

describe("registry state: Nacos health", () => {
  const nacos = () => new RegistryState(REGISTRY_PROFILES["nacos-ephemeral"].server, new MemoryRegistryStore(), 0);

  it("registry: a silent Nacos instance is unhealthy after 15 s and deleted after 30 s", () => {
    const s = nacos();
    s.apply({ op: "register", info: info("a") }, 0);
    expect(s.expire(15 * SECOND, rng()).marked).toEqual([]);
    expect(s.expire(15 * SECOND + 1, rng()).marked.map((r) => r.info.id)).toEqual(["a"]);
    expect(s.store.get("api", "a")!.healthy).toBe(false);
    expect(s.expire(30 * SECOND, rng()).removed).toEqual([]);
    expect(s.expire(30 * SECOND + 1, rng()).removed.map((r) => r.info.id)).toEqual(["a"]);
  });

  it("registry: a beat restores a Nacos instance's health", () => {
    const s = nacos();
    s.apply({ op: "register", info: info("a") }, 0);
    s.expire(20 * SECOND, rng());
    const r = s.apply({ op: "renew", service: "api", id: "a" }, 21 * SECOND);
    expect(r.changed).toEqual(["api"]);
    expect(s.store.get("api", "a")!.healthy).toBe(true);
  });

  it("registry: at protectThreshold 0, a service with no healthy instance returns all of them, marked protected", () => {
    const s = nacos();
    s.apply({ op: "register", info: info("a") }, 0);
    s.apply({ op: "register", info: info("b") }, 0);
    s.apply({ op: "renew", service: "api", id: "b" }, 10 * SECOND);
    s.expire(20 * SECOND, rng()); // a unhealthy, b healthy: 1/2 > 0
    let snap = s.snapshot("api", 20 * SECOND, "r");
    expect(snap.protected).toBe(false);
    expect(snap.instances.map((i) => [i.id, i.healthy])).toEqual([["a", false], ["b", true]]);
    s.expire(26 * SECOND, rng()); // both unhealthy: 0/2 <= 0
    snap = s.snapshot("api", 26 * SECOND, "r");
    expect(snap.protected).toBe(true);
    expect(snap.instances.every((i) => i.healthy)).toBe(true);
    expect(s.snapshot("none", 0, "r").protected).toBe(false); // 0/0 is not <= 0
  });
});
