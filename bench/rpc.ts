import { simulate, MS, SECOND, type Scenario, type ProcessFactory, type Recording } from "../engine/index";

/**
 * Clients calling servers over the simulated network with plain (fast path) handlers: every node
 * runs a process that sends requests to random peers at a Poisson rate and answers theirs.
 * `calls` requests in all, whatever the node count: the offered load per node stays the same.
 */
export async function rpcRun(nodes: number, calls: number, recording: Recording, now: () => number) {
  const ratePerNode = 100; // requests per second per node
  const duration = Math.ceil((calls / (nodes * ratePerNode)) * SECOND);
  const names = Array.from({ length: nodes }, (_, i) => `n${i}`);
  const addresses = names.map((n) => `${n}/p`);
  let replies = 0;
  const factory: ProcessFactory = (rt) => {
    const mean = SECOND / ratePerNode;
    const tick = () => {
      rt.send(addresses[rt.random.int(nodes)], "req", null);
      rt.setTimer(rt.random.exponential(mean), tick);
    };
    return {
      start: () => { rt.setTimer(rt.random.exponential(mean), tick); },
      message: (m) => {
        if (m.type === "req") rt.send(m.from, "resp", null);
        else replies++;
      },
    };
  };
  const scenario: Scenario = {
    name: `bench-rpc-${nodes}`, duration, seed: 1,
    nodes: names.map((name) => ({ name })),
    processes: names.map((node) => ({ node, name: "p", factory })),
    network: { latency: { dist: "exponential", mean: 1 * MS } },
  };
  const t0 = now();
  const sim = await simulate(scenario, { recording });
  const wallSeconds = (now() - t0) / 1000;
  return { sim, replies, wallSeconds, events: sim.result.stats.events };
}
