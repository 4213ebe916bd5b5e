import type { Micros } from "../../core/time";
import { MS } from "../../core/time";
import type { LatencySpec } from "../../net/latency-spec";
import type { RegistryClientOptions } from "../registry/client-options";
import { registryClientOptions } from "../registry/registry-profiles";
import { badConfig, checkKeys, microsOr, toBool, toInt, toLatency, toMicros, toRatio } from "../../options/option-values";

/** One scripted outcome: exact behaviour for state-machine tests. */
export interface ScriptStep {
  /** `ok` answers, `error` fails (a remote error), `hang` never answers (the reply is lost). */
  outcome: "ok" | "error" | "hang";
  /** How long the request holds its slot before the outcome. */
  latencyUs: Micros;
}

/** From `atUs` on (local time), these settings replace the base ones; an empty phase restores them. */
export interface Phase {
  atUs: Micros;
  latency?: LatencySpec;
  errorRatio?: number;
  errorLatency?: LatencySpec;
}

/**
 * A backend's configuration. Latency and errors come from distributions, from a script, or from
 * phases that change them over time; `concurrency` and `queueLimit` make overload real (requests
 * wait for a slot, and are refused when the queue is full).
 */
export interface BackendOptions {
  /** The service name it registers under; default the process name. */
  service: string;
  /** Register with the registry (default true); off for static lists and queueing tests. */
  register: boolean;
  registry: RegistryClientOptions;
  weight: number;
  /** Service time of a successful request. Default exponential, mean 10 ms. */
  latency: LatencySpec;
  /** Probability that a request fails. */
  errorRatio: number;
  /** Service time of a failing request; default the same as `latency`. */
  errorLatency: LatencySpec | null;
  /** Requests served at once; 0 means no limit (an infinite-server queue). */
  concurrency: number;
  /** Requests that may wait for a slot; null means no limit, 0 means none may wait. */
  queueLimit: number | null;
  /** A request that waited longer than this is refused when its turn comes; 0 never. */
  queueTimeoutUs: Micros;
  script: ScriptStep[];
  /** After the script: `repeat` it, or fall back to the distributions. */
  scriptThen: "repeat" | "distribution";
  phases: Phase[];
  /** At this local time, deregister and refuse every request (a graceful shutdown); null never. */
  stopAtUs: Micros | null;
  /** Record a `serve` history entry per request (off: queueing runs would fill the history). */
  recordServes: boolean;
  /** How often the published state (in service, queued, served) is refreshed. */
  publishIntervalUs: Micros;
}

const KEYS = [
  "service", "register", "registry", "weight", "latency", "errorRatio", "errorLatency", "concurrency", "queueLimit",
  "queueTimeoutUs", "script", "scriptThen", "phases", "stopAtUs", "recordServes", "publishIntervalUs",
];

/** The backend's defaults, written once. */
export const BACKEND_DEFAULTS = {
  latency: { dist: "exponential", mean: 10 * MS } as LatencySpec,
  publishIntervalUs: 1_000_000,
};

/** Reads a backend's config; `name` is the process name, `where` names it in errors. */
export function resolveBackendOptions(c: Record<string, unknown>, name: string, where: string): BackendOptions {
  checkKeys(c, KEYS, where);
  const service = c.service ?? name;
  if (typeof service !== "string" || service === "") badConfig(where, "service", "a service name", service);
  const opt = <T>(v: unknown, f: (v: unknown) => T, d: T): T => (v === undefined || v === null ? d : f(v));
  const script = opt(c.script, (v) => {
    if (!Array.isArray(v)) return badConfig(where, "script", "a list of {outcome, latency}", v);
    return v.map((s, i): ScriptStep => {
      const step = s as Record<string, unknown>;
      const outcome = step.outcome ?? (step.ok === false ? "error" : "ok");
      if (outcome !== "ok" && outcome !== "error" && outcome !== "hang") badConfig(where, `script[${i}].outcome`, '"ok", "error" or "hang"', outcome);
      return { outcome: outcome as ScriptStep["outcome"], latencyUs: microsOr(step.latency ?? step.latencyUs, 0, where, `script[${i}].latency`) };
    });
  }, [] as ScriptStep[]);
  const phases = opt(c.phases, (v) => {
    if (!Array.isArray(v)) return badConfig(where, "phases", "a list of {at, latency?, errorRatio?, errorLatency?}", v);
    return v.map((p, i): Phase => {
      const ph = p as Record<string, unknown>;
      const out: Phase = { atUs: toMicros(ph.at ?? ph.atUs, where, `phases[${i}].at`) };
      if (ph.latency !== undefined) out.latency = toLatency(ph.latency, where, `phases[${i}].latency`);
      if (ph.errorRatio !== undefined) out.errorRatio = toRatio(ph.errorRatio, where, `phases[${i}].errorRatio`);
      if (ph.errorLatency !== undefined) out.errorLatency = toLatency(ph.errorLatency, where, `phases[${i}].errorLatency`);
      return out;
    }).sort((a, b) => a.atUs - b.atUs);
  }, [] as Phase[]);
  const scriptThen = c.scriptThen ?? "distribution";
  if (scriptThen !== "repeat" && scriptThen !== "distribution") badConfig(where, "scriptThen", '"repeat" or "distribution"', scriptThen);
  return {
    service: service as string,
    register: opt(c.register, (v) => toBool(v, where, "register"), true),
    registry: registryClientOptions(c.registry, where),
    weight: opt(c.weight, (v) => toInt(v, 0, where, "weight"), 1),
    latency: opt(c.latency, (v) => toLatency(v, where, "latency"), BACKEND_DEFAULTS.latency),
    errorRatio: opt(c.errorRatio, (v) => toRatio(v, where, "errorRatio"), 0),
    errorLatency: opt(c.errorLatency, (v) => toLatency(v, where, "errorLatency"), null),
    concurrency: opt(c.concurrency, (v) => toInt(v, 0, where, "concurrency"), 0),
    queueLimit: opt(c.queueLimit, (v) => toInt(v, 0, where, "queueLimit"), null),
    queueTimeoutUs: microsOr(c.queueTimeoutUs, 0, where, "queueTimeoutUs"),
    script,
    scriptThen: scriptThen as BackendOptions["scriptThen"],
    phases,
    stopAtUs: opt(c.stopAtUs, (v) => toMicros(v, where, "stopAtUs"), null),
    recordServes: opt(c.recordServes, (v) => toBool(v, where, "recordServes"), false),
    publishIntervalUs: microsOr(c.publishIntervalUs, BACKEND_DEFAULTS.publishIntervalUs, where, "publishIntervalUs"),
  };
}
