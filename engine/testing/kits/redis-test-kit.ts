import type { Micros } from "../../core/time";
import { MS } from "../../core/time";
import type { CheckSpec, FaultSpec, Scenario } from "../../scenario";

/**
 * A primary `redis` on p with replicas on r1 and r2, three sentinels on s1..s3 (unless
 * `sentinels` is false), and list-append clients on c1 and c2 (10 requests a second each, five
 * keys, a final read at `finalReadAt`), over 1 ms links. Test code only.
 */
export function redisScenario(s: {
  duration: Micros; faults?: FaultSpec[]; checks?: CheckSpec[]; seed?: number;
  server?: Record<string, unknown>; servers?: Record<string, Record<string, unknown>>;
  sentinel?: Record<string, unknown>; sentinels?: boolean; client?: Record<string, unknown>; clients?: string[];
}): Scenario {
  const sentinels = s.sentinels === false ? [] : ["s1", "s2", "s3"];
  const clients = s.clients ?? ["c1", "c2"];
  return {
    name: "redis-test",
    seed: s.seed ?? 1,
    duration: s.duration,
    nodes: ["p", "r1", "r2", ...sentinels, ...clients].map((name) => ({ name })),
    network: { latency: { dist: "constant", value: MS } },
    processes: [
      ...["p", "r1", "r2"].map((node) => ({ node, name: "redis", kind: "redis-server", config: { ...(node === "p" ? {} : { replicaof: "p/redis" }), ...s.server, ...s.servers?.[node] } })),
      ...sentinels.map((node) => ({ node, name: "sentinel", kind: "redis-sentinel", config: { monitor: "p/redis", ...s.sentinel } })),
      ...clients.map((node) => ({ node, name: "client", kind: "redis-client", config: { arrival: { pattern: "poisson", ratePerSecond: 10 }, ...(sentinels.length === 0 ? { primary: "p/redis" } : {}), ...s.client } })),
    ],
    faults: s.faults,
    checks: s.checks ?? [{ name: "no-acknowledged-write-lost" }],
  } as Scenario;
}
