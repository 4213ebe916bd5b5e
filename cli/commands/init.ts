import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../../scenarios/write/write-file-atomic";
import { writingTo } from "../shared/write-error";
import type { CommandContext } from "../shared/command-spec";
import { ExitCode } from "../shared/exit-codes";
import { starterFiles } from "../init/starter-files";

/**
 * `clustersim init [DIR]`: scaffolds a starter in an existing project (DIR, default the current
 * directory): the project's own module, a scenario that runs it under faults, a vitest file and
 * the CI workflow. The module is TypeScript when the project has a tsconfig.json. A file that is
 * already there is left alone and named, so running init twice changes nothing.
 */
export default async function init({ args, io }: CommandContext): Promise<number> {
  const dir = resolve(io.cwd, args[0] ?? ".");
  if (!existsSync(join(dir, "package.json"))) {
    io.stderr(`clustersim init: ${args[0] ?? "this directory"} has no package.json; run init in the project that depends on clustersim (npm install --save-dev clustersim)\n`);
    return ExitCode.badInput;
  }
  const files = starterFiles({ typescript: existsSync(join(dir, "tsconfig.json")) });
  const lines: string[] = [];
  const written: string[] = [];
  try {
    for (const f of files) {
      const path = join(dir, f.path);
      if (existsSync(path)) {
        lines.push(`  kept    ${f.path} (it exists)`);
        continue;
      }
      await writingTo(path, io.cwd, "the starter file", () => writeFileAtomic(path, f.text));
      written.push(path);
      lines.push(`  wrote   ${f.path}`);
    }
  } catch (e) {
    // A starter is whole or absent: the files this call wrote before the failure go too.
    for (const path of written) rmSync(path, { force: true });
    throw e;
  }
  io.stdout([
    "clustersim init:", ...lines, "",
    "Next:",
    "  npx clustersim check clustersim --seeds 1..50   # the starter scenario over fifty seeds",
    "  npx vitest run clustersim                       # the same, as a test",
    "Then replace clustersim/service with your own code.", "",
  ].join("\n"));
  return ExitCode.ok;
}
