import { beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../engine/result";
import { run } from "../../engine/index";
import { MS, SECOND } from "../../engine/core/time";
import { checkers, lostWriteScenario, processes } from "./fixtures/lost-write";
import { searchDown, searchUp, shrinkFaults } from "./shrink";
import { failureKeys } from "./failure-signature";

const catalogs = { catalog: processes, checkers };

describe("shrinkFaults", () => {
  let original: RunResult;
  let s: Awaited<ReturnType<typeof shrinkFaults>>;
  beforeAll(async () => {
    const scenario = lostWriteScenario({ nemesis: true });
    original = await run(scenario, { seed: 1, ...catalogs });
    s = await shrinkFaults(scenario, 1, catalogs);
  });

  it("shrink: a planted lost write under 21 nemesis faults shrinks to the one crash of db", async () => {
    expect(original.passed).toBe(false);
    expect(original.schedule.faults.length).toBeGreaterThanOrEqual(20);
    expect(s.reproduced).toBe(true);
    expect(s.originalFaults).toBe(original.schedule.faults.length);
    expect(s.faults.length).toBeGreaterThanOrEqual(1);
    expect(s.faults.length).toBeLessThanOrEqual(2);
    expect(s.faults.some((f) => f.action === "crash" && f.node === "db")).toBe(true);
    expect(s.scenario.nemesis).toBeUndefined();
    expect(s.scenario.seed).toBe(1);
    expect(s.runs).toBeLessThanOrEqual(200);
    expect(failureKeys(s.result)).toContain("check:unique-acks");

    // The returned scenario replays the failure on its own: no nemesis, same seed.
    const again = await run(s.scenario, catalogs);
    expect(again.passed).toBe(false);
    expect(again.digest).toBe(s.result.digest);
  });

  it("shrink: shortens the kept fault and moves it later than it was", () => {
    const crash = s.faults.find((f) => f.action === "crash" && f.node === "db")!;
    const earliest = original.schedule.faults.filter((f) => f.action === "crash" && f.node === "db");
    expect(crash.at).toBeGreaterThan(Math.min(...earliest.map((f) => f.at)));
    expect(crash.duration).toBeLessThanOrEqual(Math.min(...earliest.map((f) => f.duration ?? Infinity)));
    expect(crash.at % MS).toBe(0);
  });

  it("shrink: a passing seed is returned unchanged after one run", async () => {
    const scenario = lostWriteScenario();
    const s = await shrinkFaults(scenario, 3, catalogs);
    expect(s).toMatchObject({ reproduced: false, runs: 1, scenario });
    expect(s.result.passed).toBe(true);
  });

  it("shrink: never spends more runs than maxRuns", async () => {
    const s = await shrinkFaults(lostWriteScenario({ nemesis: true }), 1, { ...catalogs, maxRuns: 5 });
    expect(s.runs).toBe(5);
    expect(s.reproduced).toBe(true);
    expect(s.result.passed).toBe(false);
  });

  it("shrink: a custom stillFails decides, and triggers that do not matter are removed", async () => {
    const scenario = {
      ...lostWriteScenario(),
      faults: [{ at: 2 * SECOND, action: "crash" as const, node: "db", duration: 100 * MS }],
      triggers: [{ when: { on: "send" as const, from: "app/client", nth: 5 }, do: { action: "pause" as const, node: "x1" }, duration: 10 * MS }],
    };
    const seen: number[] = [];
    const s = await shrinkFaults(scenario, 2, { ...catalogs, stillFails: (r) => !r.passed, onRun: (n) => seen.push(n) });
    expect(s.reproduced).toBe(true);
    expect(s.scenario.triggers).toBeUndefined();
    expect(s.faults).toHaveLength(1);
    expect(seen).toEqual(Array.from({ length: s.runs }, (_, i) => i + 1));
  });
});

describe("shrink searches", () => {
  it("searchDown: finds the smallest failing value on the grid", async () => {
    expect(await searchDown(0, 1000, 10, async (v) => v >= 373)).toBe(380);
  });
  it("searchUp: finds the largest failing value on the grid, trying the top first", async () => {
    const tried: number[] = [];
    expect(await searchUp(0, 1000, 10, async (v) => { tried.push(v); return v <= 612; })).toBe(610);
    expect(tried[0]).toBe(1000);
    expect(await searchUp(0, 1000, 10, async () => true)).toBe(1000);
  });
});
