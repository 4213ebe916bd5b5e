import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { FaultSpec, Scenario, TriggerSpec } from "../../engine/scenario";
import { formatMicros, MS, SECOND } from "../../engine/core/time";
import { loadScenario } from "../loader";
import { faultYaml, shrunkScenarioYaml, triggerYaml } from "./scenario-yaml";

const base = `name: yaml-test
duration: 10s
nodes: [a, b, c]
processes:
  - kind: echo-server
    name: echo
    on: [a, b, c]
`;

/** Every fault action the engine knows, with the odd units (microseconds, negative offsets). */
const faults: FaultSpec[] = [
  { at: 1 * SECOND, action: "crash", node: "a", duration: 250 * MS },
  { at: 1_500_001, action: "restart", node: "a" },
  { at: 2 * SECOND, action: "pause", node: "b", duration: 1_500 },
  { at: 2_100 * MS, action: "resume", node: "b" },
  { at: 3 * SECOND, action: "partition", groups: [["a"], ["b", "c"]], duration: 1 * SECOND },
  { at: 3 * SECOND, action: "isolate", node: "c", duration: 1 * SECOND },
  { at: 4 * SECOND, action: "cut", from: "a", to: "b", duration: 500 * MS },
  { at: 4 * SECOND, action: "bridge", groups: [["a"], ["c"]], bridge: "b", duration: 500 * MS },
  { at: 5 * SECOND, action: "ring", duration: 200 * MS },
  { at: 5_500 * MS, action: "heal" },
  { at: 6 * SECOND, action: "skew", node: "a", offset: -250 * MS },
  { at: 6 * SECOND, action: "drift", node: "b", ppm: 50 },
  { at: 7 * SECOND, action: "link", from: "a", to: "b", link: { latency: { dist: "exponential", mean: 200 * MS }, lossRatio: 0.5 }, duration: 1 * SECOND },
  { at: 7 * SECOND, action: "link", link: { latency: { dist: "constant", value: 3 * MS }, duplicateRatio: 0.25, fifo: true } },
  { at: 8 * SECOND, action: "link", from: "c", link: { latency: { dist: "lognormal", median: 2 * MS, sigma: 0.5 } } },
  { at: 8 * SECOND, action: "link", to: "c", link: { latency: { dist: "table", points: [[50, 2 * MS], [99, 20 * MS]] } } },
];

describe("scenario YAML", () => {
  it("yaml: durations are exact in the largest unit that divides them", () => {
    expect([0, 2 * SECOND, 250 * MS, 1_500, -250 * MS, 1_000_001].map((t) => formatMicros(t, "exact"))).toEqual(["0", "2s", "250ms", "1500us", "-250ms", "1000001us"]);
  });

  it("yaml: every fault action written in the file format loads back to the same fault", () => {
    const text = base + stringify({ faults: faults.map(faultYaml) });
    const loaded = loadScenario(text, { file: "t.yaml" });
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join("\n"));
    expect(loaded.scenario.faults).toEqual(faults);
  });

  it("yaml: triggers written in the file format load back to the same triggers", () => {
    const triggers: TriggerSpec[] = [
      { when: { on: "send", from: "a/echo", type: "echo", nth: 3 }, do: { action: "crash", node: "a" }, duration: 100 * MS },
      { when: { on: "record", type: "call-end" }, do: { action: "partition", groups: [["a"], ["b"]] } },
    ];
    const loaded = loadScenario(base + stringify({ triggers: triggers.map(triggerYaml) }), { file: "t.yaml" });
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
    expect(loaded.scenario.triggers).toEqual(triggers);
  });

  it("yaml: the shrunk file keeps the author's text, drops the nemesis, bakes in --set, and sets the seed", () => {
    const text = `# kept comment\n${base}seeds: 1..5\nnemesis:\n  mix: { crash: 1 }\n  interval: 1s\n  duration: 100ms\nchecks: [every-call-ends]\n`;
    const original = loadScenario(text, { file: "t.yaml", sets: ["duration=20s"] });
    if (!original.ok) throw new Error("fixture invalid");
    const shrunk: Scenario = { ...original.scenario, nemesis: undefined, faults: [faults[0]], duration: 12 * SECOND };
    const out = shrunkScenarioYaml({ text, file: "t.yaml", cwd: "/", sets: ["duration=20s"], original: original.scenario, shrunk, seed: 4, note: "note line" });
    expect(out).toMatch(/^# note line\n/);
    expect(out).toContain("# kept comment");
    expect(out).not.toContain("nemesis");
    expect(out).not.toContain("seeds");
    const again = loadScenario(out, { file: "t.yaml" });
    if (!again.ok) throw new Error(again.errors.map((e) => e.message).join("\n"));
    expect(again.scenario).toMatchObject({ seed: 4, duration: 12 * SECOND, faults: [faults[0]], checks: [{ name: "every-call-ends" }] });
    expect(again.scenario.nemesis).toBeUndefined();
  });

  it("yaml: a file that extends another gets nemesis: null and its paths rebased for the new place", () => {
    const text = "extends: ../lib/base.yaml\nname: derived\nmodules: [./kinds.js, some-package]\n";
    const scenario = { name: "derived", duration: SECOND, nodes: [{ name: "a" }], processes: [], nemesis: { mix: { crash: 1 }, interval: { dist: "constant" as const, value: SECOND }, duration: { dist: "constant" as const, value: MS } } };
    const out = shrunkScenarioYaml({ text, file: "suite/sub/derived.yaml", cwd: "/w", out: "out/min.yaml", sets: [], original: scenario, shrunk: { ...scenario, nemesis: undefined, faults: [] }, seed: 1, note: "n" });
    expect(out).toContain("extends: ../suite/lib/base.yaml");
    expect(out).toContain("nemesis: null");
    expect(out).toContain("seeds: null");
    expect(out).toContain("../suite/sub/kinds.js");
    expect(out).toContain("some-package");
    expect(out).toContain("faults: []");
  });
});
