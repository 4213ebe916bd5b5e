import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EventQueue } from "./event-queue";
import { InvariantError } from "./assert";

describe("event queue", () => {
  it("event queue: pops in (time, insertion) order for any pushes", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 3000 }), (times) => {
      const q = new EventQueue<number>(4);
      times.forEach((t, i) => q.push(t, i));
      const out: Array<[number, number]> = [];
      while (q.size > 0) {
        const t = q.peekTime();
        out.push([t, q.pop()]);
      }
      const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(out).toEqual(expected);
    }));
  });

  it("event queue: interleaved pushes and pops keep ties first in, first out", () => {
    const q = new EventQueue<string>(2);
    q.push(5, "a"); q.push(5, "b"); q.push(1, "x");
    expect(q.pop()).toBe("x");
    q.push(5, "c");
    expect([q.pop(), q.pop(), q.pop()]).toEqual(["a", "b", "c"]);
    expect(q.peekTime()).toBe(Infinity);
  });

  it("event queue: refuses to pop an empty queue", () => {
    const q = new EventQueue<string>(2);
    q.push(1, "a");
    q.pop();
    expect(() => q.pop()).toThrow(InvariantError);
  });

  it("event queue: refuses a push before the time of the last pop, or at NaN: time never goes back", () => {
    const q = new EventQueue<string>(2);
    q.push(10, "a");
    q.push(20, "b");
    expect(q.pop()).toBe("a");
    q.push(10, "same time is fine");
    expect(() => q.push(9, "late")).toThrow(/before the present 10/);
    expect(() => q.push(Number.NaN, "nan")).toThrow(InvariantError);
    expect([q.pop(), q.pop()]).toEqual(["same time is fine", "b"]);
  });
});
