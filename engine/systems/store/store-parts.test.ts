import { describe, expect, it } from "vitest";
import { compareVersions } from "./version";
import { PreferenceList } from "./preference-list";
import { gatherQuorum } from "./quorum";
import { resolveStoreClientOptions } from "./store-options";

describe("store parts", () => {
  it("versions: later timestamps win, then the writer's address, then its counter; nothing loses to anything", () => {
    const v = (ts: number, writer: string, seq: number) => ({ ts, writer, seq });
    expect(compareVersions(v(2, "a", 1), v(1, "b", 9))).toBeGreaterThan(0);
    expect(compareVersions(v(1, "a", 9), v(1, "b", 1))).toBeLessThan(0);
    expect(compareVersions(v(1, "a", 2), v(1, "a", 1))).toBeGreaterThan(0);
    expect(compareVersions(null, v(0, "a", 0))).toBeLessThan(0);
    expect(compareVersions(null, null)).toBe(0);
  });

  it("preference list: N distinct replicas per key, the same every time; with N replicas every key lives on all of them", () => {
    const replicas = ["r1/kv", "r2/kv", "r3/kv", "r4/kv", "r5/kv"];
    const p = new PreferenceList(replicas, 3);
    for (const k of ["k0", "k1", "user:42"]) {
      const l = p.of(k);
      expect(new Set(l).size).toBe(3);
      expect(new PreferenceList(replicas, 3).of(k)).toEqual(l);
    }
    const firsts = new Set(Array.from({ length: 200 }, (_, i) => p.of(`k${i}`)[0]));
    expect(firsts.size).toBe(5);
    expect(new Set(new PreferenceList(replicas.slice(0, 3), 3).of("k7"))).toEqual(new Set(replicas.slice(0, 3)));
    expect(() => new PreferenceList(replicas.slice(0, 2), 3)).toThrow(/N must be a whole number from 1 to the number of replicas \(2\), got 3/);
  });

  it("quorum: resolves at the R-th answer, or as soon as R cannot be reached; later answers go to onLate", async () => {
    const later: string[] = [];
    let release!: (v: number) => void;
    const slow = new Promise<number>((r) => (release = r));
    const q = await gatherQuorum([{ from: "a", answer: Promise.resolve(1) }, { from: "b", answer: Promise.resolve(2) }, { from: "c", answer: slow }], 2, (from) => later.push(from));
    expect(q.ok.map((x) => x.from)).toEqual(["a", "b"]);
    release(3);
    await slow;
    expect(later).toEqual(["c"]);
    const failing = await gatherQuorum([{ from: "a", answer: Promise.reject(new Error("x")) }, { from: "b", answer: Promise.reject(new Error("y")) }, { from: "c", answer: new Promise<number>(() => {}) }], 2);
    expect(failing).toEqual({ ok: [], failed: 2 });
  });

  it("store options: R or W above N is refused with the reason", () => {
    expect(() => resolveStoreClientOptions({ rate: 1, n: 3, r: 4 }, "kv-client c1/client")).toThrow(/kv-client c1\/client: r must be at most n \(3\): a read cannot wait for more replicas than hold the key/);
    expect(resolveStoreClientOptions({ rate: 1 }, "x")).toMatchObject({ n: 3, r: 2, w: 2, readTimeoutUs: 5_000_000, writeTimeoutUs: 2_000_000, readRepair: true });
  });
});
