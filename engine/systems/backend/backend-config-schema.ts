import type { JsonObject } from "../../core/json";
import { REGISTRY_CLIENT_SCHEMA } from "../registry/registry-config-schema";
import { closedObject, duration, latency, ratio } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { BACKEND_OPTIONS } from "./backend-options";

/** The `backend` kind's config (backend-options.ts). */
export const BACKEND_SCHEMA: JsonObject = closedObject({
  service: { type: "string", minLength: 1, description: "The service name it registers under; default the process name." },
  ...optionsSchema(BACKEND_OPTIONS),
  registry: REGISTRY_CLIENT_SCHEMA,
  script: {
    type: "array", description: "Exact outcomes, in order, before the distributions take over.",
    items: closedObject({ outcome: { enum: ["ok", "error", "hang"] }, latency: duration("How long the request holds its slot.") }, "One scripted request.", { required: ["outcome"] }),
  },
  phases: {
    type: "array", description: "From `at` on, these settings replace the base ones; an empty phase restores them.",
    items: closedObject({ at: duration("When the phase starts (local time)."), latency: latency("Service time."), errorRatio: ratio("Error probability."), errorLatency: latency("Service time of errors.") }, "A phase.", { required: ["at"] }),
  },
}, "A service instance: registers, then serves with configurable latency, errors, concurrency and queue.");
