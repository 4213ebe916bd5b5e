import { resolve } from "node:path";
import type { RunReport } from "../../reports/report-input";
import type { RenderOptions } from "../../reports/render-reports";
import { CliError } from "./exit-codes";
import type { CliIO } from "./io";
import { writingTo } from "./write-error";

/** Default directory of reports. */
export const DEFAULT_REPORT_DIR = "out";

/**
 * Checks `--report json,md` before anything runs: an unknown kind is bad input, with the
 * nearest kind. The report writers are loaded only when reports were asked for.
 */
export async function parseReportKinds(text: string | undefined): Promise<string[]> {
  if (text === undefined) return [];
  const { parseReportKinds: parse } = await import("../../reports/render-reports");
  const { ReportError } = await import("../../reports/report-error");
  try {
    return parse([text]);
  } catch (e) {
    if (e instanceof ReportError) throw new CliError(e.code, e.message);
    throw e;
  }
}

/**
 * Reads `--epoch` before anything runs (a bad one is CS814, bad input) into the options of the
 * ecs, gelf and openmetrics reports; without the flag they use their documented default epoch.
 */
export async function parseExportOptions(text: string | undefined): Promise<RenderOptions> {
  if (text === undefined) return {};
  const { parseEpoch } = await import("../../reports/export-epoch");
  const { ReportError } = await import("../../reports/report-error");
  try {
    return { exports: { epochMs: parseEpoch(text) } };
  } catch (e) {
    if (e instanceof ReportError) throw new CliError(e.code, e.message);
    throw e;
  }
}

/**
 * Renders the asked-for reports and writes them into `dir` (each file written then renamed, so
 * an interrupted run never leaves half a file), then says on stderr where they went. A folder
 * the host will not write to is CS813, with no file of the set left behind.
 */
export async function writeReportFiles(io: CliIO, kinds: readonly string[], input: RunReport | readonly RunReport[], dir: string | undefined, options: RenderOptions = {}): Promise<string[]> {
  if (kinds.length === 0) return [];
  const { renderReports, writeReports } = await import("../../reports/index");
  const files = renderReports([...kinds], input, options);
  const target = resolve(io.cwd, dir ?? DEFAULT_REPORT_DIR);
  const written = await writingTo(target, io.cwd, "reports into", () => writeReports(target, files));
  const names = Object.keys(files).sort();
  io.stderr(`wrote ${names.length} report file${names.length === 1 ? "" : "s"} to ${dir ?? DEFAULT_REPORT_DIR}/: ${names.join(", ")}\n`);
  return written;
}
