import type { CliIO } from "./io";
import { processIO } from "./io";
import { CliError, ExitCode } from "./exit-codes";
import { parseArgs } from "./options";
import { helpText, versionText } from "./help-text";

/**
 * The command line: parses `argv` against the options table, loads the one command it names and
 * runs it. Returns the exit code (0 all held, 1 a check failed, 2 bad input, 3 internal error)
 * rather than exiting, so tests and other programs can call it.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    if (parsed.kind === "version") {
      io.stdout(versionText() + "\n");
      return ExitCode.ok;
    }
    if (parsed.kind === "help") {
      io.stdout(helpText(parsed.command));
      return argv.length === 0 ? ExitCode.badInput : ExitCode.ok;
    }
    const { default: handler } = await parsed.command.load();
    return await handler({ args: parsed.args, flags: parsed.flags, io });
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`clustersim: ${e.message}\n${e.hint ? `  ${e.hint}\n` : ""}`);
      return e.code;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.stderr(`clustersim: internal error (a bug in clustersim; please report it with the command you ran)\n${detail}\n`);
    return ExitCode.internal;
  }
}
