import { stableStringify } from "../../reports/json";
import type { CliIO } from "./io";
import type { FailedFile, LoadedFile } from "./load-file";
import { formatWarnings, loadFile } from "./load-file";

/**
 * Loads every file before anything runs: nothing runs when any of them is invalid, and the
 * user sees every problem at once, not one per attempt. Errors and warnings go to stderr;
 * null means at least one file was invalid (exit 2).
 */
export async function loadAll(files: readonly string[], io: CliIO, sets: readonly string[] = [], options: { json?: boolean } = {}): Promise<LoadedFile[] | null> {
  const loaded: LoadedFile[] = [];
  const failed: FailedFile[] = [];
  let bad = 0;
  for (const file of files) {
    const r = await loadFile(file, { cwd: io.cwd, sets });
    if (r.ok) {
      io.stderr(formatWarnings(r.loaded));
      loaded.push(r.loaded);
    } else {
      bad++;
      failed.push(r.failed);
      io.stderr(r.failed.report + "\n\n");
    }
  }
  if (bad > 0) {
    // With --json the verdict is on stdout too, as one document, so a script never parses nothing.
    if (options.json) io.stdout(invalidFilesJson(failed));
    io.stderr(`clustersim: ${bad} of ${files.length} file${files.length === 1 ? "" : "s"} ${bad === 1 ? "is" : "are"} invalid; nothing ran\n`);
    return null;
  }
  return loaded;
}

/**
 * The `--json` document for input that stopped a command before anything ran: exit code 2 and
 * every error, with the codes the text output shows. `errors` holds the loader's errors with
 * their positions; a file that failed before the loader saw it carries one error of its own.
 */
export function invalidFilesJson(failed: readonly FailedFile[]): string {
  const errors = failed.flatMap((f): object[] => (f.errors.length > 0 ? f.errors : [{ code: f.code ?? "CS805", severity: "error", file: f.file, message: f.message ?? f.report }]));
  return stableStringify({ ok: false, exitCode: 2, errors, files: failed.map((f) => f.file) }, ["ok", "exitCode", "errors", "files"]) + "\n";
}
