import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import { CallError, type ProcessFactory } from "../../node/runtime-api";

/** Configuration of the echo client. */
export interface EchoClientConfig {
  /** Addresses to call, in turn; on an error the client tries the next one (failover). */
  targets: string[];
  /** Requests per second, Poisson arrivals. */
  rate?: number;
  /** Per-call timeout. */
  timeout?: Micros;
  /** Stop sending after this many requests (default: no limit). */
  limit?: number;
}

/**
 * A client for the demo: open-loop Poisson arrivals, round robin over its targets, failover to
 * the next target after an error. Every call is a `call-start`/`call-end` pair in the history.
 */
export const echoClient: ProcessFactory<EchoClientConfig> = (rt, config) => {
  const targets = config.targets;
  const rate = config.rate ?? 10;
  const timeout = config.timeout ?? 500 * MS;
  let next = 0;
  let sent = 0;
  const tick = () => {
    if (config.limit !== undefined && sent >= config.limit) return;
    sent++;
    void one(sent);
    rt.setTimer(Math.max(1, Math.round(rt.random.exponential(SECOND / rate))), tick, "arrival");
  };
  const one = async (n: number) => {
    const to = targets[next % targets.length];
    const started = rt.now();
    rt.record("call-start", { n, to });
    rt.metrics.count("calls.total");
    try {
      await rt.call(to, "echo", { n }, { timeout });
      const latency = rt.now() - started;
      rt.metrics.observe("latency", latency);
      rt.record("call-end", { n, to, ok: true, latency });
    } catch (e) {
      const code = e instanceof CallError ? e.code : "error";
      rt.metrics.count("calls.error");
      rt.record("call-end", { n, to, ok: false, error: code });
      next++; // fail over to the next target
    }
  };
  return {
    start() {
      rt.setTimer(Math.round(rt.random.exponential(SECOND / rate)), tick, "arrival");
    },
  };
};
