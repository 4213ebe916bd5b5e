import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { SECOND } from "../../core/time";
import { builtinCheckers, builtinProcesses, simulate } from "../../index";
import { loadScenario } from "../../../scenarios/loader";
import type { Simulation } from "../../run-options";

// Each test reproduces a rule of ../shared/REFERENCE.md §7 [MONGO] (the MongoDB manual:
// replica set elections, write concern, read concern, rollbacks during failover), on the
// library's replica set (scenarios/library/stores/mongo-w1-rollback.yaml) with overrides.
const S = SECOND;
const lib = fileURLToPath(new URL("../../../scenarios/library/stores/", import.meta.url));
const run = async (file: string, sets: string[] = [], seed = 1): Promise<Simulation> => {
  const r = loadScenario(readFileSync(join(lib, file), "utf8"), { file: join(lib, file), catalog: builtinProcesses, checkers: builtinCheckers, sets, resolve: (p, from) => readFileSync(join(dirname(from), p), "utf8") });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return simulate(r.scenario, { seed, recording: "off", keepHistory: true });
};
const records = (sim: Simulation, event: string) => sim.history.filter((h) => h.event === event);
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;

describe("MongoDB replica set [MONGO]", () => {
  it("MONGO electionTimeoutMillis (default 10000): the cut-off primary steps down, and the majority elects a new one, about 10 s after the last heartbeat; with 4000, about 4 s", async () => {
    for (const [sets, after] of [[[], 10], [["services.0.config.electionTimeoutMillis=4000", "services.1.config.electionTimeoutMillis=4000"], 4]] as const) {
      const sim = await run("mongo-w1-rollback.yaml", [...sets]);
      const down = records(sim, "mongo-stepdown");
      expect(down.map((h) => h.address), JSON.stringify(sets)).toEqual(["p/mongo"]);
      expect(down[0].t).toBeGreaterThan((20 + after - 0.1) * S);
      expect(down[0].t).toBeLessThan((20 + after + 2.1) * S);
      const elected = records(sim, "mongo-state").filter((h) => h.fields.state === "PRIMARY" && h.fields.term === 2);
      expect(elected.length).toBe(1);
      expect(elected[0].t).toBeGreaterThan((20 + after - 2.1) * S);
      expect(elected[0].t).toBeLessThan((20 + after * 1.15 + 2.1) * S);
    }
  });

  it("MONGO w: 1 writes that did not reach a majority are rolled back when the old primary rejoins: every lost acknowledged write is one the rollback removed", async () => {
    const sim = await run("mongo-w1-rollback.yaml");
    const rollback = records(sim, "mongo-rollback");
    expect(rollback.map((h) => h.address)).toEqual(["p/mongo"]);
    const lost = check(sim, "no-acknowledged-write-lost");
    expect(lost.status).toBe("violated");
    expect(lost.findings[0].value).toBe(rollback[0].fields.entries);
  });

  it("MONGO w: \"majority\" (the default since 5.0): the same rollback loses no acknowledged write; readConcern local reads the doomed writes, readConcern majority does not", async () => {
    const local = await run("mongo-w-majority.yaml");
    expect(records(local, "mongo-rollback")[0].fields.entries).toBeGreaterThan(50);
    expect(check(local, "no-acknowledged-write-lost").status).toBe("held");
    expect(check(local, "no-read-of-lost-write").status).toBe("violated");
    const majority = await run("mongo-w-majority.yaml", ["workload.0.config.readConcern=majority"]);
    expect(check(majority, "no-acknowledged-write-lost").status).toBe("held");
    expect(check(majority, "no-read-of-lost-write").findings[0].value).toBe(0);
  });
});
