import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, "../..");
/** The built site. */
export const DIST = join(ROOT, "viz/dist");

/** The newest modification time under the given paths (tests and the build output left out). */
function newest(paths: string[]): number {
  let max = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) {
        if (name === "node_modules" || name === "dist" || name.endsWith(".test.ts")) continue;
        walk(join(p, name));
      }
    } else if (s.mtimeMs > max) {
      max = s.mtimeMs;
    }
  };
  paths.forEach(walk);
  return max;
}

/** True when `viz/dist` is missing or older than a source it is built from. */
export function distIsStale(): boolean {
  const index = join(DIST, "index.html");
  if (!existsSync(index)) return true;
  const sources = ["viz/src", "viz/index.html", "engine", "scenarios", "vite.config.ts", "package.json"].map((p) => join(ROOT, p));
  return newest(sources) > statSync(index).mtimeMs;
}

/**
 * Builds the site with `vite build` when it is missing or stale. A lock directory keeps two test
 * files from building at once; the second waits and then finds the build fresh.
 */
export function ensureBuilt(): void {
  const lock = join(ROOT, "viz/.build-lock");
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is older than any build takes: take it over.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 600_000) {
        rmdirSync(lock);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`viz/.build-lock has been held for 5 minutes; remove it if no build is running`);
      execFileSync("sleep", ["0.5"]);
    }
  }
  try {
    if (distIsStale()) execFileSync("npx", ["vite", "build"], { cwd: ROOT, stdio: "pipe", timeout: 300_000 });
  } finally {
    rmdirSync(lock);
  }
}
