import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { CliError } from "./exit-codes";

/** File endings of scenario files. */
export const SCENARIO_EXTENSIONS = [".yaml", ".yml", ".json"] as const;

/**
 * Files a directory walk skips: bases that other scenarios extend (`_base.yaml`) and hidden
 * files, by convention, and JSON that is clearly not a scenario (the schema, package files).
 */
export function isScenarioFileName(name: string): boolean {
  if (name.startsWith("_") || name.startsWith(".")) return false;
  if (/(^|\.)schema\.json$/.test(name) || name === "package.json" || name === "package-lock.json" || name === "tsconfig.json") return false;
  return SCENARIO_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/**
 * Expands the paths given to `check` and `list`: a file stays as it is (whatever its name,
 * since the user named it), a directory becomes the scenario files under it, recursively, in
 * sorted order so every machine and every shard sees the same list. Paths keep the form the
 * user wrote (relative to the working directory), because reports and replay commands show them.
 */
export function expandPaths(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = resolve(cwd, p);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(resolve(cwd, p)).isDirectory();
    } catch {
      throw new CliError("CS805", `cannot read ${p}: no such file or directory`, "give scenario files or directories that hold them");
    }
    if (!isDir) {
      add(p);
      continue;
    }
    const found = walk(resolve(cwd, p)).map((abs) => {
      const rel = relative(cwd, abs);
      return rel.startsWith("..") ? abs : rel;
    });
    for (const f of found) add(f);
  }
  return out;
}

function walk(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full));
    else if (e.isFile() && isScenarioFileName(e.name)) out.push(full);
  }
  return out;
}
