import { jsonReport } from "../../reports/json";
import type { CommandContext } from "../options";
import { ExitCode } from "../exit-codes";
import { useColor } from "../io";
import { parseSeed } from "../flag-values";
import { DEMO_SEED, runDemo } from "../demo";
import { TraceWriter } from "../trace-writer";

/** `clustersim demo [--seed N]`: the built-in demo, printed as a story with its seed and trace hash. */
export default async function demo({ flags, io }: CommandContext): Promise<number> {
  const seed = flags.seed === undefined ? DEMO_SEED : parseSeed(flags.seed);
  const { report, text, jsonl } = await runDemo(seed, { color: useColor(io) });
  if (flags.trace !== undefined) {
    const traces = new TraceWriter(io.cwd, flags.trace, false);
    traces.write(report.result, jsonl);
    traces.report(io);
  }
  io.stdout(flags.json ? jsonReport(report.result) : text);
  return report.result.passed ? ExitCode.ok : ExitCode.failed;
}
