import { fileURLToPath } from "node:url";

/** The scenario library that ships with clustersim, wherever the command is run from. */
export function libraryDir(): string {
  return fileURLToPath(new URL("../../scenarios/library", import.meta.url));
}

/** The package's root directory (where package.json, viz/ and bench/ are). */
export function packageRoot(): string {
  return fileURLToPath(new URL("../..", import.meta.url));
}
