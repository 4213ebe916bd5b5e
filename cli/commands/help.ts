import type { CommandContext } from "../options";
import { findCommand } from "../options";
import { helpText } from "../help-text";
import { ExitCode } from "../exit-codes";

/** `clustersim help [COMMAND]`. */
export default async function help({ args, io }: CommandContext): Promise<number> {
  io.stdout(helpText(args[0] === undefined ? undefined : findCommand(args[0])));
  return ExitCode.ok;
}
