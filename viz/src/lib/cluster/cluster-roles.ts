import type { Scenario } from "../../../../engine/scenario";
import type { TraceBundle } from "../trace/trace-bundle";

/**
 * The roles the cluster view lays nodes out by, left to right in the order a call travels:
 * clients, gateways, registries and coordinators (the control plane), service instances,
 * brokers, and replicas and stores.
 */
export type Role = "client" | "gateway" | "registry" | "instance" | "broker" | "store";
export const ROLE_ORDER: readonly Role[] = ["client", "gateway", "registry", "instance", "broker", "store"];

/**
 * Patterns tried in order on a process's catalog kind (`kafka-consumer`, `etcd-server`) or,
 * for a trace file that names no kinds, its process name (`client`, `registry`). Clients come
 * first so that `queue-consumer` and `redis-client` are clients, not brokers or stores.
 */
const RULES: ReadonlyArray<readonly [RegExp, Role]> = [
  [/client|producer|consumer|publisher|workload|admin|release|agent|refresh|caller|user|driver/, "client"],
  [/gateway|proxy|balancer|ingress|^lb\b/, "gateway"],
  [/registry|eureka|nacos|consul|config-server|config-center|sentinel|coordinator|controller|failover|scheduler/, "registry"],
  [/broker|queue|kafka|rabbit|rocket|bus|\bmq\b/, "broker"],
  [/etcd|zk|zookeeper|raft|paxos|mongo|mysql|redis|replica|store|kv|db|database|collector|participant|storage|primary|follower/, "store"],
];

/** The role of one process, from its kind or name. Anything unrecognised is a service instance. */
export function roleOfKind(kind: string): Role {
  const k = kind.toLowerCase();
  for (const [re, role] of RULES) if (re.test(k)) return role;
  return "instance";
}

/** Catalog kinds that run a consensus protocol: their nodes are drawn on a ring. */
const CONSENSUS = /etcd-server|zk-server|zookeeper|raft|paxos|mongod|consensus/;
/** Balancing strategies that place instances on a hash ring. */
const HASH_RING = /"strategy":"(ketama|consistent[^"]*|ring[^"]*|maglev)"/;

/** What the cluster view knows of each node. */
export interface NodeInfo {
  name: string;
  role: Role;
  /** The kinds (or names) of its processes, for labels. */
  kinds: string[];
  /** Nodes with the same ring name are drawn on one circle (a consensus group, a hash ring). */
  ring: string | null;
}

/**
 * Each node's role: from the scenario's process kinds when the run came from a scenario, else
 * from the trace's process names (a trace file names no kinds). A node with several processes
 * takes the role of its first non-client process: a machine that serves is drawn as a server.
 */
export function nodeRoles(bundle: Pick<TraceBundle, "nodes" | "lanes">, scenario: Pick<Scenario, "processes"> | null): NodeInfo[] {
  const kinds = bundle.nodes.map(() => [] as string[]);
  const index = new Map(bundle.nodes.map((n, i) => [n, i]));
  let hashRing = false;
  if (scenario) {
    for (const p of scenario.processes) {
      const i = index.get(p.node);
      if (i === undefined) continue;
      kinds[i].push(p.kind ?? p.name);
      if (p.config && HASH_RING.test(safeJson(p.config))) hashRing = true;
    }
  }
  for (const lane of bundle.lanes) {
    if (lane.proc !== null && kinds[lane.nodeIndex].length === 0) kinds[lane.nodeIndex].push(lane.proc);
  }
  return bundle.nodes.map((name, i) => {
    const ks = kinds[i].length > 0 ? [...new Set(kinds[i])] : [name];
    const roles = ks.map(roleOfKind);
    const role = roles.find((r) => r !== "client") ?? roles[0];
    const consensus = ks.find((k) => CONSENSUS.test(k.toLowerCase()));
    const ring = consensus ? `consensus:${consensus}` : hashRing && role === "instance" ? "hash-ring" : null;
    return { name, role, kinds: ks, ring };
  });
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return "";
  }
}
