import type { Json } from "../../engine/core/json";
import type { Scenario } from "../../engine/scenario";
import type { CheckerCatalog, ProcessCatalog } from "../../engine/run-options";
import type { ConvertContext } from "./context";
import { convertChecks, convertExpectations } from "./checks";
import { convertAcrossSeeds } from "./across-seeds";
import { convertFaults, convertTriggers } from "./faults";
import type { ConvertedMatch, PlacedFault } from "./faults";
import type { FaultSpec, TriggerSpec } from "../../engine/scenario";
import { convertNarration } from "./narration";
import { convertText } from "./text";
import type { PlacedNarration } from "./narration";
import { convertNemesis } from "./nemesis";
import { convertNetwork } from "./network";
import { convertNodes } from "./nodes";
import type { PlacedNode } from "./nodes";
import { convertProcessEntry } from "./processes";
import type { PlacedProcess } from "./processes";
import { convertSeeds } from "./seeds";
import { convertWorkload } from "./workload";
import { toPlain, valueOf } from "../source/source-node";
import type { SourceNode } from "../source/source-node";

/** The scenario, and the converted parts with their positions for the cross-reference checks. */
export interface Converted {
  scenario: Scenario;
  seeds?: number[];
  root: SourceNode;
  nodes: PlacedNode[];
  processes: PlacedProcess[];
  faults: Array<PlacedFault<FaultSpec>>;
  triggers: Array<PlacedFault<TriggerSpec> & { when: ConvertedMatch }>;
  narration: PlacedNarration[];
}

/** Converts a tree that passed the schema into the engine's `Scenario`, in engine units. */
export function convertScenario(root: SourceNode, ctx: ConvertContext, catalog?: ProcessCatalog, checkers?: CheckerCatalog): Converted {
  const get = (key: string): SourceNode | undefined => valueOf(root, key);
  const nodes = get("nodes") ? convertNodes(get("nodes")!, ["nodes"], ctx) : [];
  const processes: PlacedProcess[] = [];
  for (const key of ["services", "processes"] as const) {
    const list = get(key);
    if (list?.type === "seq") list.items.forEach((entry, i) => processes.push(...convertProcessEntry(entry, [key, i], ctx, catalog)));
  }
  const workload = get("workload");
  if (workload) processes.push(...convertWorkload(workload, ["workload"], ctx, catalog));

  const scenario: Scenario = {
    name: ctx.string(get("name")) ?? "",
    duration: ctx.duration(get("duration"), ["duration"]) ?? 0,
    nodes: nodes.map((n) => n.spec),
    processes: processes.map((p) => p.spec),
  };
  const description = convertText(get("description"));
  if (description !== undefined) scenario.description = description.text;
  if (description?.translations) scenario.descriptionTranslations = description.translations;
  const seedNode = get("seed");
  const seed = seedNode?.type === "scalar" && (typeof seedNode.value === "number" || typeof seedNode.value === "string") ? seedNode.value : undefined;
  const seeds = get("seeds") ? convertSeeds(get("seeds")!, ["seeds"], ctx) : undefined;
  if (seed !== undefined) scenario.seed = seed;
  else if (seeds && seeds.length > 0) scenario.seed = seeds[0];

  if (get("network")) scenario.network = convertNetwork(get("network")!, ["network"], ctx);
  const faults = get("faults") ? convertFaults(get("faults")!, ["faults"], ctx) : [];
  if (get("faults")) scenario.faults = faults.map((f) => f.spec);
  if (get("nemesis")) {
    const nemesis = convertNemesis(get("nemesis")!, ["nemesis"], ctx);
    if (nemesis) scenario.nemesis = nemesis;
  }
  const triggers = get("triggers") ? convertTriggers(get("triggers")!, ["triggers"], ctx) : [];
  if (get("triggers")) scenario.triggers = triggers.map((t) => t.spec);
  if (get("checks")) scenario.checks = convertChecks(get("checks")!, ["checks"], ctx, checkers);
  if (get("expect")) scenario.expect = convertExpectations(get("expect")!, ["expect"], ctx);
  if (get("acrossSeeds")) scenario.acrossSeeds = convertAcrossSeeds(get("acrossSeeds")!, ["acrossSeeds"], ctx, scenario.checks ?? []);
  const narration = get("narration") ? convertNarration(get("narration")!, ["narration"], ctx) : [];
  if (get("narration")) scenario.narration = narration.map((n) => n.spec);
  const limits = get("limits");
  if (limits) {
    scenario.limits = {};
    const maxEvents = ctx.number(valueOf(limits, "maxEvents"));
    if (maxEvents !== undefined) scenario.limits.maxEvents = maxEvents;
    const maxTime = ctx.duration(valueOf(limits, "maxTime"), ["limits", "maxTime"]);
    if (maxTime !== undefined) scenario.limits.maxTime = maxTime;
  }
  const tags = convertTags(get("tags"), ctx.string(get("topic")));
  if (tags) scenario.tags = tags;
  return { scenario, ...(seeds ? { seeds } : {}), root, nodes, processes, faults, triggers, narration };
}

/** `tags` as a mapping, or a list of words (each `true`), with `topic` folded in. */
function convertTags(node: SourceNode | undefined, topic: string | undefined): Record<string, Json> | undefined {
  if (!node && topic === undefined) return undefined;
  const tags: Record<string, Json> = {};
  if (node?.type === "map") Object.assign(tags, toPlain(node));
  if (node?.type === "seq") for (const item of node.items) if (item.type === "scalar" && typeof item.value === "string") tags[item.value] = true;
  if (topic !== undefined) tags.topic = topic;
  return tags;
}
