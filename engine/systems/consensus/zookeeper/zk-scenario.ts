import type { Micros } from "../../../core/time";
import { MS, SECOND } from "../../../core/time";
import type { CheckSpec, FaultSpec, Scenario, Seed } from "../../../scenario";
import { RAFT_PROFILES } from "../raft-options";

/** The checkers every ZooKeeper scenario runs unless it says otherwise: Raft's safety and ZooKeeper's session and watch rules. */
export const ZK_CHECKS: CheckSpec[] = [
  { name: "election-safety" }, { name: "state-machine-safety" },
  { name: "ephemerals-die-with-session" }, { name: "watch-fires-once" }, { name: "watch-delivery-order" }, { name: "one-lock-holder" },
];

/**
 * What `zkScenario` builds: `servers` zk-servers z1..zN (or on n1..nN beside the clients with
 * `colocated`), clients c1..cM each with its own config, FIFO links (ZooKeeper runs on TCP).
 */
export interface ZkScenarioOptions {
  name?: string;
  seed?: Seed;
  /** Default 10 s. */
  duration?: Micros;
  /** Default 3. */
  servers?: number;
  /** Every server's config (Raft and ZooKeeper keys), or one per server (0-based). */
  server?: Record<string, unknown> | ((i: number) => Record<string, unknown>);
  /** Default `etcd`'s Raft timings are too slow for short runs: default none (the paper's). */
  profile?: string;
  /** One config per client; client i runs on its own node c<i+1>, or on the server's node n<i+1> when `colocated`. */
  clients: Record<string, unknown>[];
  colocated?: boolean;
  faults?: FaultSpec[];
  checks?: CheckSpec[];
}

/** Builds a ZooKeeper-on-Raft scenario in code; tests and programs use it. */
export function zkScenario(o: ZkScenarioOptions): Scenario {
  const n = o.servers ?? 3;
  const serverNode = (i: number) => (o.colocated ? `n${i + 1}` : `z${i + 1}`);
  const clientNode = (i: number) => (o.colocated ? `n${i + 1}` : `c${i + 1}`);
  const nodes = [...new Set([...Array.from({ length: n }, (_, i) => serverNode(i)), ...o.clients.map((_, i) => clientNode(i))])];
  const serverConfig = (i: number) => (typeof o.server === "function" ? o.server(i) : o.server ?? {});
  return {
    name: o.name ?? "zookeeper-raft",
    seed: o.seed ?? 1,
    duration: o.duration ?? 10 * SECOND,
    nodes: nodes.map((name) => ({ name })),
    processes: [
      ...Array.from({ length: n }, (_, i) => ({ node: serverNode(i), name: "zk", kind: "zk-server", config: { ...(o.profile ? RAFT_PROFILES[o.profile] : {}), tickTimeUs: 200 * MS, ...serverConfig(i) } })),
      ...o.clients.map((config, i) => ({ node: clientNode(i), name: "client", kind: "zk-client", config })),
    ],
    network: { latency: { dist: "uniform", min: 1 * MS, max: 3 * MS }, fifo: true },
    ...(o.faults ? { faults: o.faults } : {}),
    checks: o.checks ?? ZK_CHECKS,
  } as Scenario;
}
