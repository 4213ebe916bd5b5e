import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandSpec } from "./command-spec";
import type { FlagSpec } from "./flags";
import { FLAGS } from "./flags";
import { packageRoot } from "./library-dir";

/** `clustersim 0.1.0`, from package.json. */
export function versionText(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string };
  return `clustersim ${pkg.version}`;
}

/** Help for the whole CLI (its command table), or for one command with its flags. Generated from the tables. */
export function helpText(commands: readonly CommandSpec[], command?: CommandSpec): string {
  if (command) {
    const lines = [`usage: clustersim ${command.name} ${command.usage}`.trimEnd(), "", `  ${command.summary}`];
    const flags = [...command.flags, "help" as const];
    if (!command.passthrough) {
      lines.push("", "flags:");
      const rows = flags.map((f) => {
        const spec: FlagSpec = FLAGS[f];
        return [`--${f}${spec.value ? ` ${spec.value}` : ""}`, spec.description];
      });
      const width = Math.max(...rows.map((r) => r[0].length)) + 2;
      for (const [left, right] of rows) lines.push(`  ${left.padEnd(width)}${right}`);
    }
    lines.push("", EXIT_CODES);
    return lines.join("\n") + "\n";
  }
  const width = Math.max(...commands.map((c) => `${c.name} ${c.usage}`.length)) + 2;
  return [
    `${versionText()}: a deterministic discrete-event cluster simulator`,
    "",
    "usage: clustersim COMMAND [ARGS] [FLAGS]",
    "",
    "commands:",
    ...commands.map((c) => `  ${`${c.name} ${c.usage}`.padEnd(width)}${c.summary}`),
    "",
    "Run `clustersim help COMMAND` for a command's flags. `clustersim --version` prints the version.",
    "",
    EXIT_CODES,
  ].join("\n") + "\n";
}

const EXIT_CODES = "exit codes: 0 every check and expectation held · 1 one failed · 2 bad input (nothing ran) · 3 internal error";
