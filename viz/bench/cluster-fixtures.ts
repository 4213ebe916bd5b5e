import type { Scenario } from "../../engine/scenario";

const MS = 1000;

/**
 * A scenario of `servers` echo servers and `clients` clients, each calling three of them, with a
 * crash and a partition: 1,000 nodes by default and about 100,000 events in its 10 s, for the
 * cluster view's frame budget (viz/test/cluster.e2e.test.ts).
 */
export function thousandNodes(servers = 900, clients = 100): Scenario {
  const nodes = [...Array.from({ length: clients }, (_, i) => ({ name: `c${i}` })), ...Array.from({ length: servers }, (_, i) => ({ name: `s${i}` }))];
  return {
    name: "thousand-nodes", seed: 3, duration: 10_000_000, nodes,
    processes: [
      ...Array.from({ length: servers }, (_, i) => ({ node: `s${i}`, name: "echo", kind: "echo-server", config: { serviceTime: 2 * MS } })),
      ...Array.from({ length: clients }, (_, i) => ({
        node: `c${i}`, name: "client", kind: "echo-client",
        config: { targets: [0, 1, 2].map((k) => `s${(i * 9 + k * 301) % servers}/echo`), rate: 14 },
      })),
    ],
    network: { latency: { dist: "lognormal", median: 3 * MS, sigma: 0.5 } },
    faults: [{ at: 3_000_000, action: "crash", node: "s5", duration: 2_000_000 }, { at: 6_000_000, action: "partition", groups: [["c0", "c1", "s0"]], duration: 1_000_000 }],
  };
}
