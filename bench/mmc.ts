import { simulate, SECOND, type Scenario, type ProcessFactory } from "../engine/index";

/**
 * The M/M/c queue on the engine's public API: one process, arrivals and departures as timers,
 * times in whole microseconds (one time unit of the model = one virtual second).
 */
export async function mmcEngine(n: number, c: number, lambda: number, mu: number, seed: number, now: () => number) {
  let served = 0, waitSum = 0;
  const factory: ProcessFactory = (rt) => {
    const queue = new Float64Array(n);
    let head = 0, tail = 0, busy = 0, arrived = 0;
    const meanArrival = SECOND / lambda, meanService = SECOND / mu;
    const depart = () => {
      if (head < tail) {
        waitSum += rt.now() - queue[head++];
        served++;
        rt.setTimer(rt.random.exponential(meanService), depart);
      } else busy--;
    };
    const arrive = () => {
      arrived++;
      if (arrived < n) rt.setTimer(rt.random.exponential(meanArrival), arrive);
      if (busy < c) {
        busy++;
        served++;
        rt.setTimer(rt.random.exponential(meanService), depart);
      } else queue[tail++] = rt.now();
    };
    return { start: () => { rt.setTimer(rt.random.exponential(meanArrival), arrive); } };
  };
  const scenario: Scenario = {
    name: "bench-mmc", duration: Number.MAX_SAFE_INTEGER, seed,
    nodes: [{ name: "q" }], processes: [{ node: "q", name: "mmc", factory }],
  };
  const t0 = now();
  const sim = await simulate(scenario, { recording: "off", limits: { maxEvents: 10 * n } });
  const wallSeconds = (now() - t0) / 1000;
  return { customers: served, events: sim.result.stats.events, wallSeconds, meanWait: waitSum / served / SECOND };
}
