import type { Micros } from "../../engine/core/time";
import { formatMicros } from "../../engine/core/time";
import { didYouMean } from "../suggest";
import type { ConvertContext } from "./context";
import type { Converted } from "./convert-scenario";
import type { NodeRef } from "./fault-action";
import { DEFAULT_ZONE } from "./nodes";
import { valueOf } from "../source/source-node";
import type { PathSegment, SourceNode } from "../source/source-node";

/**
 * Checks what the schema cannot see: that names refer to things that exist, that names are
 * unique, and that times fall inside the run. Each error points at the reference, and an
 * unknown name gets the closest existing one as a suggestion.
 */
export function crossCheck(c: Converted, ctx: ConvertContext): void {
  const duration = c.scenario.duration;
  const nodeNames = new Set<string>();
  const ips = new Set<string>();
  for (const n of c.nodes) {
    if (nodeNames.has(n.spec.name)) ctx.report("CS302", n.node, n.path, `two nodes are named "${n.spec.name}"`);
    nodeNames.add(n.spec.name);
    if (n.spec.ip !== undefined) {
      if (ips.has(n.spec.ip)) ctx.report("CS302", valueOf(n.node, "ip") ?? n.node, [...n.path, "ip"], `two nodes have the IP address ${n.spec.ip}`);
      ips.add(n.spec.ip);
    }
  }
  const zones = new Set(c.nodes.map((n) => n.spec.zone ?? DEFAULT_ZONE));
  const knownNode = (ref: NodeRef): void => {
    if (!nodeNames.has(ref.name)) ctx.report("CS301", ref.node, ref.path, `no node is named "${ref.name}"; nodes: ${list(nodeNames)}`, didYouMean(ref.name, nodeNames));
  };

  const addresses = new Set<string>();
  for (const p of c.processes) {
    knownNode({ name: p.spec.node, node: p.onNode, path: p.onPath });
    const address = `${p.spec.node}/${p.spec.name}`;
    if (addresses.has(address)) {
      ctx.report("CS302", p.onNode, p.onPath, `two processes are named "${p.spec.name}" on node ${p.spec.node}; give one of them a different \`name\``);
    }
    addresses.add(address);
    checkTime(p.spec.startAt, valueOf(p.entry, "start"), [...p.path, "start"], "starts", duration, ctx);
    const stopNode = valueOf(p.entry, "stop");
    const stopAt = ctx.duration(stopNode, [...p.path, "stop"]);
    checkTime(stopAt, stopNode, [...p.path, "stop"], "stops", duration, ctx);
    if (stopAt !== undefined && stopNode && stopAt <= (p.spec.startAt ?? 0)) {
      ctx.report("CS306", stopNode, [...p.path, "stop"], `the client stops at ${formatMicros(stopAt)}, not after it starts at ${formatMicros(p.spec.startAt ?? 0)}`);
    }
  }

  const endpoint = (ref: NodeRef): void => {
    const slash = ref.name.indexOf("/");
    if (slash < 0) return knownNode(ref);
    if (!addresses.has(ref.name)) ctx.report("CS307", ref.node, ref.path, `no process has the address "${ref.name}"`, didYouMean(ref.name, addresses));
  };

  const net = valueOf(c.root, "network");
  const links = valueOf(net, "links");
  if (links?.type === "seq") {
    links.items.forEach((item, i) => {
      for (const key of ["from", "to"]) {
        const v = valueOf(item, key);
        const name = ctx.string(v);
        if (v && name !== undefined) knownNode({ name, node: v, path: ["network", "links", i, key] });
      }
    });
  }
  const zonePairs = valueOf(net, "zones");
  if (zonePairs?.type === "seq") {
    zonePairs.items.forEach((item, i) => {
      for (const key of ["from", "to"]) {
        const v = valueOf(item, key);
        const name = ctx.string(v);
        if (v && name !== undefined && !zones.has(name)) {
          ctx.report("CS601", v, ["network", "zones", i, key], `no node is in zone "${name}"; zones: ${list(zones)}`, didYouMean(name, zones));
        }
      }
    });
  }

  for (const f of c.faults) {
    f.action.refs.forEach(knownNode);
    checkGroups(f.action.groups, ctx);
    if (f.at) checkTime(f.at.value, f.at.node, [...f.path, "at"], "happens", duration, ctx);
    if (f.at && f.for && f.at.value <= duration && f.at.value + f.for.value > duration) {
      ctx.report("CS303", f.for.node, [...f.path, "for"], `the ${f.action.key} at ${formatMicros(f.at.value)} for ${formatMicros(f.for.value)} ends at ${formatMicros(f.at.value + f.for.value)}, after the run ends at ${formatMicros(duration)}`, `shorten \`for\` to at most ${formatMicros(duration - f.at.value)}, or drop it to leave the fault in force`);
    }
  }
  for (const t of c.triggers) {
    t.when.refs.forEach(endpoint);
    t.action.refs.forEach(knownNode);
    checkGroups(t.action.groups, ctx);
  }
  for (const n of c.narration) {
    if (n.at) checkTime(n.at.value, n.at.node, [...n.path, "at"], "is shown", duration, ctx);
    n.when?.refs.forEach(endpoint);
  }
  checkNemesis(c, ctx, knownNode, duration);
}

/** The nemesis: targets exist, its window is not empty and lies inside the run, its mix weighs something. */
function checkNemesis(c: Converted, ctx: ConvertContext, knownNode: (r: NodeRef) => void, duration: Micros): void {
  const node = valueOf(c.root, "nemesis");
  const spec = c.scenario.nemesis;
  if (!node || !spec) return;
  const targets = valueOf(node, "targets");
  if (targets?.type === "seq") {
    targets.items.forEach((t, i) => {
      const name = ctx.string(t);
      if (name !== undefined) knownNode({ name, node: t, path: ["nemesis", "targets", i] });
    });
  }
  checkTime(spec.from, valueOf(node, "from"), ["nemesis", "from"], "starts", duration, ctx);
  checkTime(spec.until, valueOf(node, "until"), ["nemesis", "until"], "ends", duration, ctx);
  if (spec.from !== undefined && spec.until !== undefined && spec.from >= spec.until) {
    ctx.report("CS306", valueOf(node, "until")!, ["nemesis", "until"], `the nemesis window ends at ${formatMicros(spec.until)}, not after it starts at ${formatMicros(spec.from)}`);
  }
  const weights = Object.values(spec.mix).reduce<number>((a, b) => a + (b ?? 0), 0);
  if (weights <= 0) ctx.report("CS108", valueOf(node, "mix") ?? node, ["nemesis", "mix"], "the mix gives every fault kind weight 0, so the nemesis would never act");
}

/** A time after the end of the run never happens. */
function checkTime(t: Micros | undefined, node: SourceNode | undefined, path: PathSegment[], verb: string, duration: Micros, ctx: ConvertContext): void {
  if (t === undefined || !node || t <= duration) return;
  ctx.report("CS303", node, path, `it ${verb} at ${formatMicros(t)}, after the run ends at ${formatMicros(duration)}`);
}

/** A node may be in one group of a partition or bridge only. */
function checkGroups(groups: NodeRef[][], ctx: ConvertContext): void {
  const seen = new Set<string>();
  for (const g of groups) {
    for (const m of g) {
      if (seen.has(m.name)) ctx.report("CS305", m.node, m.path, `"${m.name}" is in two groups`);
      seen.add(m.name);
    }
  }
}

function list(names: Iterable<string>): string {
  const all = [...names];
  return all.length > 12 ? `${all.slice(0, 12).join(", ")}...` : all.join(", ") || "(none)";
}
