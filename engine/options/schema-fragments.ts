import type { JsonObject } from "../core/json";
import { DURATION_PATTERN } from "../core/time";

/**
 * JSON Schema pieces for the configs of the service-call kinds. A value may be written in engine
 * units (a number of microseconds, a ratio, events per second) or as text with its unit, because
 * scenario files pass `config` through untouched; `config-values.ts` reads both.
 */

/** A duration: microseconds, or text with a unit. */
export function duration(description: string): JsonObject {
  return { type: ["integer", "string"], minimum: 0, pattern: DURATION_PATTERN, description: `${description} Microseconds, or text: 250ms, 30s, 1m30s.` };
}

/** A ratio from 0 to 1, or a percentage. */
export function ratio(description: string): JsonObject {
  return { type: ["number", "string"], minimum: 0, maximum: 1, pattern: "^\\s*\\d+(\\.\\d+)?\\s*%\\s*$", description: `${description} A number from 0 to 1, or a percentage (5%).` };
}

/** A rate in events per second, or text such as `100/s`. */
export function rate(description: string): JsonObject {
  return { type: ["number", "string"], minimum: 0, pattern: "^\\s*\\d+(\\.\\d+)?\\s*/\\s*(s|m|h)\\s*$", description: `${description} Per second, or text: 100/s, 6000/m.` };
}

/** A latency distribution: a duration (constant), a shorthand, or a mapping with `dist`. */
export function latency(description: string): JsonObject {
  return {
    type: ["integer", "string", "object"], minimum: 0,
    pattern: "^\\s*((\\d+(\\.\\d+)?(us|µs|ms|s|m|h))+|(constant|uniform|normal|lognormal|exponential|pareto)\\s*\\(.*\\))\\s*$",
    required: ["dist"],
    properties: { dist: { enum: ["constant", "uniform", "normal", "lognormal", "exponential", "pareto", "table"] } },
    description: `${description} A duration (5ms), a shorthand (exponential(10ms), lognormal(5ms, 0.5)), or {dist, ...}.`,
  };
}

/** A boolean with a description. */
export function bool(description: string): JsonObject {
  return { type: "boolean", description };
}

/** A whole number of at least `minimum`. */
export function int(minimum: number, description: string): JsonObject {
  return { type: "integer", minimum, description };
}

/** A closed mapping. */
export function closedObject(properties: Record<string, JsonObject>, description: string, extra: JsonObject = {}): JsonObject {
  return { type: "object", properties, additionalProperties: false, description, ...extra };
}
