import type { Scenario, FaultAction } from "./scenario";
import type { ProcessCatalog } from "./run-options";

/** A typed scenario that cannot run, with every problem found. Nothing runs on it. */
export class InvalidScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid scenario:\n  - ${problems.join("\n  - ")}`);
    this.name = "InvalidScenarioError";
  }
}

function nodesOf(f: FaultAction): string[] {
  switch (f.action) {
    case "crash": case "restart": case "pause": case "resume": case "isolate": case "skew": case "drift":
      return [f.node];
    case "partition": return f.groups.flat();
    case "cut": return [f.from, f.to];
    case "bridge": return [...f.groups.flat(), f.bridge];
    case "link": return [f.from, f.to].filter((x): x is string => x !== undefined);
    default: return [];
  }
}

/**
 * Checks what the types cannot: names exist and are unique, times are whole and non-negative.
 * The YAML loader reports these with file positions first; this guards library callers.
 */
export function validateScenario(s: Scenario, catalog: ProcessCatalog): void {
  const problems: string[] = [];
  const isTime = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0;
  if (!s.name) problems.push("name: give the scenario a name");
  if (!isTime(s.duration) || s.duration <= 0) problems.push(`duration: must be a positive whole number of microseconds, got ${s.duration}`);
  const nodes = new Set<string>();
  for (const [i, n] of (s.nodes ?? []).entries()) {
    if (!n.name || n.name.includes("/")) problems.push(`nodes[${i}].name: must be a non-empty name without "/"`);
    if (nodes.has(n.name)) problems.push(`nodes[${i}].name: "${n.name}" is listed twice`);
    nodes.add(n.name);
    if (n.ip !== undefined && !/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(n.ip)) problems.push(`nodes[${i}].ip: "${n.ip}" is not an IPv4 address`);
  }
  if (nodes.size === 0) problems.push("nodes: a scenario needs at least one node");
  const addresses = new Set<string>();
  for (const [i, p] of (s.processes ?? []).entries()) {
    if (!nodes.has(p.node)) problems.push(`processes[${i}].node: no node named "${p.node}"`);
    const addr = `${p.node}/${p.name}`;
    if (addresses.has(addr)) problems.push(`processes[${i}]: two processes at ${addr}`);
    addresses.add(addr);
    if (!p.factory && !(p.kind && catalog[p.kind])) {
      const known = Object.keys(catalog).sort().join(", ");
      problems.push(`processes[${i}].kind: "${p.kind ?? ""}" is not a known process kind (known: ${known})`);
    }
    if (p.startAt !== undefined && !isTime(p.startAt)) problems.push(`processes[${i}].startAt: must be a whole, non-negative time`);
  }
  for (const [i, f] of (s.faults ?? []).entries()) {
    if (!isTime(f.at)) problems.push(`faults[${i}].at: must be a whole, non-negative time, got ${f.at}`);
    if (f.duration !== undefined && !isTime(f.duration)) problems.push(`faults[${i}].duration: must be a whole, non-negative time`);
    for (const n of nodesOf(f)) if (!nodes.has(n)) problems.push(`faults[${i}]: no node named "${n}"`);
  }
  for (const [i, t] of (s.triggers ?? []).entries()) {
    for (const n of nodesOf(t.do)) if (!nodes.has(n)) problems.push(`triggers[${i}].do: no node named "${n}"`);
  }
  for (const n of s.nemesis?.targets ?? []) if (!nodes.has(n)) problems.push(`nemesis.targets: no node named "${n}"`);
  if (problems.length > 0) throw new InvalidScenarioError(problems);
}
