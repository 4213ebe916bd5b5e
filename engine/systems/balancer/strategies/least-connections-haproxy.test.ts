import { describe, expect, test } from "vitest";
import type { Instance, Strategy } from "../strategy";
import { instances, withDown } from "../test-instances";
import { createLeastConnections } from "./least-connections";
import { createLeastConnectionsHaproxy } from "./least-connections-haproxy";

/** Picks and starts `n` requests, ending each at once when `close` is set. */
function run(s: Strategy, list: readonly Instance[], n: number, close: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = s.pick(list, { now: i })!.id;
    out.push(id);
    s.onStart(id);
    if (close) s.onEnd(id, { ok: true, latency: 1, now: i });
  }
  return out;
}

describe("least-connections-haproxy", () => {
  test("haproxy leastconn: idle servers take turns whatever their weight (a b a b), where nginx gives a b a", () => {
    const list = instances({ a: 2, b: 1 });
    expect(run(createLeastConnectionsHaproxy(), list, 4, true)).toEqual(["a", "b", "a", "b"]);
    expect(run(createLeastConnections(), list, 3, true)).toEqual(["a", "b", "a"]);
  });

  test("haproxy leastconn: equal servers under load round-robin within the equal-load group", () => {
    expect(run(createLeastConnectionsHaproxy(), instances("a", "b", "c"), 6, false)).toEqual(["a", "b", "c", "a", "b", "c"]);
  });

  test("haproxy leastconn: keys (inflight+1)*4096/eweight send weights {3,1} a b a a a a b under held load", () => {
    // keys after each start: a 170, b 512, a 256, a 341, a 426, a 512 (queued after b), so b.
    expect(run(createLeastConnectionsHaproxy(), instances({ a: 3, b: 1 }), 7, false)).toEqual(["a", "b", "a", "a", "a", "a", "b"]);
  });

  test("haproxy leastconn: under held load the split follows the weights", () => {
    const picks = run(createLeastConnectionsHaproxy(), instances({ a: 3, b: 1 }), 400, false);
    const a = picks.filter((id) => id === "a").length;
    expect(Math.abs(a - 300)).toBeLessThanOrEqual(2);
  });

  test("haproxy leastconn: a full server is passed over for the next in the tree", () => {
    const lc = createLeastConnectionsHaproxy();
    const list = instances("a", "b").map((i) => (i.id === "a" ? { ...i, maxConns: 1 } : i));
    lc.onStart("a");
    expect(run(lc, list, 3, false)).toEqual(["b", "b", "b"]);
  });

  test("haproxy leastconn: a server back from down is queued behind the others", () => {
    const lc = createLeastConnectionsHaproxy();
    const list = instances("a", "b", "c");
    expect(run(lc, withDown(list, "a"), 1, true)).toEqual(["b"]);
    expect(run(lc, list, 3, true)).toEqual(["c", "b", "a"]);
  });

  test("haproxy leastconn: bug leak-on-timeout keeps a timed-out server's phantom connections", () => {
    const lc = createLeastConnectionsHaproxy({ bug: "leak-on-timeout" });
    lc.onStart("a");
    lc.onEnd("a", { ok: false, timeout: true, latency: 9, now: 9 });
    expect(run(lc, instances("a", "b"), 2, false)).toEqual(["b", "a"]);
  });
});
