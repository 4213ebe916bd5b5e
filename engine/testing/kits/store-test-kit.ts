import type { Micros } from "../../core/time";
import { MS } from "../../core/time";
import type { CheckSpec, FaultSpec, Scenario } from "../../scenario";
import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { builtinProcesses } from "../../systems/catalog";
import { storeCheckers, storeProcesses } from "../../systems/store/store-catalog";

/** The built-in kinds plus the store's, for tests that run before the catalog names them. */
export const testCatalog: ProcessCatalog = { ...builtinProcesses, ...storeProcesses };
/** The store's checkers. */
export const testCheckers: CheckerCatalog = { ...storeCheckers };

/**
 * Replicas `kv` on r1..r3 and clients on c1 and c2 (20 requests a second each, Poisson, 5 keys
 * unless the client config says otherwise), over 1 ms links. Test code only.
 */
export function storeScenario(s: { client: Record<string, unknown>; duration: Micros; faults?: FaultSpec[]; checks?: CheckSpec[]; seed?: number }): Scenario {
  return {
    name: "store-test",
    seed: s.seed ?? 1,
    duration: s.duration,
    nodes: ["r1", "r2", "r3", "c1", "c2"].map((name) => ({ name })),
    network: { latency: { dist: "constant", value: MS } },
    processes: [
      ...["r1", "r2", "r3"].map((node) => ({ node, name: "kv", kind: "kv-replica", config: {} })),
      ...["c1", "c2"].map((node) => ({ node, name: "client", kind: "kv-client", config: { arrival: { pattern: "poisson", ratePerSecond: 20 }, keyCount: 5, ...s.client } })),
    ],
    faults: s.faults,
    checks: s.checks ?? [{ name: "no-stale-reads" }, { name: "read-your-writes" }],
  } as Scenario;
}
