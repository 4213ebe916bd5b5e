import { describe, expect, it } from "vitest";
import { simulate, MS, SECOND, type ProcessFactory, type Runtime } from "../../engine/index";
import type { Scenario } from "../../engine/scenario";
import type { Json } from "../../engine/core/json";
import { StreamBank } from "../../engine/core/streams";
import { VIRTUAL_EPOCH_MS, virtualTime, sandboxInstalled } from "./index";

/** A `seen` history entry: when, where, and what the process recorded. */
type Seen = { t: number; at: string } & Record<string, any>;

/** What a process saw, as history entries `seen` with its fields. */
async function seen(s: Scenario, seed = 1) {
  const sim = await simulate(s, { seed });
  expect(sim.result.checks.filter((c) => !c.passed).map((c) => c.violations[0]?.message)).toEqual([]);
  return sim.history.filter((h) => h.event === "seen").map((h): Seen => ({ t: h.t, at: h.address, ...h.fields }));
}

const scenario = (processes: Scenario["processes"], extra: Partial<Scenario> = {}): Scenario => ({
  name: "sandbox", duration: 10 * SECOND, seed: 1,
  nodes: [{ name: "a" }, { name: "b", clock: { skew: 7 * SECOND } }],
  processes, ...extra,
});

/** The clock readings a process's code can make, all at once. */
const clocks = (rt: Runtime): Record<string, Json> => ({
  local: rt.now(), date: Date.now(), newDate: new Date().getTime(), perf: performance.now(),
});

describe("sandbox: the host's clock and timers are the process's virtual ones", () => {
  it("sandbox: setTimeout, setInterval and setImmediate fire at the virtual times their delays name, on the node's clock", async () => {
    const f: ProcessFactory = (rt) => ({
      start() {
        setTimeout(() => rt.record("seen", { what: "timeout", t: rt.now() }), 250);
        setTimeout(() => rt.record("seen", { what: "zero", t: rt.now() }), 0);
        setImmediate((x: string) => rt.record("seen", { what: x, t: rt.now() }), "immediate");
        let n = 0;
        const every = setInterval(() => {
          rt.record("seen", { what: "interval", t: rt.now() });
          if (++n === 3) clearInterval(every);
        }, 100);
        const never = setTimeout(() => rt.record("seen", { what: "cleared" }), 50);
        clearTimeout(+never); // a numeric id clears it too, as in Node
        expect(never.unref()).toBe(never);
        expect(never.hasRef()).toBe(false);
      },
    });
    const out = await seen(scenario([{ node: "a", name: "p", factory: virtualTime(f) }]));
    expect(out.map((o) => [o.what, o.t])).toEqual([
      ["immediate", 0], ["zero", 1 * MS], ["interval", 100 * MS], ["interval", 200 * MS], ["timeout", 250 * MS], ["interval", 300 * MS],
    ]);
  });

  it("sandbox: Date.now, new Date() and performance.now read the process's local clock, skew included", async () => {
    const f: ProcessFactory = (rt) => ({
      start() {
        setTimeout(() => rt.record("seen", clocks(rt)), 1234.5);
      },
    });
    const out = await seen(scenario([{ node: "a", name: "p", factory: virtualTime(f) }, { node: "b", name: "p", factory: virtualTime(f) }]));
    expect(out).toHaveLength(2);
    for (const o of out) {
      const local = o.local as number;
      expect(o.date).toBe(VIRTUAL_EPOCH_MS + Math.floor(local / 1000));
      expect(o.newDate).toBe(o.date);
      expect(o.perf).toBe(local / 1000);
    }
    expect(out.map((o) => [o.at, o.t, o.local])).toEqual([["a/p", 1_234_500, 1_234_500], ["b/p", 1_234_500, 1_234_500 + 7 * SECOND]]);
  });

  it("sandbox: Math.random draws from the process's own seeded stream: the same per seed, its own per process", async () => {
    const f: ProcessFactory = (rt) => ({ start() { rt.record("seen", { r: [Math.random(), Math.random(), Math.random()] }); } });
    const s = scenario([{ node: "a", name: "p", factory: virtualTime(f) }, { node: "b", name: "p", factory: virtualTime(f) }]);
    const one = await seen(s, 5);
    const stream = (address: string) => { const r = new StreamBank(5).stream(`proc/${address}`); return [r.next(), r.next(), r.next()]; };
    expect(one.map((o) => o.r)).toEqual([stream("a/p"), stream("b/p")]);
    expect(await seen(s, 5)).toEqual(one);
    expect((await seen(s, 6)).map((o) => o.r)).not.toEqual(one.map((o) => o.r));
  });
});

