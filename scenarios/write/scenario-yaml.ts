import { dirname, isAbsolute, relative, resolve } from "node:path";
import { parseDocument, parse as parseYaml, isMap, isSeq, isScalar } from "yaml";
import type { Document } from "yaml";
import type { Micros } from "../../engine/core/time";
import { formatMicros } from "../../engine/core/time";
import type { FaultAction, FaultSpec, Scenario, Seed, TriggerSpec } from "../../engine/scenario";
import type { LatencySpec, LinkSpec } from "../../engine/net/latency-spec";

/** A latency in the file format: a plain duration when constant, else `{dist, ...}` with units. */
export function latencyYaml(l: LatencySpec): unknown {
  switch (l.dist) {
    case "constant": return formatMicros(l.value, "exact");
    case "uniform": return { dist: "uniform", min: formatMicros(l.min, "exact"), max: formatMicros(l.max, "exact") };
    case "normal": return { dist: "normal", mean: formatMicros(l.mean, "exact"), sd: formatMicros(l.sd, "exact") };
    case "lognormal": return { dist: "lognormal", median: formatMicros(l.median, "exact"), sigma: l.sigma };
    case "exponential": return { dist: "exponential", mean: formatMicros(l.mean, "exact") };
    case "pareto": return { dist: "pareto", scale: formatMicros(l.scale, "exact"), shape: l.shape };
    case "table": return { dist: "table", points: l.points.map(([p, v]) => [p, formatMicros(v, "exact")]) };
  }
}

/** Link keys in the file format (`loss`, not `lossRatio`). */
function linkYaml(l: LinkSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (l.latency) out.latency = latencyYaml(l.latency);
  if (l.lossRatio !== undefined) out.loss = l.lossRatio;
  if (l.duplicateRatio !== undefined) out.duplicate = l.duplicateRatio;
  if (l.reorderRatio !== undefined) out.reorder = l.reorderRatio;
  if (l.fifo !== undefined) out.fifo = l.fifo;
  return out;
}

/** One action in the file format: `crash: n1`, `partition: [[a], [b]]`, `cut: {from, to}`... */
export function actionYaml(f: FaultAction): Record<string, unknown> {
  switch (f.action) {
    case "crash": case "restart": case "pause": case "resume": case "isolate":
      return { [f.action]: f.node };
    case "partition": return { partition: f.groups };
    case "cut": return { cut: { from: f.from, to: f.to } };
    case "bridge": return { bridge: { groups: f.groups, via: f.bridge } };
    case "ring": case "heal": return { [f.action]: true };
    case "skew": return { skew: { node: f.node, offset: formatMicros(f.offset, "exact") } };
    case "drift": return { drift: { node: f.node, ppm: `${f.ppm}ppm` } };
    case "link": return { link: { ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { to: f.to } : {}), ...linkYaml(f.link) } };
  }
}

/** A scripted fault in the file format: `{at: 2s, crash: db, for: 100ms}`. */
export function faultYaml(f: FaultSpec): Record<string, unknown> {
  const { at, duration, ...action } = f;
  return { at: formatMicros(at, "exact"), ...actionYaml(action as FaultAction), ...(duration !== undefined ? { for: formatMicros(duration, "exact") } : {}) };
}

/** A trigger in the file format: `{when: {send: COMMIT, from: ...}, do: {crash: coord}, for}`. */
export function triggerYaml(t: TriggerSpec): Record<string, unknown> {
  const when: Record<string, unknown> = { [t.when.on]: t.when.type ?? "*" };
  if (t.when.from !== undefined) when.from = t.when.from;
  if (t.when.to !== undefined) when.to = t.when.to;
  if (t.when.nth !== undefined) when.nth = t.when.nth;
  return { when, do: actionYaml(t.do), ...(t.duration !== undefined ? { for: formatMicros(t.duration, "exact") } : {}) };
}

/** What `shrunkScenarioYaml` needs to know. */
export interface ShrunkYamlInput {
  /** The original file's text and name (as the user wrote it, relative to `cwd`). */
  text: string;
  file: string;
  cwd: string;
  /** Where the YAML will be written (relative to `cwd`); relative paths in it are rewritten for there. */
  out?: string;
  /** The `--set` overrides the original run used; they are written into the file. */
  sets: readonly string[];
  original: Scenario;
  shrunk: Scenario;
  seed: Seed;
  /** One line for the header comment. */
  note: string;
}

