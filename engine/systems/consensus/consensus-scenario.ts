import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { CheckSpec, FaultSpec, NemesisSpec, Scenario, Seed, TriggerSpec } from "../../scenario";
import type { LatencySpec } from "../../net/latency-spec";
import { RAFT_PROFILES } from "./raft-options";

/**
 * What `etcdScenario` builds: `servers` etcd servers on n1..nN and a client beside each of the
 * first `clients` servers (on the same node, as Jepsen runs its clients: a partition cuts a
 * client off together with its server, so it sees what that side of the cluster answers).
 */
export interface EtcdScenarioOptions {
  name?: string;
  seed?: Seed;
  /** Default 10 s. */
  duration?: Micros;
  /** Default 3. */
  servers?: number;
  /** Default: one beside every server. */
  clients?: number;
  /** Every server's config, or one per server (0-based). */
  server?: Record<string, unknown> | ((i: number) => Record<string, unknown>);
  /** A server profile (`etcd`, `raft-paper`); default none (the paper's timeouts). */
  profile?: string;
  client?: Record<string, unknown>;
  /** Latency of every link; default uniform 1-3 ms. */
  latency?: LatencySpec;
  faults?: FaultSpec[];
  triggers?: TriggerSpec[];
  nemesis?: NemesisSpec;
  checks?: CheckSpec[];
  clock?: (i: number) => { skew?: Micros; driftPpm?: number } | undefined;
}

/** Raft's Figure 3 safety checkers, which every consensus scenario runs unless it says otherwise. */
export const RAFT_CHECKS: CheckSpec[] = [
  { name: "one-vote-per-term" },
  { name: "election-safety" }, { name: "log-matching" }, { name: "leader-completeness" }, { name: "state-machine-safety" }, { name: "lease-safety" }, { name: "fresh-reads" },
];

/** Builds an etcd-on-Raft scenario in code, as the library's YAML files spell it out. Tests and programs use it. */
export function etcdScenario(o: EtcdScenarioOptions = {}): Scenario {
  const n = o.servers ?? 3;
  const ids = Array.from({ length: n }, (_, i) => i);
  const clients = Array.from({ length: o.clients ?? n }, (_, i) => `n${i + 1}`);
  const serverConfig = (i: number) => (typeof o.server === "function" ? o.server(i) : o.server ?? {});
  return {
    name: o.name ?? "etcd-raft",
    seed: o.seed ?? 1,
    duration: o.duration ?? 10 * SECOND,
    nodes: ids.map((i) => ({ name: `n${i + 1}`, ...(o.clock?.(i) ? { clock: o.clock(i) } : {}) })),
    processes: [
      ...ids.map((i) => ({ node: `n${i + 1}`, name: "etcd", kind: "etcd-server", config: { ...(o.profile ? RAFT_PROFILES[o.profile] : {}), ...serverConfig(i) } })),
      ...clients.map((node) => ({ node, name: "client", kind: "etcd-client", config: { arrival: { pattern: "closed", concurrency: 2, think: 20 * MS }, home: `${node}/etcd`, ...o.client } })),
    ],
    network: { latency: o.latency ?? { dist: "uniform", min: 1 * MS, max: 3 * MS } },
    ...(o.faults ? { faults: o.faults } : {}),
    ...(o.triggers ? { triggers: o.triggers } : {}),
    ...(o.nemesis ? { nemesis: o.nemesis } : {}),
    checks: o.checks ?? RAFT_CHECKS,
  } as Scenario;
}
