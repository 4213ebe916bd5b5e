import type { Scenario } from "../../../../engine/scenario";

const MS = 1_000, SECOND = 1_000_000;

/**
 * Scenarios written as typed objects, built into the page: they run with the engine's built-in
 * echo processes, so they work whatever the YAML library holds, and the tests have a scenario
 * whose every event they can predict.
 */
export const FIXTURES: Scenario[] = [
  {
    name: "echo-crash-partition",
    description:
      "Two clients call three echo servers. At 2 s server s1 crashes for 3 s: watch c1's calls to it fail (red crosses, " +
      "'node-down') and c1 fail over to s2. At 4 s the network splits: calls across the cut are dropped ('partition'). " +
      "Everything heals by 6 s and traffic evens out again.",
    seed: 7,
    duration: 8 * SECOND,
    nodes: [{ name: "s1" }, { name: "s2" }, { name: "s3" }, { name: "c1" }, { name: "c2" }],
    processes: [
      { node: "s1", name: "echo", kind: "echo-server", config: { serviceTime: 2 * MS } },
      { node: "s2", name: "echo", kind: "echo-server", config: { serviceTime: 2 * MS } },
      { node: "s3", name: "echo", kind: "echo-server", config: { serviceTime: 2 * MS } },
      { node: "c1", name: "client", kind: "echo-client", config: { targets: ["s1/echo", "s2/echo", "s3/echo"], rate: 20 } },
      { node: "c2", name: "client", kind: "echo-client", config: { targets: ["s2/echo", "s3/echo", "s1/echo"], rate: 20 } },
    ],
    network: { latency: { dist: "lognormal", median: 2 * MS, sigma: 0.5 } },
    faults: [
      { at: 2 * SECOND, action: "crash", node: "s1", duration: 3 * SECOND },
      { at: 4 * SECOND, action: "partition", groups: [["c1", "s1", "s2"], ["c2", "s3"]], duration: 2 * SECOND },
    ],
    checks: [{ name: "every-call-ends" }],
    expect: [{ metric: "latency", stat: "p99", op: "<", value: 250 * MS, text: "p99(latency) < 250ms" }],
    narration: [
      { at: 2 * SECOND, text: "s1 crashes. Messages already on their way to it are dropped with reason node-down; its clients time out and fail over." },
      { at: 4 * SECOND, text: "The network splits into {c1, s1, s2} and {c2, s3}. Calls across the cut are dropped at once." },
      { at: 6 * SECOND, text: "The partition heals. s1 has been back since 5 s, so all three servers take traffic again." },
    ],
    tags: { topic: "basics" },
  },
  {
    name: "echo-lossy-link",
    description:
      "One client calls one server over a link that loses 10% of messages and duplicates 5%. Lost requests and replies " +
      "show as red crosses ('loss'); duplicates arrive twice. The client's timeouts turn each loss into an error.",
    seed: 3,
    duration: 4 * SECOND,
    nodes: [{ name: "server" }, { name: "client" }],
    processes: [
      { node: "server", name: "echo", kind: "echo-server", config: { serviceTime: 1 * MS } },
      { node: "client", name: "app", kind: "echo-client", config: { targets: ["server/echo"], rate: 25, timeout: 100 * MS } },
    ],
    network: { latency: { dist: "uniform", min: 1 * MS, max: 4 * MS }, lossRatio: 0.1, duplicateRatio: 0.05 },
    checks: [{ name: "every-call-ends" }],
    tags: { topic: "basics" },
  },
];