/**
 * The shrunk scenario as a file: the original file, edited, so its comments, processes,
 * workload and checks stay as the author wrote them. The `--set` overrides are written in, the
 * nemesis goes (its faults are now scripted), `faults` becomes the shrunk schedule, `seed` the
 * failing seed, and `duration` and `triggers` change if the shrink changed them. A file that
 * `extends` another gets `nemesis: null` (which removes a base's nemesis) and its relative
 * paths rewritten for where the new file goes.
 */
export function shrunkScenarioYaml(input: ShrunkYamlInput): string {
  const doc = parseDocument(input.text);
  for (const set of input.sets) applySet(doc, set);
  const extending = doc.has("extends");
  // `seed` takes the place of `seeds`, and `faults` that of `nemesis`, so the file reads in the
  // author's order; with `extends`, a null still removes what a base gives.
  if (doc.has("seed")) {
    doc.set("seed", input.seed);
    doc.delete("seeds");
  } else if (!renameKey(doc, "seeds", "seed", input.seed)) {
    doc.set("seed", input.seed);
  }
  if (extending) doc.set("seeds", null);
  const faults = (input.shrunk.faults ?? []).map(faultYaml);
  const needed = faults.length > 0 || doc.has("faults") || extending;
  if (doc.has("faults") || !renameKey(doc, "nemesis", "faults", faults)) {
    doc.delete("nemesis");
    if (needed) doc.set("faults", faults);
  }
  if (extending && input.original.nemesis) doc.set("nemesis", null);
  if ((input.shrunk.triggers ?? []).length !== (input.original.triggers ?? []).length) {
    if ((input.shrunk.triggers ?? []).length > 0 || extending) doc.set("triggers", (input.shrunk.triggers ?? []).map(triggerYaml));
    else doc.delete("triggers");
  }
  if (input.shrunk.duration !== input.original.duration) {
    doc.set("duration", formatMicros(input.shrunk.duration, "exact"));
    dropLateNarration(doc, input.shrunk.duration);
  }
  if (input.out !== undefined) rebase(doc, resolve(input.cwd, dirname(input.file)), resolve(input.cwd, dirname(input.out)));
  doc.commentBefore = [input.note, doc.commentBefore].filter((c) => c).map((c) => ` ${c!.trim()}`).join("\n");
  return doc.toString({ lineWidth: 0 });
}

/** Turns the top-level pair `from: ...` into `to: value` where it stands; false if there is none. */
function renameKey(doc: Document, from: string, to: string, value: unknown): boolean {
  const map = doc.contents;
  if (!isMap(map)) return false;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === from);
  if (!pair) return false;
  pair.key = doc.createNode(to);
  pair.value = doc.createNode(value);
  return true;
}

/** `--set a.b.2=value` on the document, as the loader applies it (a YAML value; null removes). */
function applySet(doc: Document, set: string): void {
  const eq = set.indexOf("=");
  if (eq <= 0) return;
  const path = set.slice(0, eq).trim().split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const value = parseYaml(set.slice(eq + 1).trim() === "" ? '""' : set.slice(eq + 1));
  if (value === null) doc.deleteIn(path);
  else doc.setIn(path, value);
}

/** Narration entries whose `at` falls past a shorter run could never show; they go. */
function dropLateNarration(doc: Document, duration: Micros): void {
  const list = doc.get("narration");
  if (!isSeq(list)) return;
  list.items = list.items.filter((item) => {
    const at = (item as { get?: (k: string) => unknown }).get?.("at");
    if (typeof at !== "string") return true;
    const m = /^(\d+(?:\.\d+)?)(us|µs|ms|s|m|h)$/.exec(at.trim());
    if (!m) return true;
    const unit = { us: 1, "µs": 1, ms: 1e3, s: 1e6, m: 6e7, h: 3.6e9 }[m[2]]!;
    return Number(m[1]) * unit < duration;
  });
}

/** Rewrites relative `extends` and `modules` paths from the old file's directory to the new one's. */
function rebase(doc: Document, fromDir: string, toDir: string): void {
  if (fromDir === toDir) return;
  // `extends` names files; `modules` names files only when they start with a dot (else packages).
  const move = (key: string, p: string) => {
    if (isAbsolute(p) || (key === "modules" && !p.startsWith("."))) return p;
    const moved = relative(toDir, resolve(fromDir, p)).replace(/\\/g, "/");
    return moved.startsWith(".") ? moved : `./${moved}`;
  };
  for (const key of ["extends", "modules"]) {
    const node = doc.get(key, true);
    if (isScalar(node) && typeof node.value === "string") node.value = move(key, node.value);
    else if (isSeq(node)) for (const item of node.items) if (isScalar(item) && typeof item.value === "string") item.value = move(key, item.value);
  }
}
