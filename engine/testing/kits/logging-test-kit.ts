import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { CheckSpec, FaultSpec, NetworkSpec, Scenario } from "../../scenario";
import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { builtinProcesses } from "../../systems/catalog";
import { loggingCheckers, loggingProcesses } from "../../systems/logging/logging-catalog";

/** The built-in kinds plus the log collection ones, for tests that run before the catalog names them. */
export const testCatalog: ProcessCatalog = { ...builtinProcesses, ...loggingProcesses };
/** The log collection checkers. */
export const testCheckers: CheckerCatalog = { ...loggingCheckers };

/**
 * A collector on `logs` and one agent per entry of `agents` (node name -> agent config), each
 * writing at a constant rate (10 lines a second unless the config says otherwise), over 1 ms
 * links. Test code only.
 */
export function loggingScenario(s: { agents: Record<string, Record<string, unknown>>; duration: Micros; faults?: FaultSpec[]; checks?: CheckSpec[]; network?: NetworkSpec; collector?: Record<string, unknown> }): Scenario {
  return {
    name: "logging-test",
    seed: 1,
    duration: s.duration,
    nodes: ["logs", ...Object.keys(s.agents)].map((name) => ({ name })),
    network: s.network ?? { latency: { dist: "constant", value: MS } },
    processes: [
      { node: "logs", name: "collector", kind: "log-collector", config: { ...s.collector } },
      ...Object.entries(s.agents).map(([node, config]) => ({ node, name: "agent", kind: "log-agent", config: { arrival: { pattern: "constant", ratePerSecond: 10 }, flushIntervalUs: SECOND, ...config } })),
    ],
    faults: s.faults,
    checks: s.checks,
  } as Scenario;
}
