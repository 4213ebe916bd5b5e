import type { JsonObject } from "../../core/json";
import { REGISTRY_CLIENT_SCHEMA } from "../registry/registry-config-schema";
import { bool, closedObject, duration, int, latency, ratio } from "../../options/schema-fragments";

/** The `backend` kind's config (backend-options.ts). */
export const BACKEND_SCHEMA: JsonObject = closedObject({
  service: { type: "string", minLength: 1, description: "The service name it registers under; default the process name." },
  register: bool("Register with the registry (default true)."),
  registry: REGISTRY_CLIENT_SCHEMA,
  weight: int(0, "Balancer weight (default 1)."),
  latency: latency("Service time of a successful request (default exponential(10ms))."),
  errorRatio: ratio("Probability that a request fails (default 0)."),
  errorLatency: latency("Service time of a failing request (default: latency)."),
  concurrency: int(0, "Requests served at once; 0 no limit (default)."),
  queueLimit: { type: ["integer", "null"], minimum: 0, description: "Requests that may wait for a slot; null no limit (default), 0 none." },
  queueTimeoutUs: duration("A request that waited longer is refused when its turn comes; 0 never."),
  script: {
    type: "array", description: "Exact outcomes, in order, before the distributions take over.",
    items: closedObject({ outcome: { enum: ["ok", "error", "hang"] }, latency: duration("How long the request holds its slot.") }, "One scripted request.", { required: ["outcome"] }),
  },
  scriptThen: { enum: ["repeat", "distribution"], description: "After the script: repeat it, or use the distributions (default)." },
  phases: {
    type: "array", description: "From `at` on, these settings replace the base ones; an empty phase restores them.",
    items: closedObject({ at: duration("When the phase starts (local time)."), latency: latency("Service time."), errorRatio: ratio("Error probability."), errorLatency: latency("Service time of errors.") }, "A phase.", { required: ["at"] }),
  },
  stopAtUs: duration("Deregister and refuse every request from this time on (a graceful shutdown)."),
  recordServes: bool("Record a serve history entry per request (default false)."),
  publishIntervalUs: duration("How often the published state is refreshed (default 1 s)."),
}, "A service instance: registers, then serves with configurable latency, errors, concurrency and queue.");
