import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { stableStringify } from "../../reports/json";
import type { CommandContext } from "../shared/command-spec";
import { CliError, ExitCode } from "../shared/exit-codes";
import { parseTimeout } from "../shared/flag-values";
import {
  checkLinearizability, DEFAULT_STEP_BUDGET, describeOperation, formatHistoryError, historyError, MODEL_NAMES, ModelMismatch, readHistory,
  type LinearizabilityResult, type ModelName, type Operation,
} from "../../engine/check/linearizability/index";

/**
 * `clustersim check-history FILE --model kv|register|cas-register`: reads a history file
 * (clustersim's JSONL, or Jepsen's history.edn by its extension) and checks it for
 * linearizability. Exit 0 linearizable, 1 not, 4 unknown (the budget or --timeout ran out),
 * 2 bad input.
 */
export default async function checkHistory({ args, flags, io }: CommandContext): Promise<number> {
  const file = args[0];
  const model = (flags.model ?? "") as ModelName;
  if (!MODEL_NAMES.includes(model)) throw new CliError("CS803", flags.model === undefined ? "--model is required" : `--model ${flags.model}: not a model`, `one of: ${MODEL_NAMES.map((m) => `--model ${m}`).join(", ")}`);
  const budgetSteps = parseBudget(flags.budget);
  const timeoutMs = flags.timeout === undefined ? 0 : parseTimeout(flags.timeout);
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, file), "utf8");
  } catch (e) {
    throw new CliError("CS805", `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "give the path of a .jsonl or .edn history");
  }
  const read = readHistory(text, file, { independent: flags.independent === true });
  if (!read.ok) {
    if (flags.json) io.stdout(stableStringify({ file, verdict: "bad-input", errors: read.errors }) + "\n");
    else io.stderr(read.errors.map(formatHistoryError).join("\n\n") + "\n");
    return ExitCode.badInput;
  }
  const started = Date.now();
  let r: LinearizabilityResult;
  try {
    r = checkLinearizability(read.operations, { model, budgetSteps, outOfTime: timeoutMs > 0 ? () => Date.now() - started > timeoutMs : undefined });
  } catch (e) {
    if (!(e instanceof ModelMismatch)) throw e;
    const err = historyError("CH202", file, e.op.callAt, 1, e.message);
    if (flags.json) io.stdout(stableStringify({ file, verdict: "bad-input", errors: [err] }) + "\n");
    else io.stderr(formatHistoryError(err) + "\n");
    return ExitCode.badInput;
  }
  const seconds = (Date.now() - started) / 1000;
  if (flags.json) io.stdout(stableStringify(jsonOf(file, read.format, r, seconds)) + "\n");
  else io.stdout(textOf(file, r, seconds));
  return r.verdict === "linearizable" ? ExitCode.ok : r.verdict === "not-linearizable" ? ExitCode.failed : ExitCode.unknown;
}

function parseBudget(text: string | undefined): number {
  if (text === undefined) return DEFAULT_STEP_BUDGET;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)\s*$/.exec(text);
  const n = m ? Number(m[1]) * ({ "": 1, k: 1e3, m: 1e6, g: 1e9 } as Record<string, number>)[m[2].toLowerCase()] : NaN;
  if (!Number.isFinite(n) || n < 1) throw new CliError("CS803", `--budget ${text}: not a number of steps`, "for example --budget 1000000 or --budget 50M");
  return Math.floor(n);
}

function jsonOf(file: string, format: string, r: LinearizabilityResult, seconds: number) {
  return {
    file, format, verdict: r.verdict, model: r.model, operations: r.operations, pending: r.pending, keys: r.partitions, steps: r.steps,
    seconds: Math.round(seconds * 1000) / 1000, message: r.message, undecided: r.undecided,
    window: r.failure && {
      key: r.failure.key, fromStart: r.failure.fromStart, possibleValues: r.failure.possibleValues,
      culprit: opJson(r.failure.culprit), operations: r.failure.operations.map(opJson),
    },
  };
}

function opJson(o: Operation) {
  return { process: o.process, f: o.name, key: o.key, value: o.f === "read" ? o.output : o.input, pending: o.pending, invokeLine: o.callAt, completeLine: o.retAt };
}

function textOf(file: string, r: LinearizabilityResult, seconds: number): string {
  const head = `${file}: ${r.verdict} (${r.model}; ${r.operations} operations, ${r.pending} pending, ${r.partitions} key(s); ${r.steps} steps, ${seconds.toFixed(2)} s)\n`;
  if (!r.failure) return head + `  ${r.message}\n`;
  return head + `  ${r.failure.message.replace(/ Operations: .*$/, "")}\n  the window:\n` + r.failure.operations.map((o) => `    ${describeOperation(o)}\n`).join("");
}