describe("sandbox: what a handler binds, it binds for itself, across awaits, and gives back", () => {
  it("sandbox: an async handler's continuations see its clock after awaiting virtual timers, sleeps and calls", async () => {
    const server: ProcessFactory = () => ({ async request() { return "ok"; } });
    const client: ProcessFactory = (rt) => ({
      async start() {
        await new Promise((resolve) => setTimeout(resolve, 30));
        rt.record("seen", { step: "timeout", ...clocks(rt) });
        await rt.sleep(5 * MS);
        rt.record("seen", { step: "sleep", ...clocks(rt) });
        await rt.call("b/server", "ping");
        rt.record("seen", { step: "call", ...clocks(rt) });
      },
    });
    const s = scenario([{ node: "a", name: "client", factory: virtualTime(client) }, { node: "b", name: "server", factory: server }], { network: { latency: { dist: "constant", value: 2 * MS } } });
    const out = await seen(s);
    expect(out.map((o) => o.step)).toEqual(["timeout", "sleep", "call"]);
    for (const o of out) expect([o.date, o.perf]).toEqual([VIRTUAL_EPOCH_MS + Math.floor((o.t as number) / 1000), (o.t as number) / 1000]);
    expect(out.map((o) => o.t)).toEqual([30 * MS, 35 * MS, out[2].t]);
    expect(out[2].t).toBeGreaterThan(35 * MS);
  });

  it("sandbox: two processes interleaved each see their own clock and stream, fire-and-forget continuations included", async () => {
    // A plain sender messages a/p and b/p in turn. Their handlers are plain too and start work
    // they do not return, which the kernel alone would resume only at some later drain (or after
    // the run, with the host's globals back); the sandbox has it drain after each handler, so
    // each continuation runs at its own delivery's time and answers with its own clock and stream.
    const sender: ProcessFactory = (rt) => ({
      start() {
        for (let i = 1; i <= 3; i++) rt.setTimer(10 * i * MS, () => { rt.send("a/p", "go", i); rt.send("b/p", "go", i); });
      },
    });
    const f: ProcessFactory = (rt) => ({
      message(msg) {
        void (async () => {
          await null;
          await Promise.resolve();
          rt.record("seen", { i: msg.body as number, ...clocks(rt), r: Math.random() });
        })();
      },
    });
    const out = await seen(scenario([
      { node: "a", name: "sender", factory: sender }, { node: "a", name: "p", factory: virtualTime(f) }, { node: "b", name: "p", factory: virtualTime(f) },
    ], { network: { latency: { dist: "constant", value: 2 * MS } } }));
    // a/p is the sender's neighbour (no latency), b/p is 2 ms away; each continuation ran in the
    // drain after its own delivery, at that delivery's virtual time.
    expect(out.map((o) => [o.at, o.i, o.t / MS])).toEqual([["a/p", 1, 10], ["b/p", 1, 12], ["a/p", 2, 20], ["b/p", 2, 22], ["a/p", 3, 30], ["b/p", 3, 32]]);
    for (const o of out) {
      expect(o.local).toBe((o.t as number) + (o.at === "b/p" ? 7 * SECOND : 0));
      expect(o.date).toBe(VIRTUAL_EPOCH_MS + Math.floor((o.local as number) / 1000));
    }
    const a = new StreamBank(1).stream("proc/a/p");
    const b = new StreamBank(1).stream("proc/b/p");
    expect(out.filter((o) => o.at === "a/p").map((o) => o.r)).toEqual([a.next(), a.next(), a.next()]);
    expect(out.filter((o) => o.at === "b/p").map((o) => o.r)).toEqual([b.next(), b.next(), b.next()]);
  });

  it("sandbox: two processes awaiting calls in turn each resume with their own clock, though the other's code ran last", async () => {
    // The kernel resolves a call's promise from the reply's delivery, which runs no handler of the
    // caller: what tells the continuation whose clock to read is the scope it awaited in.
    const server: ProcessFactory = () => ({ request: () => "pong" });
    const f: ProcessFactory = (rt) => ({
      async start() {
        for (let i = 1; i <= 3; i++) {
          await rt.call("c/server", "ping");
          rt.record("seen", { i, ...clocks(rt), r: Math.random() });
        }
      },
    });
    const out = await seen(scenario([
      { node: "c", name: "server", factory: server }, { node: "a", name: "p", factory: virtualTime(f) }, { node: "b", name: "p", factory: virtualTime(f), startAt: 1 * MS },
    ], { nodes: [{ name: "a" }, { name: "b", clock: { skew: 7 * SECOND } }, { name: "c" }], network: { latency: { dist: "constant", value: 2 * MS } } }));
    expect(out.map((o) => [o.at, o.i, o.t / MS])).toEqual([["a/p", 1, 4], ["b/p", 1, 5], ["a/p", 2, 8], ["b/p", 2, 9], ["a/p", 3, 12], ["b/p", 3, 13]]);
    for (const o of out) expect([o.local, o.date]).toEqual([o.t + (o.at === "b/p" ? 7 * SECOND : 0), VIRTUAL_EPOCH_MS + Math.floor((o.t + (o.at === "b/p" ? 7 * SECOND : 0)) / 1000)]);
    const b = new StreamBank(1).stream("proc/b/p");
    expect(out.filter((o) => o.at === "b/p").map((o) => o.r)).toEqual([b.next(), b.next(), b.next()]);
  });

  it("sandbox: code outside the processes gets the host's own globals during the run, and the originals are back after it", async () => {
    const real = { setTimeout, clearTimeout, setInterval, Date, random: Math.random, now: performance.now, hrtime: process.hrtime };
    const hostSaw: number[] = [];
    const f: ProcessFactory = (rt) => ({ start() { setInterval(() => rt.record("seen", { date: Date.now() }), 100); } });
    const sim = await simulate(scenario([{ node: "a", name: "p", factory: virtualTime(f) }]), {
      // The drain runs between events, outside every process: it must see the wall clock.
      drain: () => new Promise<void>((resolve) => {
        expect(sandboxInstalled()).toBe(true);
        hostSaw.push(Date.now());
        setImmediate(resolve);
      }),
    });
    expect(sim.history.filter((h) => h.event === "seen")[0].fields.date).toBe(VIRTUAL_EPOCH_MS + 100);
    expect(hostSaw.length).toBeGreaterThan(10);
    for (const t of hostSaw) expect(Math.abs(t - real.Date.now())).toBeLessThan(60_000);
    expect(sandboxInstalled()).toBe(false);
    expect({ setTimeout, clearTimeout, setInterval, Date, random: Math.random, now: performance.now, hrtime: process.hrtime }).toEqual(real);
    expect(Object.hasOwn(performance, "now")).toBe(false);
  });

  it("sandbox: two runs in progress at once in one thread keep their processes apart and restore the globals when the last ends", async () => {
    const f: ProcessFactory = (rt) => ({
      async start() {
        for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 10));
        rt.record("seen", { ...clocks(rt), r: Math.random() });
      },
    });
    const one = scenario([{ node: "a", name: "p", factory: virtualTime(f) }]);
    const two = scenario([{ node: "b", name: "q", factory: virtualTime(f) }]);
    const [x, y] = await Promise.all([seen(one, 3), seen(two, 4)]);
    expect(x).toEqual([{ t: 50 * MS, at: "a/p", local: 50 * MS, date: VIRTUAL_EPOCH_MS + 50, newDate: VIRTUAL_EPOCH_MS + 50, perf: 50, r: new StreamBank(3).stream("proc/a/p").next() }]);
    expect(y).toEqual([{ t: 50 * MS, at: "b/q", local: 7050 * MS, date: VIRTUAL_EPOCH_MS + 7050, newDate: VIRTUAL_EPOCH_MS + 7050, perf: 7050, r: new StreamBank(4).stream("proc/b/q").next() }]);
    expect(sandboxInstalled()).toBe(false);
  });
});

