#!/usr/bin/env node
// The clustersim command. Installed from the registry or a tarball, the package holds only the
// built JavaScript (dist/), which starts with no TypeScript loader. In a checkout of the
// repository the sources are here too, and they win, so the command always runs the code being
// edited (through tsx, as tests do); CLUSTERSIM_DIST=1 runs the build instead (npm run
// build:lib first), which is what the startup benchmark measures.
import { existsSync } from "node:fs";

const sources = new URL("../cli/main.ts", import.meta.url);
const useSources = process.env.CLUSTERSIM_DIST !== "1" && existsSync(sources);
let main;
if (useSources) {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import("../dist/cli/main.js"));
}
process.exitCode = await main(process.argv.slice(2));
