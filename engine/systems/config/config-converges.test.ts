import { describe, expect, it } from "vitest";
import { replayChecker } from "../../check/replay-checker";
import { SECOND } from "../../core/time";
import { contextOf } from "../../testing/kits/checker-test-kit";
import type { Row } from "../../testing/kits/checker-test-kit";
import type { FaultSpec } from "../../scenario";
import { configConverges } from "./config-converges";

const S = SECOND;
const release = (t: number, version: number): Row => [t, "cs/config", "config-release", { namespace: "application", version }];
const start = (t: number, address: string): Row => [t, address, "config-client-start", { namespaces: ["application"] }];
const applied = (t: number, address: string, version: number): Row => [t, address, "config-applied", { namespace: "application", version, source: "server" }];

describe("config-converges (checker on hand-made histories)", () => {
  const base = [release(0, 1), start(0, "a1/app"), start(0, "a2/app"), applied(1, "a1/app", 1), applied(1, "a2/app", 1), release(10 * S, 2), applied(11 * S, "a1/app", 2)];

  it("config-converges: a client that catches up within the bound after the heal holds; one that does not is named", () => {
    const late = [...base, applied(50 * S, "a2/app", 2)];
    expect(replayChecker(configConverges({ bound: "60s" }), contextOf(late, { healedAt: 20 * S, endedAt: 100 * S })).violations).toEqual([]);
    const v = replayChecker(configConverges({ bound: "20s" }), contextOf(late, { healedAt: 20 * S, endedAt: 100 * S })).violations;
    expect(v.map((x) => x.message)).toEqual(["at 40s a2/app holds application version 1, but version 2 was released"]);
    expect(v[0].history).toEqual([4]);
  });

  it("config-converges: staleness is measured from the release to the catch-up, per client", () => {
    const late = [...base, applied(50 * S, "a2/app", 2)];
    const f = replayChecker(configConverges({}), contextOf(late, { healedAt: 20 * S, endedAt: 200 * S })).findings!.map((x) => [x.message, x.value]);
    expect(f).toEqual([
      ["a1/app application: behind the server for 1s in all, longest 1s (from 10s to 11s)", S],
      ["a2/app application: behind the server for 40s in all, longest 40s (from 10s to 50s)", 40 * S],
    ]);
  });

  it("config-converges: a client whose node is down at the judging time is left out; a restarted one holds nothing until it applies", () => {
    const crash: FaultSpec = { action: "crash", node: "a2", at: 5 * S };
    expect(replayChecker(configConverges({ bound: "10s" }), contextOf(base, { healedAt: 0, endedAt: 100 * S, faults: [crash] })).violations).toEqual([]);
    const restarted = [...base, start(30 * S, "a2/app")];
    const v = replayChecker(configConverges({ bound: "30s" }), contextOf(restarted, { healedAt: 0, endedAt: 100 * S, faults: [{ ...crash, duration: 25 * S }] })).violations;
    expect(v.map((x) => x.message)).toEqual(["at 40s a2/app holds application not at all, but version 2 was released"]);
  });

  it("config-converges: when the run ends before the judging time it says so and judges nothing", () => {
    const r = replayChecker(configConverges({ bound: "2m" }), contextOf(base, { healedAt: 0, endedAt: 60 * S }));
    expect(r.violations).toEqual([]);
    expect(r.findings![0].message).toBe("the run ended 70s too early to judge convergence (healed at 0us, last release at 10s)");
  });
});
