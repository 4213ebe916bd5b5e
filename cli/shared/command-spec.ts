import type { CliIO } from "./io";
import type { FlagName, FlagValues } from "./flags";

/** What a command gets. */
export interface CommandContext {
  args: string[];
  flags: FlagValues;
  io: CliIO;
  /** The command table the line was parsed against, for commands that list commands (`help`). */
  commands: readonly CommandSpec[];
}

/** A command's implementation: resolves to the exit code. */
export type CommandHandler = (ctx: CommandContext) => Promise<number>;

/** A command: its name, help text, arguments and flags; its module is loaded only when it runs. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** The argument part of the usage line: `FILE...`. */
  usage: string;
  /** Fewest and most positional arguments. */
  args: { min: number; max: number };
  flags: readonly FlagName[];
  /** Everything after the command goes to it untouched (`bench`). */
  passthrough?: boolean;
  load: () => Promise<{ default: CommandHandler }>;
}
