import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes a file whole or not at all: the text goes to a temporary file beside the target
 * (same folder, so the rename cannot cross file systems), is synced, and is renamed over the
 * target. A reader, an editor or an interrupted run sees the old file or the whole new one,
 * never half of one. Creates the folder if needed. Every single-file write of the project (the
 * shrunk scenario, saved traces, the generated schema, the trace-hash file) goes through here;
 * `reports/write-files.ts` does the same for a set of report files committed together.
 */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, "w");
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
