import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CommandContext } from "../shared/command-spec";
import { CliError, ExitCode } from "../shared/exit-codes";
import { loadFile } from "../shared/load-file";
import { packageRoot } from "../shared/library-dir";
import { parseSeed } from "../shared/flag-values";

/** File endings of saved traces (one canonical JSON event a line). */
const TRACE_ENDINGS = [".jsonl", ".ndjson", ".trace"];

/**
 * `clustersim view FILE|TRACE`: prints the address of the built visualizer page with the
 * scenario (and `--seed`, `--set`) in the URL fragment, the same share-link format the page
 * itself writes, so opening it shows the run. It never opens a browser itself. A trace file has
 * no share-link form: the page opens it from its own file picker.
 */
export default async function view({ args, flags, io }: CommandContext): Promise<number> {
  // CLUSTERSIM_VIZ_PAGE points at another build of the page (tests use it; so can a deployment).
  const page = io.env.CLUSTERSIM_VIZ_PAGE ?? join(packageRoot(), "viz", "dist", "index.html");
  if (!existsSync(page)) {
    throw new CliError("CS807", "the visualizer is not built: viz/dist/index.html is missing", "run `npm run build` first, then `clustersim view` again");
  }
  const target = args[0];
  const pageUrl = pathToFileURL(page).href;
  if (TRACE_ENDINGS.some((e) => target.endsWith(e))) {
    if (!existsSync(join(io.cwd, target)) && !existsSync(target)) throw new CliError("CS805", `cannot read ${target}: no such file`);
    io.stdout(`${pageUrl}\n`);
    io.stderr(`open the page, then open ${target} with its "Open trace" button (or drop the file on the page)\n`);
    return ExitCode.ok;
  }
  const sets = flags.set ?? [];
  const r = await loadFile(target, { cwd: io.cwd, sets });
  if (!r.ok) {
    io.stderr(r.failed.report + "\n");
    return ExitCode.badInput;
  }
  const { encodeShare } = await import("../../scenarios/share/share-link");
  // The page cannot read the files a scenario extends or the modules it names, so such a
  // scenario travels as its loaded form; a self-contained one travels as its text, editable.
  const selfContained = !/^\s*(extends|modules)\s*:/m.test(r.loaded.text);
  const fragment = await encodeShare({
    source: selfContained ? { kind: "yaml", text: r.loaded.text, file: target.split(/[\\/]/).pop() ?? target } : { kind: "object", scenario: r.loaded.scenario },
    ...(flags.seed !== undefined ? { seed: parseSeed(flags.seed) } : {}),
    faults: [],
    sets: selfContained ? [...sets] : [],
  });
  io.stdout(`${pageUrl}#${fragment}\n`);
  return ExitCode.ok;
}
