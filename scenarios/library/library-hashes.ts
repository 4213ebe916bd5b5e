import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { simulate } from "../../engine/index";
import { TRACE_VERSION } from "../../engine/trace/trace-version";
import { loadScenario } from "../loader";
import { libraryCatalogs, readRelative } from "./library-modules";

/** The library folder (this file's own). */
export const LIBRARY_DIR = dirname(fileURLToPath(import.meta.url));

/** The golden file (beside the library, not in it: every file in the library is a scenario): every library scenario's trace hash per seed, as the engine computes it today. */
export const HASHES_FILE = join(LIBRARY_DIR, "..", "trace-hashes.json");

/** The seeds every library scenario is pinned at. */
export const PINNED_SEEDS = [1, 2] as const;

/** The golden file's content: the trace version the hashes belong to, and hashes by file and seed. */
export interface LibraryHashes {
  traceVersion: number;
  hashes: Record<string, Record<string, string>>;
}

/** Every library scenario file, relative to the library folder with `/` separators, sorted. */
export function libraryFiles(dir: string = LIBRARY_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith(".yaml")) out.push(relative(dir, join(d, e.name)).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** The trace hash of one library file at one seed, recorded in full. */
export async function libraryTraceHash(file: string, seed: number, dir: string = LIBRARY_DIR): Promise<string> {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  const { catalog, checkers } = await libraryCatalogs(path, text);
  const r = loadScenario(text, { file: path, catalog, checkers, resolve: readRelative });
  if (!r.ok) throw new Error(`${file}: ${r.errors.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`).join("; ")}`);
  const sim = await simulate(r.scenario, { seed, recording: "full", catalog, checkers });
  return sim.result.traceHash!;
}

/** Computes the golden hashes of the whole library, as `npm run hashes` writes them. */
export async function computeLibraryHashes(dir: string = LIBRARY_DIR): Promise<LibraryHashes> {
  const hashes: LibraryHashes["hashes"] = {};
  for (const file of libraryFiles(dir)) {
    hashes[file] = {};
    for (const seed of PINNED_SEEDS) hashes[file][String(seed)] = await libraryTraceHash(file, seed, dir);
  }
  return { traceVersion: TRACE_VERSION, hashes };
}

/** The golden file as stored. */
export function readLibraryHashes(file: string = HASHES_FILE): LibraryHashes {
  return JSON.parse(readFileSync(file, "utf8")) as LibraryHashes;
}
