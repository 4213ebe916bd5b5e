import { resolve } from "node:path";
import { builtinCheckers, builtinProcesses, simulate } from "../../engine/index";
import { stableStringify } from "../../reports/json";
import { comparisonMarkdown, comparisonRows } from "../../reports/transaction-comparison";
import type { ComparedRun } from "../../reports/transaction-comparison";
import { writeReports } from "../../reports/write-files";
import { loadScenario } from "../../scenarios/loader";
import { COMPARISON_FAULTS, availableModes, comparisonScenarioText } from "../../scenarios/compare/index";
import type { ComparisonFault } from "../../scenarios/compare/index";
import type { CommandContext } from "../shared/command-spec";
import { CliError, ExitCode } from "../shared/exit-codes";
import { parseSeed } from "../shared/flag-values";

/** The report kinds this command writes. */
const KINDS = ["md", "json"] as const;

/**
 * `clustersim compare-transactions [--seed N] [--fault none|crash|partition] [--report md,json
 * --out DIR] [--json]`: the shared place-order business transaction run once in each mode this
 * build has (2PC, Seata AT, TCC, Saga), on the same seed, nodes, data, client stream, reader
 * and fault, and one table side by side: outcomes, what was locked and for how long, the
 * anomalies seen, latency p50/p99. The table goes to stdout (or the JSON with --json); with
 * --report the files go to --out (default out/). Exit 0 when every mode ran.
 */
export default async function compareTransactions({ flags, io }: CommandContext): Promise<number> {
  const seed = flags.seed === undefined ? 1 : parseSeed(flags.seed);
  const fault = (flags.fault ?? "crash") as ComparisonFault;
  if (!(COMPARISON_FAULTS as readonly string[]).includes(fault)) throw new CliError("CS803", `--fault ${flags.fault}: not a comparison fault`, `use one of ${COMPARISON_FAULTS.join(", ")}`);
  const kinds = (flags.report ?? "").split(",").filter((k) => k !== "");
  for (const k of kinds) if (!(KINDS as readonly string[]).includes(k)) throw new CliError("CS803", `--report ${flags.report}: compare-transactions writes ${KINDS.join(" and ")}, not ${k}`, "for example --report md,json");
  const { run, missing } = availableModes((k) => k in builtinProcesses);
  const runs: ComparedRun[] = [];
  for (const m of run) {
    const text = comparisonScenarioText(m, fault);
    const loaded = loadScenario(text, { file: `compare-${m.mode}.yaml`, catalog: builtinProcesses, checkers: builtinCheckers });
    if (!loaded.ok) throw new Error(`the ${m.mode} comparison scenario does not load: ${loaded.errors.map((e) => `${e.code} ${e.message}`).join("; ")}`);
    const sim = await simulate(loaded.scenario, { seed, keepHistory: true });
    runs.push({ mode: m.mode, label: m.label, result: sim.result, history: sim.history });
  }
  const rows = comparisonRows(runs);
  const ctx = { seed, fault, missing: missing.map((m) => m.label) };
  const md = comparisonMarkdown(rows, ctx);
  const json = stableStringify({ seed, fault, missing: ctx.missing, rows }) + "\n";
  if (kinds.length > 0) {
    const dir = resolve(io.cwd, flags.out ?? "out");
    const files: Record<string, string> = {};
    if (kinds.includes("md")) files["transaction-comparison.md"] = md;
    if (kinds.includes("json")) files["transaction-comparison.json"] = json;
    const written = await writeReports(dir, files);
    io.stderr(written.map((p) => `wrote ${p}\n`).join(""));
  }
  io.stdout(flags.json ? json : md);
  return ExitCode.ok;
}
