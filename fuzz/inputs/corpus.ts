import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtinCheckers, builtinProcesses, simulate } from "../../engine/index";
import { loadScenario } from "../../scenarios/loader";
import { encodeShare } from "../../scenarios/share/share-link";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The seeds mutations start from: real files, a real trace, real share links. */
export interface Corpus {
  /** Every library scenario's text, by path. */
  scenarios: Array<{ file: string; text: string }>;
  /** A canonical trace (JSONL) of a short library run. */
  trace: Uint8Array;
  /** Share-link fragments of a few library scenarios, with seeds, faults and overrides. */
  shares: string[];
  /** Reads a library file by its base name, for `extends` (mutated files keep their names). */
  resolve: (name: string) => string | undefined;
  /** scenarios/schema.json. */
  schema: Record<string, unknown>;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  }).sort();
}

/** Reads the corpus: the library, one short run's trace, and share links made from the library. */
export async function loadCorpus(): Promise<Corpus> {
  const scenarios = yamlFiles(join(ROOT, "scenarios/library")).map((file) => ({ file, text: readFileSync(file, "utf8") }));
  const small = scenarios.find((s) => s.file.endsWith("2pc-happy-path.yaml")) ?? scenarios[0];
  const loaded = loadScenario(small.text, { file: small.file, catalog: builtinProcesses, checkers: builtinCheckers });
  if (!loaded.ok) throw new Error(`corpus: ${small.file} does not load: ${loaded.errors[0]?.message}`);
  const sim = await simulate({ ...loaded.scenario, duration: Math.min(loaded.scenario.duration, 2_000_000) }, { seed: 1, recording: "full" });
  const trace = new TextEncoder().encode(sim.trace!.toJSONL());
  const shares: string[] = [];
  for (const s of scenarios.slice(0, 6)) {
    shares.push(await encodeShare({ source: { kind: "yaml", text: s.text, file: "shared.yaml" }, seed: 7, faults: [{ at: 1_000_000, action: "crash", node: "n1" }], sets: ["workload.rate=5/s"], cursor: { t: 5, seq: 2 }, compare: { seed: 8, sets: [] } }));
  }
  shares.push(await encodeShare({ source: { kind: "object", scenario: loaded.scenario }, faults: [], sets: [] }));
  const schema = JSON.parse(readFileSync(join(ROOT, "scenarios/schema.json"), "utf8")) as Record<string, unknown>;
  const byName = new Map(scenarios.map((s) => [s.file.split("/").pop()!, s.text]));
  const resolve = (name: string) => byName.get(name.split("/").pop()!);
  return { scenarios, trace, shares, schema, resolve };
}