describe("sandbox: crashes, errors and the runtime's own timers", () => {
  it("sandbox: a crash drops the process's virtual timers; the restarted incarnation's factory sets its own", async () => {
    const f: ProcessFactory = (rt) => ({ start() { setInterval(() => rt.record("seen", { inc: rt.incarnation }), 1000); } });
    const out = await seen(scenario([{ node: "a", name: "p", factory: virtualTime(f) }], {
      duration: 6 * SECOND + 1, faults: [{ at: 2500 * MS, action: "crash", node: "a", duration: 2 * SECOND }],
    }));
    expect(out.map((o) => [o.t / SECOND, o.inc])).toEqual([[1, 0], [2, 0], [5.5, 1]]);
  });

  it("sandbox: an error thrown by a virtual timer's callback fails the run as a process error, and the interval goes on", async () => {
    const f: ProcessFactory = (rt) => ({ start() { let n = 0; setInterval(() => { rt.record("seen", { n }); if (n++ === 0) throw new Error("boom"); }, 100); } });
    const sim = await simulate(scenario([{ node: "a", name: "p", factory: virtualTime(f) }], { duration: 350 * MS }));
    expect(sim.result.checks.find((c) => c.name === "process-errors")?.violations[0].message).toBe("a/p: Error: boom");
    expect(sim.history.filter((h) => h.event === "seen")).toHaveLength(3);
  });

  it("sandbox: callbacks of rt.setTimer run as the process's code too, and a wrapped factory is wrapped once", async () => {
    const f: ProcessFactory = (rt) => ({ start() { rt.setTimer(3 * MS, () => rt.record("seen", clocks(rt))); } });
    const once = virtualTime(f);
    expect(virtualTime(once)).toBe(once);
    const [o] = await seen(scenario([{ node: "a", name: "p", factory: once }]));
    expect([o.t, o.date, o.perf]).toEqual([3 * MS, VIRTUAL_EPOCH_MS + 3, 3]);
  });
});
