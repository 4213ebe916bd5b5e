import type { CliIO } from "./io";
import type { LoadedFile } from "./load-file";
import { formatWarnings, loadFile } from "./load-file";

/**
 * Loads every file before anything runs: nothing runs when any of them is invalid, and the
 * user sees every problem at once, not one per attempt. Errors and warnings go to stderr;
 * null means at least one file was invalid (exit 2).
 */
export async function loadAll(files: readonly string[], io: CliIO, sets: readonly string[] = []): Promise<LoadedFile[] | null> {
  const loaded: LoadedFile[] = [];
  let bad = 0;
  for (const file of files) {
    const r = await loadFile(file, { cwd: io.cwd, sets });
    if (r.ok) {
      io.stderr(formatWarnings(r.loaded));
      loaded.push(r.loaded);
    } else {
      bad++;
      io.stderr(r.failed.report + "\n\n");
    }
  }
  if (bad > 0) {
    io.stderr(`clustersim: ${bad} of ${files.length} file${files.length === 1 ? "" : "s"} ${bad === 1 ? "is" : "are"} invalid; nothing ran\n`);
    return null;
  }
  return loaded;
}
