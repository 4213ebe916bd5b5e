import type { JsonObject } from "../../engine/core/json";
import type { ProcessCatalog } from "../../engine/run-options";
import { actionProperties, closed, DEFS, IPV4_PATTERN, linkProperties, MAX_ITEMS, NAME_PATTERN, ref } from "./defs";
import { ARRIVAL_KEYS, DEFAULT_CLIENT_KIND } from "../convert/workload";
import { NEMESIS_KINDS } from "../convert/nemesis";
import { SEED_RANGE_PATTERN } from "../convert/seeds";
import { STATS } from "../convert/expectation";

const list = (items: JsonObject, description: string): JsonObject => ({ type: "array", items, maxItems: MAX_ITEMS, description });

const clock = closed({
  skew: ref("signedDuration", "Offset of the node's clock from virtual time."),
  drift: ref("ppm", "How fast the node's clock drifts."),
}, { description: "The node's local clock." });

const groupProperties: Record<string, JsonObject> = {
  count: { type: "integer", minimum: 1, maximum: MAX_ITEMS, description: "How many nodes: prefix1..prefixN." },
  prefix: { ...ref("name"), description: "Name prefix of the group's nodes (default n)." },
  zone: { type: "string", description: "The zone of every node of the group." },
  zones: { type: "array", items: { type: "string" }, minItems: 1, description: "Zones, assigned to the nodes in turn." },
  clock,
};

const nodeEntry: JsonObject = {
  description: "A node: a name, a mapping {name, zone, ip, clock}, or a group {count, prefix, zones}.",
  type: ["string", "object"],
  pattern: NAME_PATTERN,
  properties: {
    name: ref("name", "The node's name."),
    zone: { type: "string", description: "The node's zone (default: default)." },
    ip: { type: "string", pattern: IPV4_PATTERN, description: "IPv4 address; assigned in order when absent." },
    ...groupProperties,
  },
  additionalProperties: false,
};

const onNodes: JsonObject = {
  description: "The node, or nodes, to run on: one process per node, with the same name.",
  type: ["string", "array"], pattern: NAME_PATTERN, items: ref("name"), minItems: 1, maxItems: MAX_ITEMS,
};

const processProperties: Record<string, JsonObject> = {
  name: ref("name", "The process name on its node (default: the kind); its address is node/name."),
  kind: { type: "string", description: "A process kind from the catalog." },
  on: onNodes,
  profile: { type: "string", description: "A named configuration of the kind (eureka, etcd...), merged under config." },
  config: { type: "object", description: "The kind's configuration." },
  start: ref("duration", "When the process first starts (default 0)."),
};

const serviceEntry = closed(processProperties, { required: ["kind", "on"] });

const workloadProperties: Record<string, JsonObject> = {
  ...processProperties,
  kind: { type: "string", description: `The client's process kind (default ${DEFAULT_CLIENT_KIND}).` },
  stop: ref("duration", "When the client stops sending."),
  arrival: { enum: Object.keys(ARRIVAL_KEYS), description: "Arrival pattern; inferred from rate, burst, ramp or concurrency when absent (rate alone means poisson)." },
  rate: ref("rate", "Requests per unit of time (constant, poisson)."),
  burst: closed({ size: { type: "integer", minimum: 1 }, every: ref("duration") }, { required: ["size", "every"], description: "Bursts: size requests every interval." }),
  ramp: closed({ from: ref("rate"), to: ref("rate"), over: ref("duration") }, { required: ["from", "to", "over"], description: "Ramp: the rate goes from `from` to `to` over a time." }),
  concurrency: { type: "integer", minimum: 1, maximum: MAX_ITEMS, description: "Closed loop: requests in flight at once." },
  think: ref("duration", "Closed loop: pause between a response and the next request."),
  deadline: ref("duration", "A request that takes longer counts as failed."),
  requests: { type: "integer", minimum: 1, description: "Stop after this many requests." },
};

const workloadEntry = closed(workloadProperties, { required: ["on"] });

const pairOverride = (endpoint: JsonObject): JsonObject => closed({
  from: endpoint, to: endpoint,
  bidirectional: { type: "boolean", description: "Apply in both directions." },
  ...linkProperties(),
}, { required: ["from", "to"] });

const network = closed({
  ...linkProperties(),
  crossZone: { ...ref("link"), description: "Links between nodes of different zones." },
  zones: list(pairOverride({ type: "string" }), "Per zone pair."),
  links: list(pairOverride(ref("name")), "Per node pair."),
}, { description: "Link defaults, cross-zone defaults, and per-pair overrides; later entries win." });

const fault = closed({
  at: ref("duration", "When the fault starts."),
  for: ref("duration", "How long until it is undone (a crash restarts, a pause resumes, a partition heals)."),
  ...actionProperties(),
}, { required: ["at"] });

const nemesis = closed({
  mix: {
    description: "Fault kinds with relative weights, or a list of kinds weighing 1 each.",
    type: ["object", "array"],
    properties: Object.fromEntries(NEMESIS_KINDS.map((k) => [k, { type: "number", minimum: 0 }])),
    additionalProperties: false,
    items: { enum: NEMESIS_KINDS as unknown as string[] },
    minItems: 1,
  },
  interval: ref("latency", "Time between the starts of two faults."),
  duration: ref("latency", "How long a fault lasts."),
  from: ref("duration", "Start of the window in which faults start."),
  until: ref("duration", "End of that window (default 80% of the duration)."),
  targets: { ...ref("nodeNames"), description: "Nodes it may touch (default all)." },
  maxConcurrent: { type: "integer", minimum: 1, description: "Most faults in force at once (default 1)." },
}, { required: ["mix", "interval", "duration"], description: "A random nemesis; its schedule is drawn before the run." });

