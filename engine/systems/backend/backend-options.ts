import type { Micros } from "../../core/time";
import { MS, SECOND } from "../../core/time";
import type { LatencySpec } from "../../net/latency-spec";
import type { RegistryClientOptions } from "../registry/client-options";
import { registryClientOptions } from "../registry/registry-profiles";
import { badConfig, checkKeys, microsOr, toLatency, toMicros, toRatio } from "../../options/option-values";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { defaultsOf, readOptions } from "../../options/option-table";

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
 * A backend's plain options, each declared once (engine/options/option-table.ts). Latency and
 * errors come from distributions, from a script, or from phases that change them over time;
 * `concurrency` and `queueLimit` make overload real (requests wait for a slot, and are refused
 * when the queue is full).
 */
export const BACKEND_OPTIONS = {
  register: { type: "bool", default: true, description: "Register with the registry; off for static lists and queueing tests." },
  weight: { type: "int", default: 1, min: 0, description: "Balancer weight." },
  latency: { type: "latency", default: { dist: "exponential", mean: 10 * MS }, description: "Service time of a successful request." },
  errorRatio: { type: "ratio", default: 0, description: "Probability that a request fails." },
  errorLatency: { type: "latency", default: null, nullable: true, description: "Service time of a failing request; null: the same as latency." },
  concurrency: { type: "int", default: 0, min: 0, description: "Requests served at once; 0 means no limit (an infinite-server queue)." },
  queueLimit: { type: "int", default: null, nullable: true, min: 0, description: "Requests that may wait for a slot; null means no limit, 0 means none may wait." },
  queueTimeoutUs: { type: "duration", default: 0, description: "A request that waited longer than this is refused when its turn comes; 0 never." },
  scriptThen: { type: "enum", default: "distribution", values: ["repeat", "distribution"], description: "After the script: repeat it, or fall back to the distributions." },
  stopAtUs: { type: "duration", default: null, nullable: true, description: "At this local time, deregister and refuse every request (a graceful shutdown); null never." },
  recordServes: { type: "bool", default: false, description: "Record a serve history entry per request (off: queueing runs would fill the history)." },
  publishIntervalUs: { type: "duration", default: SECOND, min: 1, description: "How often the published state (in service, queued, served) is refreshed." },
} as const satisfies OptionTable;

/** A backend's options: the table's, and its service name, registry client, script and phases. */
export type BackendOptions = OptionValues<typeof BACKEND_OPTIONS> & {
  /** The service name it registers under; default the process name. */
  service: string;
  registry: RegistryClientOptions;
  script: ScriptStep[];
  phases: Phase[];
};

const KEYS = [...Object.keys(BACKEND_OPTIONS), "service", "registry", "script", "phases"];

/** The backend's defaults, from the table. */
export const BACKEND_DEFAULTS = defaultsOf(BACKEND_OPTIONS);

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
  return {
    ...readOptions(BACKEND_OPTIONS, c, where),
    service: service as string,
    registry: registryClientOptions(c.registry, where),
    script,
    phases,
  };
}
