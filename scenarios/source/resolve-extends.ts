import { scenarioError } from "../errors";
import type { ScenarioError, SourcePos } from "../errors";
import { mergeNodes } from "./merge-nodes";
import { parseSource } from "./parse-source";
import { entryOf, withoutEntry } from "./source-node";
import type { SourceNode } from "./source-node";


/** Top-level keys holding a text in several languages: an override replaces the whole text. */
const TEXT_KEYS: ReadonlySet<string> = new Set(["description"]);

/** Reads the text of a file named by `extends`, relative to the file that names it. */
export type ResolveFile = (path: string, from: string) => string | undefined;

/** A module a scenario names under `modules`, with the file that named it (paths are relative to it). */
export interface ModuleRef {
  specifier: string;
  from: string;
  /** Where the specifier is written, for errors about it. */
  pos?: SourcePos;
}

/** Longest chain of files extending each other. */
export const MAX_EXTENDS_DEPTH = 16;

/** What resolving `extends` gives: the merged tree, and every module named along the chain. */
export interface Extended {
  root: SourceNode;
  modules: ModuleRef[];
}

/**
 * Replaces `extends: base.yaml` (or a list of bases, merged in order) by the merged content of
 * the bases under this file's own keys. Each base resolves its own `extends` relative to itself.
 */
export function resolveExtends(
  root: SourceNode,
  file: string,
  resolve: ResolveFile | undefined,
  errors: ScenarioError[],
  chain: readonly string[] = [],
): Extended | undefined {
  const modules = modulesOf(root, file, errors);
  const ext = entryOf(root, "extends");
  if (!ext || root.type !== "map") return { root, modules };
  const names: Array<{ name: string; node: SourceNode }> = [];
  if (ext.value.type === "scalar" && typeof ext.value.value === "string") names.push({ name: ext.value.value, node: ext.value });
  else if (ext.value.type === "seq" && ext.value.items.every((i) => i.type === "scalar" && typeof i.value === "string")) {
    for (const item of ext.value.items) names.push({ name: (item as { value: string }).value, node: item });
  } else {
    errors.push(scenarioError("CS102", ext.value.pos, "extends", "`extends` takes a file name or a list of file names"));
    return undefined;
  }
  let merged: SourceNode | undefined;
  const allModules: ModuleRef[] = [];
  for (const { name, node } of names) {
    const baseFile = joinPath(file, name);
    if (chain.includes(baseFile) || baseFile === file) {
      errors.push(scenarioError("CS402", node.pos, "extends", `"${name}" extends itself through ${[...chain, file, baseFile].join(" → ")}`));
      return undefined;
    }
    if (chain.length + 1 >= MAX_EXTENDS_DEPTH) {
      errors.push(scenarioError("CS403", node.pos, "extends", `more than ${MAX_EXTENDS_DEPTH} files extend each other; flatten the chain`));
      return undefined;
    }
    if (!resolve) {
      errors.push(scenarioError("CS401", node.pos, "extends", `cannot read "${name}": the caller gave the loader no way to read files (the \`resolve\` option)`));
      return undefined;
    }
    let text: string | undefined;
    try {
      text = resolve(name, file);
    } catch (e) {
      errors.push(scenarioError("CS401", node.pos, "extends", `cannot read "${name}" (from ${file}): ${e instanceof Error ? e.message : String(e)}`));
      return undefined;
    }
    if (typeof text !== "string") {
      errors.push(scenarioError("CS401", node.pos, "extends", `cannot read "${name}" (looked for ${baseFile})`));
      return undefined;
    }
    const parsed = parseSource(text, baseFile);
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      return undefined;
    }
    if (parsed.root.type !== "map") {
      errors.push(scenarioError("CS002", parsed.root.pos, "", `"${name}" is not a scenario mapping, so it cannot be extended`));
      return undefined;
    }
    const base = resolveExtends(parsed.root, baseFile, resolve, errors, [...chain, file]);
    if (!base) return undefined;
    allModules.push(...base.modules);
    merged = merged ? mergeNodes(merged, base.root, TEXT_KEYS) : base.root;
  }
  const own = withoutEntry(root, "extends");
  return { root: merged ? mergeNodes(merged, own, TEXT_KEYS) : own, modules: [...allModules, ...modules] };
}

/**
 * The `modules` a single file names, if they are well-formed (the schema reports it if not).
 * A module is code that runs with the user's privileges, so the file may name it only by a
 * relative path or a package name (docs/architecture.md, "What is trusted"): a URL (`data:`
 * carries the code in the file itself, `https:` fetches it) or an absolute path is CS404.
 * Where a relative path may lead is the Node host's to check (scenarios/runner/module-policy.ts).
 */
function modulesOf(root: SourceNode, file: string, errors: ScenarioError[]): ModuleRef[] {
  const m = entryOf(root, "modules")?.value;
  if (!m || m.type !== "seq") return [];
  const out: ModuleRef[] = [];
  m.items.forEach((i, n) => {
    if (i.type !== "scalar" || typeof i.value !== "string") return;
    const why = moduleFormProblem(i.value);
    if (why) errors.push(scenarioError("CS404", i.pos, `modules[${n}]`, `module "${i.value}" ${why}`, "name a module by a path relative to this file (./kinds.ts) or by an installed package's name"));
    else out.push({ specifier: i.value, from: file, pos: i.pos });
  });
  return out;
}

/** Why a module specifier may not appear in a scenario file at all, or undefined when it may. */
export function moduleFormProblem(spec: string): string | undefined {
  if (/^[a-z]:[\\/]/i.test(spec) || spec.startsWith("/") || spec.startsWith("\\")) return "is an absolute path; a scenario names its modules relative to itself, so that what it runs is in its own folder";
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec)) return `is a URL (${spec.slice(0, spec.indexOf(":") + 1)}); a scenario file may not bring code from a URL`;
  if (spec.trim() === "") return "is empty";
  return undefined;
}

/** `dir/of/from` joined with `path`, with `.` and `..` folded; absolute paths stay as they are. */
export function joinPath(from: string, path: string): string {
  if (path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path)) return normalize(path);
  const slash = Math.max(from.lastIndexOf("/"), from.lastIndexOf("\\"));
  const dir = slash >= 0 ? from.slice(0, slash + 1) : "";
  return normalize(dir + path);
}

function normalize(path: string): string {
  const absolute = path.startsWith("/");
  const out: string[] = [];
  for (const part of path.split(/[\\/]/)) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (part === ".." && absolute) continue;
    else out.push(part);
  }
  return (absolute ? "/" : "") + out.join("/");
}
