import type { Micros } from "../../core/time";
import { MS } from "../../core/time";
import type { CheckSpec, FaultSpec, Scenario } from "../../scenario";

/**
 * A MySQL source `mysql` on m with semisynchronous replication on, replicas on r1 (and r2 with
 * `replicas: 2`) acknowledging semisynchronously, an MHA-like manager on f, and list-append
 * clients on c1 and c2 (10 requests a second each), over 1 ms links. Test code only.
 */
export function mysqlScenario(s: {
  duration: Micros; faults?: FaultSpec[]; checks?: CheckSpec[]; seed?: number; replicas?: 1 | 2;
  source?: Record<string, unknown>; client?: Record<string, unknown>;
}): Scenario {
  const replicas = s.replicas === 2 ? ["r1", "r2"] : ["r1"];
  return {
    name: "mysql-test",
    seed: s.seed ?? 1,
    duration: s.duration,
    nodes: ["m", ...replicas, "f", "c1", "c2"].map((name) => ({ name })),
    network: { latency: { dist: "constant", value: MS } },
    processes: [
      { node: "m", name: "mysql", kind: "mysql-server", config: { rpl_semi_sync_source_enabled: true, ...s.source } },
      ...replicas.map((node) => ({ node, name: "mysql", kind: "mysql-server", config: { source_host: "m/mysql", rpl_semi_sync_replica_enabled: true } })),
      { node: "f", name: "mha", kind: "mysql-failover", config: { source: "m/mysql" } },
      ...["c1", "c2"].map((node) => ({ node, name: "client", kind: "mysql-client", config: { arrival: { pattern: "poisson", ratePerSecond: 10 }, ...s.client } })),
    ],
    faults: s.faults,
    checks: s.checks ?? [{ name: "no-acknowledged-write-lost" }],
  } as Scenario;
}
