import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { CheckSpec, FaultSpec, Scenario, TriggerSpec } from "../../scenario";
import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { builtinProcesses } from "../../systems/catalog";
import { configCheckers, configProcesses } from "../../systems/config/config-catalog";

/** The built-in kinds plus the configuration center's, for tests that run before the catalog names them. */
export const testCatalog: ProcessCatalog = { ...builtinProcesses, ...configProcesses };
/** The configuration center's checkers. */
export const testCheckers: CheckerCatalog = { ...configCheckers };

/**
 * A config server on `cs`, an admin node releasing `application` at the given times (the items
 * {v: "<i+2>"}), and config clients on a1..aN, over 1 ms links. Test code only.
 */
export function configScenario(s: { clients?: number; releasesAt: Micros[]; duration: Micros; faults?: FaultSpec[]; triggers?: TriggerSpec[]; checks?: CheckSpec[]; client?: Record<string, unknown> }): Scenario {
  const apps = Array.from({ length: s.clients ?? 3 }, (_, i) => `a${i + 1}`);
  return {
    name: "config-test",
    seed: 1,
    duration: s.duration,
    nodes: ["cs", "admin", ...apps].map((name) => ({ name })),
    network: { latency: { dist: "constant", value: MS } },
    processes: [
      { node: "cs", name: "config", kind: "config-server", config: { namespaces: { application: { v: "1" } } } },
      { node: "admin", name: "release", kind: "config-release", config: { releases: s.releasesAt.map((at, i) => ({ at, items: { v: String(i + 2) } })) } },
      ...apps.map((node) => ({ node, name: "app", kind: "config-client", config: { ...s.client } })),
    ],
    faults: s.faults,
    triggers: s.triggers,
    checks: s.checks,
  } as Scenario;
}

/** `SECOND` again, so tests read as seconds. */
export const S = SECOND;
