import type { JsonObject } from "../../engine/core/json";
import { DURATION_PATTERN, PPM_PATTERN, RATE_PATTERN, RATIO_PATTERN, SIGNED_DURATION_PATTERN } from "../units";
import { TEXT_LANG_NAMES, TEXT_LANGS } from "../../engine/text-lang";
import { DIST_NAMES, LATENCY_PATTERN } from "../convert/latency";

/** A reference to a shared definition, with a description for the editor's hover. */
export function ref(name: string, description?: string): JsonObject {
  return description ? { $ref: `#/$defs/${name}`, description } : { $ref: `#/$defs/${name}` };
}

/** A closed mapping: only the listed keys are allowed. */
export function closed(properties: Record<string, JsonObject>, extra: JsonObject = {}): JsonObject {
  return { type: "object", properties, additionalProperties: false, ...extra };
}

/** A name: starts with a letter or digit; no `/`, which separates node and process in addresses. */
export const NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:-]*$";

/** `node` or `node/process`. */
export const ADDRESS_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:-]*(/[A-Za-z0-9][A-Za-z0-9_.:-]*)?$";

/** Dotted IPv4. */
export const IPV4_PATTERN = "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$";

/** Largest number of nodes, processes per entry, faults... a scenario may have. */
export const MAX_ITEMS = 10_000;

const durationFields: Record<string, JsonObject> = {
  value: ref("duration"), min: ref("duration"), max: ref("duration"), mean: ref("duration"),
  sd: ref("duration"), median: ref("duration"), scale: ref("duration"),
};

/**
 * Shared definitions. Unit types accept a string with the unit, and a number only where a
 * plain number is meaningful (0 for a duration, 0..1 for a ratio); the loader's error then
 * suggests the unit.
 */
export const DEFS: Record<string, JsonObject> = {
  duration: {
    description: "A duration with a unit: 500us, 250ms, 2s, 1m, 1m30s. Only 0 may be written without a unit.",
    type: ["string", "integer"], pattern: DURATION_PATTERN, minimum: 0, maximum: 0, examples: ["250ms", "2s", "1m30s"],
  },
  signedDuration: {
    description: "A duration that may be negative: -5ms, 200ms.",
    type: ["string", "integer"], pattern: SIGNED_DURATION_PATTERN, minimum: 0, maximum: 0, examples: ["5ms", "-5ms"],
  },
  rate: {
    description: "Events per unit of time: 100/s, 6000/m, 10/h.",
    type: ["string", "integer"], pattern: RATE_PATTERN, minimum: 0, maximum: 0, examples: ["100/s"],
  },
  ratio: {
    description: "A probability: a percentage (1%) or a number from 0 to 1 (0.01).",
    type: ["string", "number"], pattern: RATIO_PATTERN, minimum: 0, maximum: 1, examples: ["1%", 0.01],
  },
  ppm: {
    description: "Clock drift in parts per million: 50ppm, -20ppm, or a number.",
    type: ["string", "number"], pattern: PPM_PATTERN, examples: ["50ppm"],
  },
  name: { description: "A name: letters, digits, _ . : -", type: "string", pattern: NAME_PATTERN, maxLength: 64 },
  text: {
    description: "A text for readers: a string (English), or the same text in several languages, { en: ..., zh: ... } (en is required).",
    type: ["string", "object"],
    properties: Object.fromEntries(TEXT_LANGS.map((l) => [l, { type: "string", description: TEXT_LANG_NAMES[l] }])),
    required: ["en"],
    additionalProperties: false,
  },
  address: { description: "A node name, or an address node/process.", type: "string", pattern: ADDRESS_PATTERN, maxLength: 129 },
  nodeNames: { type: "array", items: ref("name"), maxItems: MAX_ITEMS },
  latency: {
    description: "A latency: a duration (5ms), a shorthand (uniform(1ms, 5ms), normal(10ms, 2ms), lognormal(2ms, 0.5), exponential(3ms), pareto(1ms, 1.5)), or a mapping with dist.",
    type: ["string", "object"],
    pattern: LATENCY_PATTERN,
    properties: {
      dist: { enum: DIST_NAMES, description: "The distribution." },
      ...durationFields,
      sigma: { type: "number", minimum: 0, description: "Lognormal: the standard deviation of the log." },
      shape: { type: "number", exclusiveMinimum: 0, description: "Pareto: the tail index." },
      points: {
        description: "Table: [percentile, duration] pairs, rising.",
        type: "array", minItems: 1, maxItems: 1000,
        items: { type: "array", prefixItems: [{ type: "number", minimum: 0, maximum: 100 }, ref("duration")], items: false, minItems: 2 },
      },
    },
    required: ["dist"],
    additionalProperties: false,
    allOf: [
      ["constant", ["value"]], ["uniform", ["min", "max"]], ["normal", ["mean", "sd"]], ["lognormal", ["median", "sigma"]],
      ["exponential", ["mean"]], ["pareto", ["scale", "shape"]], ["table", ["points"]],
    ].map(([dist, req]) => ({ if: { type: "object", properties: { dist: { const: dist } }, required: ["dist"] }, then: { required: req } })),
    examples: ["5ms", "uniform(1ms, 5ms)", { dist: "lognormal", median: "2ms", sigma: 0.5 }],
  },
  link: closed(linkProperties()),
  match: closed({
    send: { type: "string", description: "Wait for a send of this message type (* for any)." },
    deliver: { type: "string", description: "Wait for a delivery of this message type (* for any)." },
    record: { type: "string", description: "Wait for a history event of this name (* for any)." },
    from: ref("address", "Sender (node or node/process), or the recording process."),
    to: ref("address", "Receiver (node or node/process)."),
    nth: { type: "integer", minimum: 1, description: "Fire at the n-th match (default 1)." },
  }, { description: "An event to wait for: one of send, deliver or record." }),
  action: closed(actionProperties(), { description: "One fault action." }),
};

