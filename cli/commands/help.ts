import type { CommandContext } from "../shared/command-spec";
import { findCommand } from "../shared/parse-args";
import { helpText } from "../shared/help-text";
import { ExitCode } from "../shared/exit-codes";

/** `clustersim help [COMMAND]`: the table it lists comes from the registry that called it. */
export default async function help({ args, io, commands }: CommandContext): Promise<number> {
  io.stdout(helpText(commands, args[0] === undefined ? undefined : findCommand(args[0], commands)));
  return ExitCode.ok;
}
