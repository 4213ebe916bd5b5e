import { describe, expect, test } from "vitest";
import { PassiveHealth, withPassiveHealth } from "./passive-health";
import { createIpHash } from "./strategies/ip-hash";
import { createRoundRobin } from "./strategies/round-robin";
import { instances, numbered } from "./test-instances";

const S = 1_000_000;
const fail = (now: number) => ({ ok: false, latency: 1000, now });
const okAt = (now: number) => ({ ok: true, latency: 1000, now });

describe("passive health: nginx", () => {
  test("nginx: max_fails=1 fail_timeout=10s: one failure ejects for exactly 10 s", () => {
    const h = new PassiveHealth();
    h.record("a", fail(1 * S));
    expect(h.isEjected("a", 1 * S)).toBe(true);
    expect(h.isEjected("a", 11 * S)).toBe(true);
    expect(h.isEjected("a", 11 * S + 1)).toBe(false);
  });

  test("nginx: max_fails=3: the third failure ejects, not the second", () => {
    const h = new PassiveHealth({ maxFails: 3 });
    h.record("a", fail(1 * S));
    h.record("a", fail(2 * S));
    expect(h.isEjected("a", 2 * S)).toBe(false);
    h.record("a", fail(3 * S));
    expect(h.isEjected("a", 3 * S)).toBe(true);
  });

  test("nginx: successes inside the window do not clear the failures", () => {
    const h = new PassiveHealth({ maxFails: 2 });
    h.record("a", fail(1 * S));
    h.picked("a", 2 * S);
    h.record("a", okAt(2 * S));
    h.record("a", fail(3 * S));
    expect(h.isEjected("a", 3 * S)).toBe(true);
  });

  test("nginx: after the window one pick probes the peer: a failure re-ejects, a success clears", () => {
    const h = new PassiveHealth();
    h.record("a", fail(0));
    h.picked("a", 11 * S);
    h.record("a", fail(11 * S));
    expect(h.isEjected("a", 12 * S)).toBe(true);
    h.picked("a", 22 * S);
    h.record("a", okAt(22 * S));
    h.record("a", okAt(23 * S));
    expect(h.isEjected("a", 23 * S)).toBe(false);
    // Cleared: a single new failure ejects again (max_fails=1), counting from scratch.
    h.record("a", fail(24 * S));
    expect(h.isEjected("a", 24 * S)).toBe(true);
  });

  test("nginx: max_fails=0 never ejects", () => {
    const h = new PassiveHealth({ maxFails: 0 });
    for (let i = 0; i < 10; i++) h.record("a", fail(i));
    expect(h.isEjected("a", 10)).toBe(false);
  });
});

describe("passive health: consecutive", () => {
  test("consecutive: five failures in a row eject for 30 s; a success in between resets the run", () => {
    const h = new PassiveHealth({ mode: "consecutive" });
    for (let i = 0; i < 4; i++) h.record("a", fail(i));
    h.record("a", okAt(4));
    for (let i = 5; i < 9; i++) h.record("a", fail(i));
    expect(h.isEjected("a", 9)).toBe(false);
    h.record("a", fail(9));
    expect(h.isEjected("a", 9)).toBe(true);
    expect(h.isEjected("a", 9 + 30 * S - 1)).toBe(true);
    expect(h.isEjected("a", 9 + 30 * S)).toBe(false);
  });

  test("consecutive: each ejection lasts base x times ejected, capped at max_ejection_time", () => {
    const h = new PassiveHealth({ mode: "consecutive", consecutiveFailures: 1, baseEjectionTime: 100 * S, maxEjectionTime: 250 * S });
    let t = 0;
    const lengths: number[] = [];
    for (let k = 0; k < 4; k++) {
      h.record("a", fail(t));
      let end = t;
      while (h.isEjected("a", end)) end += S;
      lengths.push((end - t) / S);
      t = end;
    }
    expect(lengths).toEqual([100, 200, 250, 250]);
  });

  test("consecutive: max_ejection_percent 10 of 10 members allows one ejection at a time", () => {
    const h = new PassiveHealth({ mode: "consecutive", consecutiveFailures: 1 });
    h.mark(numbered(10), 0);
    h.record("s0", fail(0));
    h.record("s1", fail(0));
    expect(h.isEjected("s0", 1)).toBe(true);
    expect(h.isEjected("s1", 1)).toBe(false);
  });
});

describe("passive health: wrapper", () => {
  test("wrapper: an ejected instance reaches the strategy marked down and is not picked", () => {
    const h = new PassiveHealth();
    const s = withPassiveHealth(createRoundRobin(), h);
    const list = instances("a", "b");
    s.onStart("a");
    s.onEnd("a", fail(0));
    const picks = [0, 1, 2].map((i) => s.pick(list, { now: i })?.id);
    expect(picks).toEqual(["b", "b", "b"]);
    expect(s.pick(list, { now: 11 * S })).toBeDefined();
  });

  test("wrapper: with ip-hash an ejected peer's clients rehash while everyone else stays (nginx)", () => {
    const s = withPassiveHealth(createIpHash(), new PassiveHealth());
    const list = instances("a", "b", "c");
    expect(s.pick(list, { now: 0, sourceIp: "192.168.1.10" })?.id).toBe("b");
    s.onStart("b");
    s.onEnd("b", fail(1));
    expect(s.pick(list, { now: 2, sourceIp: "192.168.1.10" })?.id).toBe("c");
    expect(s.pick(list, { now: 2, sourceIp: "10.0.0.7" })?.id).toBe("a");
  });

  test("wrapper: with every instance ejected the pick is undefined", () => {
    const s = withPassiveHealth(createRoundRobin(), new PassiveHealth());
    for (const id of ["a", "b"]) {
      s.onStart(id);
      s.onEnd(id, fail(0));
    }
    expect(s.pick(instances("a", "b"), { now: 1 })).toBeUndefined();
  });

  test("mark and filter: the list comes back as is when nothing is ejected, and filter drops the ejected", () => {
    const h = new PassiveHealth();
    const list = instances("a", "b");
    expect(h.mark(list, 0)).toBe(list);
    h.record("a", fail(0));
    const marked = h.mark(list, 1);
    expect(marked.map((i) => i.down === true)).toEqual([true, false]);
    expect(h.mark(list, 2)).toBe(marked);
    expect(h.filter(list, 1).map((i) => i.id)).toEqual(["b"]);
  });

  test("options: a misspelled option names the right one", () => {
    expect(() => new PassiveHealth({ maxFail: 3 } as never)).toThrow(/unknown option "maxFail" \(did you mean "maxFails"\?\)/);
    expect(() => new PassiveHealth({ mode: "eureka" as never })).toThrow(/must be one of "nginx", "consecutive"/);
  });
});