/** The keys of a link: latency, loss, duplicate, reorder, fifo. */
export function linkProperties(): Record<string, JsonObject> {
  return {
    latency: ref("latency"),
    loss: ref("ratio", "Probability that a message is lost."),
    duplicate: ref("ratio", "Probability that a message is delivered twice."),
    reorder: ref("ratio", "On a FIFO link, probability that a message overtakes the ones before it."),
    fifo: { type: "boolean", description: "Deliver in send order, like one TCP connection." },
  };
}

/** The action keys of a fault or a trigger's `do`. */
export function actionProperties(): Record<string, JsonObject> {
  const groups = { type: "array", minItems: 1, maxItems: MAX_ITEMS, items: { ...ref("nodeNames"), minItems: 1 } };
  const node = (d: string): JsonObject => ref("name", d);
  return {
    crash: node("Crash the node: volatile state and timers are lost. With `for`, restart it after."),
    restart: node("Restart a crashed node; its processes recover from their disks."),
    pause: node("Stop the world on the node: nothing runs, events wait. With `for`, resume after."),
    resume: node("Resume a paused node."),
    partition: { ...groups, description: "Split the network into groups; nodes in no group form one more group." },
    isolate: node("Cut the node off from every other node."),
    cut: closed({ from: ref("name"), to: ref("name") }, { required: ["from", "to"], description: "Lose messages from `from` to `to` (one way only)." }),
    bridge: closed({ groups: { ...groups, minItems: 2, maxItems: 2 }, via: ref("name") }, { required: ["groups", "via"], description: "Two sides that see each other only through `via`." }),
    ring: { enum: [true, null], description: "Majorities ring: every node sees a majority, no two the same." },
    heal: { enum: [true, null], description: "Heal every partition, cut, bridge and ring." },
    skew: closed({ node: ref("name"), offset: ref("signedDuration") }, { required: ["node", "offset"], description: "Step the node's clock by `offset`." }),
    drift: closed({ node: ref("name"), ppm: ref("ppm") }, { required: ["node", "ppm"], description: "Make the node's clock drift." }),
    link: closed({ from: ref("name"), to: ref("name"), ...linkProperties() }, { description: "Change links between from and to (all when absent)." }),
  };
}
