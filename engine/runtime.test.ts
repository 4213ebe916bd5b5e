import { describe, expect, it } from "vitest";
import { simulate, run, CallError } from "./index";
import type { Scenario } from "./scenario";
import type { ProcessFactory } from "./node/runtime-api";
import { MS, SECOND } from "./core/time";

const two = (a: ProcessFactory, b: ProcessFactory, extra: Partial<Scenario> = {}): Scenario => ({
  name: "t", duration: 5 * SECOND, seed: 1,
  nodes: [{ name: "a" }, { name: "b" }],
  processes: [{ node: "a", name: "p", factory: a }, { node: "b", name: "p", factory: b }],
  network: { latency: { dist: "constant", value: 1 * MS } },
  ...extra,
});

describe("runtime", () => {
  it("async: handlers interleave deterministically, continuations before the next event", async () => {
    const order: string[] = [];
    const client: ProcessFactory = (rt) => ({
      async start() {
        const jobs = [1, 2, 3].map(async (i) => {
          order.push(`start ${i}`);
          await rt.sleep(i * MS);
          order.push(`slept ${i}`);
          const r = await rt.call<number>("b/p", "double", i);
          order.push(`got ${r}`);
          await Promise.resolve();
          order.push(`after ${i}`);
        });
        await Promise.all(jobs);
        order.push("all");
      },
    });
    const server: ProcessFactory = (rt) => ({ async request(req) { await rt.sleep((4 - (req.body as number)) * MS); return (req.body as number) * 2; } });
    const first = await simulate(two(client, server));
    const firstOrder = order.splice(0);
    const second = await simulate(two(client, server));
    expect(order).toEqual(firstOrder);
    expect(second.result.traceHash).toBe(first.result.traceHash);
    expect(firstOrder).toEqual([
      "start 1", "start 2", "start 3", "slept 1", "slept 2", "slept 3",
      "got 2", "after 1", "got 4", "after 2", "got 6", "after 3", "all",
    ]);
  });

  it("call: a timeout, a remote error, a missing handler and an unknown address reject with their codes", async () => {
    const codes: string[] = [];
    const client: ProcessFactory = (rt) => ({
      async start() {
        for (const [to, type] of [["b/p", "slow"], ["b/p", "boom"], ["c/p", "any"], ["nowhere/p", "any"]]) {
          try {
            await rt.call(to, type, null, { timeout: 10 * MS });
            codes.push(`${type}:ok`);
          } catch (e) {
            codes.push(`${type}:${(e as CallError).code}:${e instanceof CallError}`);
          }
        }
        codes.push(`fast:${await rt.call("b/p", "fast")}`);
      },
    });
    const server: ProcessFactory = (rt) => ({
      async request(req) {
        if (req.type === "slow") await rt.sleep(50 * MS);
        if (req.type === "boom") throw new Error("kaboom");
        return 1;
      },
    });
    const s = two(client, server);
    s.nodes.push({ name: "c" });
    s.processes.push({ node: "c", name: "p", factory: () => ({}) });
    await simulate(s);
    expect(codes).toEqual(["slow:timeout:true", "boom:remote:true", "any:no-handler:true", "any:no-handler:true", "fast:1"]);
  });

  it("trigger: a crash triggered by a send stops the rest of that handler", async () => {
    const coordinator: ProcessFactory = (rt) => ({ start() { rt.send("b/p", "COMMIT"); rt.send("c/p", "COMMIT"); rt.record("after-sends"); } });
    const participant: ProcessFactory = (rt) => ({ message: (m) => rt.record("got", { type: m.type }) });
    const s: Scenario = {
      name: "trigger", duration: 1 * SECOND, seed: 1,
      nodes: [{ name: "a" }, { name: "b" }, { name: "c" }],
      processes: [{ node: "a", name: "p", factory: coordinator }, { node: "b", name: "p", factory: participant }, { node: "c", name: "p", factory: participant }],
      triggers: [{ when: { on: "send", from: "a", to: "b", type: "COMMIT" }, do: { action: "crash", node: "a" } }],
    };
    const { history, result, trace } = await simulate(s);
    expect(history.map((h) => `${h.address} ${h.event}`)).toEqual(["b/p got"]);
    expect(result.faults).toEqual([{ t: 0, source: "trigger", fault: { action: "crash", node: "a", at: 0 } }]);
    expect(trace!.events().some((e) => e.kind === "drop" && e.reason === "sender-down" && e.to === "c/p")).toBe(true);
  });

  it("limits: a run that would never end stops at its event limit with that reason", async () => {
    const spin: ProcessFactory = (rt) => ({ start() { const f = () => rt.setTimer(0, f); f(); } });
    const r = await run({ name: "spin", duration: 10 * SECOND, nodes: [{ name: "a" }], processes: [{ node: "a", name: "p", factory: spin }], limits: { maxEvents: 5000 } });
    expect(r.stopReason).toBe("max-events");
    expect(r.stats.events).toBe(5000);
    expect(r.passed).toBe(false);
  });

  it("limits: virtual time ends the run at its duration, or earlier at maxTime", async () => {
    const tick: ProcessFactory = (rt) => ({ start() { const f = () => rt.setTimer(1 * MS, f); f(); } });
    const s: Scenario = { name: "tick", duration: 2 * SECOND, nodes: [{ name: "a" }], processes: [{ node: "a", name: "p", factory: tick }] };
    const r = await run(s);
    expect(r.stopReason).toBe("duration");
    expect(r.stats.virtualTime).toBe(2 * SECOND);
    const cut = await run(s, { limits: { maxTime: 1 * SECOND } });
    expect(cut.stopReason).toBe("max-time");
    expect(cut.stats.virtualTime).toBe(1 * SECOND);
  });

  it("limits: the host can interrupt a run (a wall-clock limit)", async () => {
    const tick: ProcessFactory = (rt) => ({ start() { const f = () => rt.setTimer(1, f); f(); } });
    let polls = 0;
    const r = await run({ name: "tick", duration: 100 * SECOND, nodes: [{ name: "a" }], processes: [{ node: "a", name: "p", factory: tick }] }, { shouldStop: () => ++polls > 3 });
    expect(r.stopReason).toBe("interrupted");
  });

  it("errors: an error thrown by component code fails the run and says where", async () => {
    const bad: ProcessFactory = () => ({ start() { throw new Error("oops"); } });
    const r = await run({ name: "bad", duration: SECOND, nodes: [{ name: "a" }], processes: [{ node: "a", name: "p", factory: bad }] });
    expect(r.passed).toBe(false);
    expect(r.checks[0].violations[0].message).toBe("a/p: Error: oops");
  });

  it("state: published state goes into the trace as immer patches", async () => {
    const p: ProcessFactory = (rt) => ({ start() { rt.publish<{ n?: number }>((s) => { s.n = 1; }); rt.publish<{ n?: number }>((s) => { s.n = 2; }); } });
    const { trace } = await simulate({ name: "s", duration: SECOND, nodes: [{ name: "a" }], processes: [{ node: "a", name: "p", factory: p }] });
    const states = trace!.events().filter((e) => e.kind === "state").map((e) => e.patches);
    expect(states).toEqual([[{ op: "add", path: ["n"], value: 1 }], [{ op: "replace", path: ["n"], value: 2 }]]);
  });
});

describe("runtime: promises of the process's own making", () => {
  it("async: a request handler awaiting a promise resolved by a later plain handler replies at that moment", async () => {
    const replies: number[] = [];
    const server: ProcessFactory = (rt) => {
      let release: (() => void) | null = null;
      return {
        async request() {
          await new Promise<void>((r) => { release = r; });
          return rt.now();
        },
        message() { release?.(); },
      };
    };
    const client: ProcessFactory = (rt) => ({
      async start() {
        rt.setTimer(5 * MS, () => rt.send("b/p", "release"));
        replies.push(await rt.call<number>("b/p", "wait", null, { timeout: SECOND }));
        replies.push(rt.now());
      },
    });
    await simulate(two(client, server));
    // Released by the message that arrives at 6 ms; the reply takes 1 ms back.
    expect(replies).toEqual([6 * MS, 7 * MS]);
  });
});
