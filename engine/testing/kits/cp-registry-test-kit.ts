import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { CheckSpec, FaultSpec, NemesisSpec, Scenario } from "../../scenario";

/** The server kind of each CP registry profile, and a Raft timing for tests (etcd's, with the ZooKeeper tick at 500 ms). */
export const SERVER_KIND: Record<string, string> = { etcd: "etcd-server", zookeeper: "zk-server", "consul-catalog": "consul-server", "nacos-persistent": "nacos-server" };
const SERVER_CONFIG: Record<string, Record<string, unknown>> = {
  etcd: { heartbeat: "100ms", electionTimeoutMin: "1000ms", electionTimeoutMax: "2000ms", preVote: true, checkQuorum: true },
  zookeeper: { tickTimeUs: "500ms", heartbeat: "100ms", electionTimeoutMin: "1000ms", electionTimeoutMax: "2000ms", preVote: true, checkQuorum: true },
  "consul-catalog": { heartbeat: "100ms", electionTimeoutMin: "1000ms", electionTimeoutMax: "2000ms", preVote: true, checkQuorum: true },
  "nacos-persistent": { heartbeat: "100ms", electionTimeoutMin: "1000ms", electionTimeoutMax: "2000ms", preVote: true, checkQuorum: true },
};

/** A CP registry test scenario: the profile, its registry overrides, the client's, faults and length. */
export interface CpSpec {
  profile: keyof typeof SERVER_KIND;
  registry?: Record<string, unknown>;
  client?: Record<string, unknown>;
  faults?: FaultSpec[];
  nemesis?: NemesisSpec;
  checks?: CheckSpec[];
  seed?: number;
  duration?: Micros;
}

/** Three servers of the profile's store on r1..r3, backends b1..b3 of `api`, a client on c1 calling it 20 times a second. */
export function cpScenario(s: CpSpec): Scenario {
  const servers = ["r1", "r2", "r3"];
  const backends = ["b1", "b2", "b3"];
  const registry = { profile: s.profile, ...s.registry };
  return {
    name: `cp-${s.profile}`, seed: s.seed ?? 1, duration: s.duration ?? 30 * SECOND,
    nodes: [...servers, ...backends, "c1"].map((name) => ({ name })),
    network: { latency: { dist: "constant", value: MS } },
    processes: [
      ...servers.map((node) => ({ node, name: "store", kind: SERVER_KIND[s.profile], config: SERVER_CONFIG[s.profile] })),
      ...(s.profile === "nacos-persistent" ? servers.map((node) => ({ node, name: "health", kind: "nacos-health-check", config: { checkIntervalUs: "1s" } })) : []),
      ...backends.map((node) => ({ node, name: "api", kind: "backend", config: { latency: "2ms", registry } })),
      { node: "c1", name: "client", kind: "client", config: { service: "api", arrival: { pattern: "constant", ratePerSecond: 20 }, proxy: { timeoutUs: 200 * MS, registry: { ...registry, fetchIntervalUs: "2s", ...s.client } } } },
    ],
    faults: s.faults,
    nemesis: s.nemesis,
    checks: s.checks ?? [{ name: "every-call-ends" }],
  } as Scenario;
}

