import { existsSync, realpathSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { delimiter, dirname, isAbsolute, join, relative, resolve as resolvePath, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { scenarioError } from "../errors";
import type { ScenarioError } from "../errors";
import type { ModuleRef } from "../source/resolve-extends";

/**
 * The folder a scenario's modules must stay inside: the scenario's project, the nearest folder
 * at or above the scenario file that holds a package.json, else the scenario file's own folder.
 */
export function moduleRoot(scenarioFile: string): string {
  const own = dirname(resolvePath(scenarioFile));
  for (let d = own; ; d = dirname(d)) {
    if (existsSync(join(d, "package.json"))) return d;
    if (dirname(d) === d) return own;
  }
}

/** The folders a user allowed on top, from `CLUSTERSIM_MODULE_ROOTS` (separated like PATH). */
export function extraModuleRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CLUSTERSIM_MODULE_ROOTS ?? "").split(delimiter).filter((d) => d !== "").map((d) => resolvePath(d));
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function inside(path: string, root: string): boolean {
  const r = relative(real(root), path);
  return r === "" || (!r.startsWith(`..${sep}`) && r !== ".." && !isAbsolute(r));
}

/**
 * The rule for a scenario file's `modules` (docs/architecture.md, "What is trusted"), applied
 * before anything is imported: the loader has already refused URLs and absolute paths; here a
 * relative path must resolve, symlinks followed, inside the scenario's module root or a folder
 * in CLUSTERSIM_MODULE_ROOTS, and a package name must resolve from the scenario's folder to an
 * installed package (a file under node_modules), never to a Node built-in (one not installed is
 * left to fail on import, CS809). Gives the file URLs
 * to import, or a CS404 per module refused, at the specifier's file, line and column.
 * `cwd` resolves the file names the refs carry (as the user typed them).
 */
export function allowModules(
  refs: readonly ModuleRef[],
  scenarioFile: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { ok: true; urls: string[] } | { ok: false; errors: ScenarioError[] } {
  const cwd = options.cwd ?? process.cwd();
  const roots = [moduleRoot(resolvePath(cwd, scenarioFile)), ...extraModuleRoots(options.env)];
  const urls: string[] = [];
  const errors: ScenarioError[] = [];
  for (const [i, m] of refs.entries()) {
    const from = resolvePath(cwd, m.from);
    const refuse = (why: string) => errors.push(scenarioError("CS404", m.pos ?? { file: m.from, line: 1, column: 1 }, `modules[${i}]`, `module "${m.specifier}" ${why}`,
      `keep the module inside ${roots[0]}, or allow its folder with CLUSTERSIM_MODULE_ROOTS=DIR if you trust what is in it`));
    if (m.specifier.startsWith(".")) {
      const path = real(resolvePath(dirname(from), m.specifier));
      if (!roots.some((r) => inside(path, r))) refuse(`resolves to ${path}, outside the scenario's project (${roots[0]})${roots.length > 1 ? ` and CLUSTERSIM_MODULE_ROOTS` : ""}`);
      else urls.push(pathToFileURL(path).href);
      continue;
    }
    const bare = m.specifier.replace(/^node:/, "");
    if (builtinModules.includes(bare) || builtinModules.includes(bare.split("/")[0])) {
      refuse("is a Node built-in, not a module of process kinds");
      continue;
    }
    let path: string;
    try {
      path = real(createRequire(from).resolve(m.specifier));
    } catch {
      // Not installed: the import fails, and says so (CS809), as for a path that names no file.
      urls.push(pathToFileURL(join(dirname(from), "node_modules", m.specifier)).href);
      continue;
    }
    if (!path.split(sep).includes("node_modules") && !roots.some((r) => inside(path, r))) refuse(`resolves to ${path}, which is neither an installed package nor inside the scenario's project`);
    else urls.push(pathToFileURL(path).href);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, urls };
}
