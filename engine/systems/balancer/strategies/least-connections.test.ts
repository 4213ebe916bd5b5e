import { describe, expect, test } from "vitest";
import type { Instance, Strategy } from "../strategy";
import { instances, pickIds } from "../test-instances";
import { createLeastConnections } from "./least-connections";

/** Starts `n` requests to `id` without ending them. */
function load(s: Strategy, id: string, n: number): void {
  for (let i = 0; i < n; i++) s.onStart(id);
}

/** Picks, starts and (with `end`) immediately ends `n` requests; returns the chosen ids. */
function run(s: Strategy, list: readonly Instance[], n: number, end: { ok: boolean; timeout?: boolean } | undefined): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = s.pick(list, { now: i })!.id;
    out.push(id);
    s.onStart(id);
    if (end) s.onEnd(id, { ...end, latency: 1, now: i });
  }
  return out;
}

describe("least-connections", () => {
  test("least-connections: picks the instance with the fewest connections", () => {
    const lc = createLeastConnections();
    load(lc, "a", 2);
    load(lc, "b", 1);
    expect(lc.pick(instances("a", "b", "c"), { now: 0 })?.id).toBe("c");
  });

  test("least-connections: compares conns/weight by cross-multiplying (3/2 beats 2/1)", () => {
    const lc = createLeastConnections();
    load(lc, "a", 3);
    load(lc, "b", 2);
    expect(lc.pick(instances({ a: 2, b: 1 }), { now: 0 })?.id).toBe("a");
  });

  test("least-connections: idle peers tie and nginx's SWRR breaks the tie: {5,1,1} gives a a b a c a a", () => {
    const lc = createLeastConnections();
    expect(pickIds(lc, instances({ a: 5, b: 1, c: 1 }), 7).join(" ")).toBe("a a b a c a a");
  });

  test("least-connections: ties are broken among the tied peers only, starting from the first", () => {
    const lc = createLeastConnections();
    load(lc, "a", 1);
    // b and c tie at 0 connections; a (1 conn) takes no part in the SWRR round.
    expect(pickIds(lc, instances("a", "b", "c"), 4)).toEqual(["b", "c", "b", "c"]);
  });

  test("least-connections: an ended request gives its connection back", () => {
    const lc = createLeastConnections();
    load(lc, "a", 1);
    lc.onEnd("a", { ok: true, latency: 10, now: 10 });
    load(lc, "b", 1);
    expect(lc.pick(instances("a", "b"), { now: 11 })?.id).toBe("a");
  });

  test("least-connections: skips tried and full peers, and returns undefined when none is left", () => {
    const lc = createLeastConnections();
    const list = instances("a", "b").map((i) => ({ ...i, maxConns: 1 }));
    expect(lc.pick(list, { now: 0, tried: new Set(["a"]) })?.id).toBe("b");
    load(lc, "a", 1);
    load(lc, "b", 1);
    expect(lc.pick(list, { now: 0 })).toBeUndefined();
  });

  test("least-connections: without the bug, timeouts give connections back and load stays even", () => {
    const lc = createLeastConnections();
    const list = instances("a", "b");
    run(lc, list, 4, { ok: false, timeout: true });
    const after = run(lc, list, 10, undefined);
    expect(after.filter((id) => id === "a").length).toBe(5);
  });

  test("least-connections: bug leak-on-timeout keeps phantom connections, starving a recovered instance", () => {
    const lc = createLeastConnections({ bug: "leak-on-timeout" });
    const list = instances("a", "b");
    // a has a slow spell: three requests to it time out; b's requests succeed.
    for (let i = 0; i < 3; i++) {
      lc.onStart("a");
      lc.onEnd("a", { ok: false, timeout: true, latency: 1_000_000, now: 1_000_000 });
    }
    // a has recovered, but it still carries 3 phantom connections: the next 3 open requests all go
    // to b before a gets a single one.
    expect(run(lc, list, 4, undefined)).toEqual(["b", "b", "b", "a"]);
  });

  test("least-connections: bug leak-on-timeout sinks all traffic into a fresh instance", () => {
    const lc = createLeastConnections({ bug: "leak-on-timeout" });
    for (const id of ["a", "b"]) {
      for (let i = 0; i < 50; i++) {
        lc.onStart(id);
        lc.onEnd(id, { ok: false, timeout: true, latency: 1_000_000, now: 1_000_000 });
      }
    }
    const picks = run(lc, instances("a", "b", "c"), 40, undefined);
    expect(picks.every((id) => id === "c")).toBe(true);
  });

  test("least-connections: bug leak-on-timeout still gives back connections of calls that end any other way", () => {
    const lc = createLeastConnections({ bug: "leak-on-timeout" });
    lc.onStart("a");
    lc.onEnd("a", { ok: false, latency: 5, now: 5 });
    lc.onStart("b");
    lc.onEnd("b", { ok: true, latency: 5, now: 5 });
    expect(pickIds(lc, instances("a", "b"), 2)).toEqual(["a", "b"]);
  });
});
