import { CliError } from "./exit-codes";
import { closest } from "../../scenarios/suggest";
import type { CommandSpec } from "./command-spec";
import type { FlagName, FlagSpec, FlagValues } from "./flags";
import { FLAGS } from "./flags";

/** What the command line asked for. */
export type Parsed =
  | { kind: "command"; command: CommandSpec; args: string[]; flags: FlagValues }
  | { kind: "help"; command?: CommandSpec }
  | { kind: "version" };

/** The command of a name, or a usage error that suggests the closest one. */
export function findCommand(name: string, commands: readonly CommandSpec[]): CommandSpec {
  const found = commands.find((c) => c.name === name);
  if (found) return found;
  const guess = closest(name, commands.map((c) => c.name));
  throw new CliError("CS801", `unknown command "${name}"`, guess ? `did you mean "clustersim ${guess}"?` : "run `clustersim help` for the list of commands");
}

/**
 * Parses the arguments against a command table: `--flag value`, `--flag=value`, `-h`, repeatable
 * flags, `--` to end flags. Everything wrong is a `CliError` that names the flag and, for a
 * misspelling, the flag that was probably meant.
 */
export function parseArgs(argv: readonly string[], commands: readonly CommandSpec[]): Parsed {
  if (argv.length === 0) return { kind: "help" };
  const first = argv[0];
  if (first === "--version" || first === "-v") return { kind: "version" };
  if (first === "--help" || first === "-h") return { kind: "help" };
  if (first.startsWith("-")) throw unknownFlag(first, undefined);
  const command = findCommand(first, commands);
  const rest = argv.slice(1);
  if (command.passthrough) return { kind: "command", command, args: [...rest], flags: {} };

  const args: string[] = [];
  const flags: Record<string, unknown> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--") {
      args.push(...rest.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      args.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const rawName = a.startsWith("--") ? a.slice(2, eq > 0 ? eq : undefined) : a.slice(1, eq > 0 ? eq : undefined);
    const name = a.startsWith("--") ? rawName : (Object.keys(FLAGS) as FlagName[]).find((k) => (FLAGS[k] as FlagSpec).short === rawName);
    if (name === "help") return { kind: "help", command };
    if (name === "version") return { kind: "version" };
    if (name === undefined || !(name in FLAGS) || !command.flags.includes(name as FlagName)) throw unknownFlag(a.slice(0, eq > 0 ? eq : undefined), command);
    const spec: FlagSpec = FLAGS[name as FlagName];
    let value: string | undefined = eq > 0 ? a.slice(eq + 1) : undefined;
    if (spec.type === "boolean") {
      if (value !== undefined) throw new CliError("CS803", `--${name} takes no value`, `write just --${name}`);
      flags[name] = true;
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= rest.length || (rest[i + 1].startsWith("--") && rest[i + 1].length > 2)) {
        throw new CliError("CS803", `--${name} needs a value (${spec.value ?? "VALUE"})`, `for example: clustersim ${command.name} ${command.usage.split(" ")[0] ?? ""} --${name} ${example(name as FlagName)}`.replace(/ +/g, " "));
      }
      value = rest[++i];
    }
    let parsed: string | number = value;
    if (spec.type === "integer") {
      if (!/^\d+$/.test(value.trim())) throw new CliError("CS803", `--${name} takes a whole number, got "${value}"`, `for example --${name} ${example(name as FlagName)}`);
      parsed = Number(value);
    }
    if (spec.repeatable) ((flags[name] ??= []) as unknown[]).push(parsed);
    else if (name in flags) throw new CliError("CS803", `--${name} is given twice`, "give it once");
    else flags[name] = parsed;
  }
  if (args.length < command.args.min) {
    throw new CliError("CS804", `${command.name} needs ${command.usage || "no arguments"}`, `usage: clustersim ${command.name} ${command.usage}`.trim());
  }
  if (args.length > command.args.max) {
    throw new CliError("CS804", `${command.name} takes ${command.args.max === 0 ? "no arguments" : `at most ${command.args.max} argument${command.args.max === 1 ? "" : "s"}`}, got ${args.length}: ${args.join(" ")}`, `usage: clustersim ${command.name} ${command.usage}`.trim());
  }
  return { kind: "command", command, args, flags: flags as FlagValues };
}

function example(name: FlagName): string {
  const examples: Partial<Record<FlagName, string>> = { seed: "7", seeds: "1..100", workers: "4", shard: "1/4", set: "workload.rate=200/s", report: "json,md", out: "out", trace: "run.jsonl", timeout: "60s", "max-runs": "200" };
  return examples[name] ?? "VALUE";
}

/** An unknown flag: for the command if known, with the closest flag it accepts. */
function unknownFlag(flag: string, command: CommandSpec | undefined): CliError {
  const accepted: string[] = command ? [...command.flags, "help"] : ["help", "version"];
  const name = flag.replace(/^-+/, "");
  const guess = closest(name, accepted);
  const where = command ? ` for "${command.name}"` : "";
  const known = FLAGS[name as FlagName] !== undefined && command ? `; "${command.name}" does not take --${name}` : "";
  return new CliError("CS802", `unknown flag ${flag}${where}${known}`, guess ? `did you mean --${guess}?` : `run \`clustersim help${command ? ` ${command.name}` : ""}\` for the flags it takes`);
}
