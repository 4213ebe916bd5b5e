import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulate } from "./index";
import type { Scenario } from "./scenario";
import type { ProcessFactory } from "./node/runtime-api";
import { MS, SECOND } from "./core/time";

/** A process that writes numbered keys every ms and syncs on a schedule, and reports its disk at start. */
function writer(syncEvery: number): ProcessFactory {
  return (rt) => {
    let n = rt.disk.read<number>("n") ?? 0;
    return {
      start() {
        rt.record("recovered", { n, keys: rt.disk.keys("k/").length });
        const tick = () => {
          n++;
          rt.disk.write(`k/${n}`, n);
          rt.disk.write("n", n);
          if (n % syncEvery === 0) {
            rt.disk.sync();
            rt.record("synced", { n });
          }
          rt.setTimer(1 * MS, tick, "write");
        };
        rt.setTimer(1 * MS, tick, "write");
      },
    };
  };
}

describe("node properties", () => {
  it("crash: a crash loses exactly the writes after the last sync", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 5, max: 900 }), async (syncEvery, crashMs) => {
        const s: Scenario = {
          name: "crash-disk", duration: 2 * SECOND, seed: 1,
          nodes: [{ name: "a" }],
          processes: [{ node: "a", name: "w", factory: writer(syncEvery) }],
          faults: [{ at: crashMs * MS + 500, action: "crash", node: "a", duration: 100 * MS }],
        };
        const { history } = await simulate(s);
        const lastSync = history.filter((h) => h.event === "synced" && h.t < crashMs * MS + 500).pop();
        const recovered = history.filter((h) => h.event === "recovered")[1];
        const expected = (lastSync?.fields.n as number | undefined) ?? 0;
        expect(recovered.fields).toEqual({ n: expected, keys: expected });
      }),
      { numRuns: 40 },
    );
  });

  it("crash: timers of a crashed process never fire", async () => {
    const s: Scenario = {
      name: "timers", duration: 3 * SECOND, seed: 2,
      nodes: [{ name: "a" }],
      processes: [{ node: "a", name: "t", factory: (rt) => ({
        start() {
          for (let i = 1; i <= 30; i++) rt.setTimer(i * 100 * MS, () => rt.record("fired", { i, inc: rt.incarnation }), "t");
        },
      }) }],
      faults: [{ at: 1 * SECOND + 50 * MS, action: "crash", node: "a", duration: 1 * SECOND }],
    };
    const { history } = await simulate(s);
    for (const h of history) {
      if (h.fields.inc === 0) expect(h.t).toBeLessThan(1 * SECOND + 50 * MS);
    }
    expect(history.some((h) => h.fields.inc === 1)).toBe(true);
    expect(history.filter((h) => h.t > 1.05 * SECOND && h.t < 2.05 * SECOND)).toEqual([]);
  });

  it("pause: a paused node runs nothing, then runs what it held, in order", async () => {
    const s: Scenario = {
      name: "pause", duration: 2 * SECOND, seed: 3,
      nodes: [{ name: "a" }, { name: "b" }],
      processes: [
        { node: "a", name: "p", factory: (rt) => ({ start: () => { for (let i = 0; i < 10; i++) rt.setTimer(i * 100 * MS, () => rt.send("b/p", "n", i)); } }) },
        { node: "b", name: "p", factory: (rt) => ({ message: (m) => rt.record("got", { n: m.body as number }) }) },
      ],
      network: { latency: { dist: "constant", value: 1 * MS } },
      faults: [{ at: 250 * MS, action: "pause", node: "b", duration: 400 * MS }],
    };
    const { history } = await simulate(s);
    expect(history.map((h) => h.fields.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const held = history.filter((h) => (h.fields.n as number) >= 3 && (h.fields.n as number) <= 6);
    for (const h of held) expect(h.t).toBe(650 * MS);
  });

  it("clock: skew and drift change the local clock, not virtual time", async () => {
    const seen: number[] = [];
    const s: Scenario = {
      name: "clock", duration: 3 * SECOND, seed: 4,
      nodes: [{ name: "a", clock: { skew: 5 * SECOND, driftPpm: 1000 } }],
      processes: [{ node: "a", name: "p", factory: (rt) => ({ start: () => { rt.setTimer(1 * SECOND, () => seen.push(rt.now())); } }) }],
      faults: [{ at: 2 * SECOND, action: "skew", node: "a", offset: -1 * SECOND }],
    };
    const { trace } = await simulate(s);
    // A local second at 1000 ppm fast is 999001 virtual microseconds; local time then reads 5 s + 1 s.
    const timer = trace!.events().find((e) => e.kind === "timer")!;
    expect(timer.t).toBe(999_001);
    expect(seen[0]).toBe(6 * SECOND);
    const clock = trace!.events().find((e) => e.kind === "clock")!;
    expect(clock.offset).toBe(5 * SECOND + 2000 - 1 * SECOND);
  });

  it("streams: adding a process leaves every other stream's draws unchanged", async () => {
    const drawer: ProcessFactory = (rt) => ({ start: () => { for (let i = 0; i < 20; i++) rt.record("draw", { v: rt.random.next() }); } });
    const base: Scenario = {
      name: "streams", duration: 1 * SECOND, seed: 9,
      nodes: [{ name: "a" }, { name: "b" }],
      processes: [{ node: "a", name: "x", factory: drawer }, { node: "b", name: "y", factory: drawer }],
    };
    const more: Scenario = { ...base, nodes: [{ name: "z" }, ...base.nodes], processes: [{ node: "z", name: "new", factory: drawer }, ...base.processes] };
    const draws = async (s: Scenario) => (await simulate(s)).history.filter((h) => h.proc !== "new").map((h) => `${h.address}:${h.fields.v}`).sort();
    expect(await draws(more)).toEqual(await draws(base));
  });
});
