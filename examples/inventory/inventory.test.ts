import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { run } from "../../engine/index";
import { loadScenario } from "../../scenarios/index";
import { main } from "../../cli/main";
import { expectScenario } from "../../testing/index";
import { builtinCheckers, builtinProcesses } from "../../engine/systems/catalog";
import * as inventory from "./inventory.js";

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const catalog = { ...builtinProcesses, ...inventory.processes };
const checkers = { ...builtinCheckers, ...inventory.checkers };

function load(file: string) {
  const loaded = loadScenario(readFileSync(here(file), "utf8"), {
    file: here(file), catalog, checkers, resolve: (p) => readFileSync(here(p), "utf8"),
  });
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
  return loaded.scenario;
}

describe("example: a team's own service under faults", () => {
  it("inventory: syncing before acknowledging loses nothing, over ten nemesis seeds", async () => {
    const scenario = load("inventory-crash.yaml");
    for (let seed = 1; seed <= 10; seed++) {
      const result = await run(scenario, { seed, catalog, checkers });
      expect(result.faults.length).toBeGreaterThan(0);
      expect(result.checks.map((c) => [c.name, c.status])).toEqual([["acked-reservations-durable", "held"]]);
    }
  });

  it("inventory: acknowledging before syncing loses acknowledged reservations, and the checker says so", async () => {
    const scenario = load("inventory-lost-acks.yaml");
    const result = await run(scenario, { seed: 1, catalog, checkers });
    expect(result.checks[0].status).toBe("violated");
    expect(result.checks[0].violations[0].message).toMatch(/store\/primary recovered \d+ reservations, but \d+ had been acknowledged/);
    expect(result.passed).toBe(true);
  });

  it("inventory: expectScenario (clustersim/vitest) runs both files over their own seeds, modules and all", async () => {
    const crash = await expectScenario(here("inventory-crash.yaml"));
    expect(crash.seeds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const lost = await expectScenario(here("inventory-lost-acks.yaml"), { seeds: "1..3" });
    expect(lost.results.every((r) => r.checks[0].status === "violated" && r.passed)).toBe(true);
  }, 120_000);

  it("inventory: the clustersim command loads the module named in the scenario and runs it", async () => {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
    let code: number;
    try {
      code = await main(["run", here("inventory-lost-acks.yaml"), "--seed", "1", "--json"]);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    const result = JSON.parse(out.join(""));
    expect(result.checks[0]).toMatchObject({ name: "acked-reservations-durable", status: "violated", passed: true });
  });
});
