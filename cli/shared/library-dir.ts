import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The scenario library that ships with clustersim, wherever the command is run from. */
export function libraryDir(): string {
  return join(packageRoot(), "scenarios", "library");
}

/**
 * The package's root directory (where package.json, viz/ and bench/ are): the nearest folder
 * above this file with a package.json. This file is cli/shared/library-dir.ts in a checkout and
 * dist/cli/shared/library-dir.js in the built package, so a fixed `..` would be wrong in one of them.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
