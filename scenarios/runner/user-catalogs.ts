import type { Catalogs } from "./catalogs";
import { importCatalogs } from "./catalogs";
import { importModule } from "./import-module";
import { virtualTimeCatalog } from "../sandbox/virtual-time";

/**
 * How the Node host loads a scenario's `modules:`: TypeScript compiled on import, and every kind
 * a module exports run under virtual time (its timers, `Date`, `performance.now` and
 * `Math.random` are its process's: see scenarios/sandbox/), so a team's code and the libraries it
 * uses are deterministic without being written for the simulator. The built-in kinds are the
 * engine's own and never touch those globals, so they are left as they are. Node-only.
 */
export function importUserCatalogs(modules: readonly string[]): Promise<Catalogs> {
  return importCatalogs(modules, importModule, virtualTimeCatalog);
}
