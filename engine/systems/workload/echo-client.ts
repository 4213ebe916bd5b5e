import type { JsonObject } from "../../core/json";
import { MS, SECOND } from "../../core/time";
import { CallError, type ProcessFactory } from "../../node/runtime-api";
import type { OptionTable } from "../../options/option-table";
import { optionsSchema, readOptions } from "../../options/option-table";
import { badConfig, checkKeys } from "../../options/option-values";
import { closedObject } from "../../options/schema-fragments";

/** The echo client's scalar options, each declared once; `targets` (required) is read beside them. */
export const ECHO_CLIENT_OPTIONS = {
  rate: { type: "rate", default: 10, description: "Requests per second, Poisson arrivals." },
  timeout: { type: "duration", default: 500 * MS, min: 1, description: "Per-call timeout." },
  limit: { type: "int", default: null, nullable: true, min: 0, description: "Stop sending after this many requests; null: no limit." },
} as const satisfies OptionTable;

/** Configuration of the echo client, as a scenario writes it: `targets`, addresses called in turn (on an error the next one: failover), and the table's options. */
export type EchoClientConfig = { targets: string[] } & Partial<Record<keyof typeof ECHO_CLIENT_OPTIONS, unknown>>;

/** The `echo-client` kind's config. */
export const ECHO_CLIENT_SCHEMA: JsonObject = closedObject({
  targets: { type: "array", minItems: 1, items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description: "Addresses to call, in turn; after an error the next one (failover)." },
  ...optionsSchema(ECHO_CLIENT_OPTIONS),
}, "An echo client with Poisson arrivals and failover.", { required: ["targets"] });

/**
 * A client for the demo: open-loop Poisson arrivals, round robin over its targets, failover to
 * the next target after an error. Every call is a `call-start`/`call-end` pair in the history.
 */
export const echoClient: ProcessFactory<EchoClientConfig> = (rt, raw) => {
  const where = `${rt.address} (echo-client)`;
  checkKeys(raw, ["targets", ...Object.keys(ECHO_CLIENT_OPTIONS)], where);
  const targets = raw.targets;
  if (!Array.isArray(targets) || targets.length === 0 || !targets.every((t) => typeof t === "string" && t.includes("/"))) badConfig(where, "targets", 'a list of addresses such as ["s1/echo"]', targets);
  const config = readOptions(ECHO_CLIENT_OPTIONS, raw, where);
  const rate = config.rate;
  const timeout = config.timeout;
  let next = 0;
  let sent = 0;
  const tick = () => {
    if (config.limit !== null && sent >= config.limit) return;
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