const trigger = closed({
  when: ref("match"),
  do: ref("action"),
  for: ref("duration", "Undo after this long."),
}, { required: ["when", "do"] });

const check: JsonObject = {
  description: "A checker by name, or {name, params, expect}.",
  type: ["string", "object"],
  properties: {
    name: { type: "string" },
    params: { type: "object", description: "The checker's parameters." },
    expect: { enum: ["hold", "violate", "any"], description: "violate: the scenario demonstrates a failure and passes only when the check catches it; any: no run is judged on it, an acrossSeeds share counts it." },
  },
  required: ["name"],
  additionalProperties: false,
};

const narration = closed({
  at: ref("duration", "The moment to show the note."),
  when: ref("match", "The event at which to show the note."),
  text: ref("text", "The note: a string (English), or { en: ..., zh: ... }."),
}, { required: ["text"] });

/** Options of the generated schema. */
export interface SchemaOptions {
  /** Adds each kind's `configSchema` for editor completion of `config`, and the kind names. */
  catalog?: ProcessCatalog;
}

/** The scenario format as JSON Schema (draft 2020-12): what the loader checks and editors read. */
export function buildScenarioSchema(options: SchemaOptions = {}): JsonObject {
  // The entry (with every kind's config schema) is defined once and referenced from both
  // services and processes, so ajv compiles it once: this halves the validator's compile time.
  const services = list({ $ref: "#/$defs/serviceEntry" }, "Processes: which component runs where, with its configuration.");
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://clustersim.dev/schemas/scenario.json",
    title: "clustersim scenario",
    description: "A clustersim scenario file: see docs/scenario-format.md.",
    type: "object",
    additionalProperties: false,
    required: ["name", "duration", "nodes"],
    properties: {
      $schema: { type: "string" },
      extends: { type: ["string", "array"], items: { type: "string" }, description: "Files this one extends (deep merge; lists are replaced)." },
      name: { type: "string", minLength: 1, maxLength: 200, description: "The scenario's name." },
      description: ref("text", "What the scenario shows, and what to notice: a string (English), or { en: ..., zh: ... }."),
      topic: { type: "string", description: "The library topic (shorthand for tags.topic)." },
      tags: { type: ["object", "array"], items: { type: "string" }, description: "Free-form tags: a mapping, or a list of words." },
      seed: { type: ["integer", "string"], description: "The seed of a single run." },
      seeds: { type: ["integer", "string", "array"], pattern: SEED_RANGE_PATTERN, items: { type: "integer" }, maxItems: 100_000, description: "Seeds for sweeps: a range 1..20 or a list." },
      duration: ref("duration", "Virtual time the run lasts."),
      modules: { type: "array", items: { type: "string" }, description: "JavaScript modules that export process kinds (paths relative to this file)." },
      nodes: {
        description: "Machines: a count (5), a group {count, prefix, zones}, or a list of names, nodes and groups.",
        type: ["integer", "object", "array"],
        minimum: 1, maximum: MAX_ITEMS,
        properties: groupProperties, additionalProperties: false, required: ["count"],
        items: nodeEntry, minItems: 1, maxItems: MAX_ITEMS,
      },
      services,
      processes: { ...services, description: "Same as services (both may be used)." },
      network,
      workload: {
        description: "Clients: one entry, or a list of entries.",
        type: ["object", "array"],
        properties: workloadProperties, additionalProperties: false, required: ["on"],
        items: workloadEntry, maxItems: MAX_ITEMS,
      },
      faults: list(fault, "Scripted faults."),
      nemesis,
      triggers: list(trigger, "Faults triggered by events."),
      checks: list(check, "Checks that must hold (or, with expect: violate, must catch the failure)."),
      expect: list({ type: "string", description: `stat(metric) op value, metric / metric op value, stat(a) op [factor *] stat(b) (two measurements of the same run), or stat(metric) within tolerance of value. Stats: ${STATS.join(", ")}.`, examples: ["p99(latency) < 250ms", "errors / requests < 1%", "p99(lc.latency) < 0.8 * p99(rr.latency)", "mean(wait) within 2% of 1.97s"] }, "Metric expectations, judged on every run."),
      acrossSeeds: list({ type: "string", description: "An expectation about the mean over seeds (the grammar of expect), or CONDITION on >= SHARE% of seeds, where CONDITION is an expectation or CHECK held|violated. Judged by check over the seeds it ran, with a 95% confidence interval.", examples: ["mean(p2c.latency) within 10% of 110ms", "p99(p2c.latency) < p99(random.latency) on >= 90% of seeds", "no-stale-routing violated on at least 95% of seeds"] }, "Expectations over the seeds of a sweep."),
      narration: list(narration, "Teaching notes tied to a moment or an event."),
      limits: closed({
        maxEvents: { type: "integer", minimum: 1, description: "Default 20,000,000." },
        maxTime: ref("duration", "Default: the duration."),
      }),
    },
    $defs: { ...DEFS, serviceEntry: kinded(serviceEntry, options.catalog) },
  };
}

/** The service entry with each catalog kind's config schema attached for editors. */
function kinded(entry: JsonObject, catalog: ProcessCatalog | undefined): JsonObject {
  if (!catalog) return entry;
  const names = Object.keys(catalog).sort();
  const props = entry.properties as Record<string, JsonObject>;
  return {
    ...entry,
    properties: { ...props, kind: { ...props.kind, examples: names } },
    allOf: names.filter((k) => catalog[k].configSchema).map((k) => ({
      if: { properties: { kind: { const: k } }, required: ["kind"] },
      then: { properties: { config: catalog[k].configSchema! } },
    })),
  };
}
