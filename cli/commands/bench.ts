import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CommandContext } from "../shared/command-spec";
import { CliError, ExitCode } from "../shared/exit-codes";
import { packageRoot } from "../shared/library-dir";

/** The command `bench` runs: `npm run bench`'s module, with the user's arguments after it. */
export function benchCommand(args: readonly string[], root = packageRoot()): { command: string; args: string[]; cwd: string } {
  return { command: process.execPath, args: ["--import", "tsx", join(root, "bench", "main.ts"), ...args], cwd: root };
}

/**
 * `clustersim bench [ARGS...]`: runs the benchmarks in a child process of their own (a clean
 * heap, so the numbers are not skewed by the CLI), passing every argument through, and exits
 * with its exit code.
 */
export default async function bench({ args, io }: CommandContext): Promise<number> {
  const cmd = benchCommand(args);
  if (!existsSync(cmd.args[2])) throw new CliError("CS807", "the benchmarks are not there: bench/main.ts is missing", "this checkout has no benchmarks yet");
  return new Promise<number>((resolvePromise) => {
    const child = spawn(cmd.command, cmd.args, { cwd: cmd.cwd, stdio: ["inherit", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => io.stdout(d.toString()));
    child.stderr.on("data", (d: Buffer) => io.stderr(d.toString()));
    child.on("error", (e) => {
      io.stderr(`clustersim: cannot start the benchmarks: ${e.message}\n`);
      resolvePromise(ExitCode.internal);
    });
    child.on("close", (code) => resolvePromise(code ?? ExitCode.internal));
  });
}
