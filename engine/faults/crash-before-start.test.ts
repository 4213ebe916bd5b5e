import { expect, test } from "vitest";
import { simulate, MS, SECOND } from "../index";
import type { Scenario } from "../scenario";

/** An echo server on s1 crashed at `at` for 1 s, and a client calling it 20 times a second. */
const crashed = (at: number, startAt = 0): Scenario => ({
  name: "crash-before-start", duration: 3 * SECOND, nodes: [{ name: "s1" }, { name: "c1" }],
  processes: [
    { node: "s1", name: "echo", kind: "echo-server", config: {}, startAt },
    { node: "c1", name: "client", kind: "echo-client", config: { targets: ["s1/echo"], rate: 20 } },
  ],
  faults: [{ at, action: "crash", node: "s1", duration: 1 * SECOND }],
});

const servedAfter = async (s: Scenario, t: number) => {
  const sim = await simulate(s, { seed: 1 });
  return sim.history.filter((h) => h.event === "call-end" && h.t > t && h.fields.ok === true).length;
};

test("crash before start: a node crashed at the moment its processes start runs them when it restarts", async () => {
  // The crash at 0 s comes before the start events of 0 s; the restart at 1 s must start the
  // server, as it does for a crash at 1 ms (before this fix the server never ran).
  const atZero = await servedAfter(crashed(0), 1.1 * SECOND);
  expect(atZero).toBeGreaterThan(20);
  expect(atZero).toBe(await servedAfter(crashed(1 * MS), 1.1 * SECOND));
});

test("crash before start: a process whose start time is still ahead at the restart keeps it", async () => {
  // Crashed 0-1 s, the server starts at its own 2 s: no answer before 2 s, answers after.
  const sim = await simulate(crashed(0, 2 * SECOND), { seed: 1 });
  const ok = sim.history.filter((h) => h.event === "call-end" && h.fields.ok === true);
  expect(ok.length).toBeGreaterThan(10);
  expect(Math.min(...ok.map((h) => h.t))).toBeGreaterThanOrEqual(2 * SECOND);
});
