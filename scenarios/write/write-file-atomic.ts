import { dirname } from "node:path";
import { nodeFileOps, writeAll, type SyncFileOps } from "./file-ops";

/**
 * Writes a file whole or not at all: the text goes to a temporary file beside the target
 * (same folder, so the rename cannot cross file systems), is synced, and is renamed over the
 * target. A reader, an editor or an interrupted run sees the old file or the whole new one,
 * never half of one; if any step fails (a full disk, a read-only folder) the temporary file is
 * removed and the file system's error is thrown. Creates the folder if needed. Every
 * single-file write of the project (the shrunk scenario, saved traces, the generated schema,
 * the trace-hash file) goes through here; `reports/write-files.ts` does the same for a set of
 * report files committed together.
 */
export function writeFileAtomic(path: string, text: string, ops: SyncFileOps = nodeFileOps): void {
  ops.mkdirp(dirname(path));
  const temp = `${path}.${process.pid}.tmp`;
  const fd = ops.create(temp);
  try {
    try {
      writeAll(ops, fd, new TextEncoder().encode(text));
      ops.fsync(fd);
    } finally {
      ops.close(fd);
    }
    ops.rename(temp, path);
  } catch (e) {
    try { ops.remove(temp); } catch { /* the first error is the one to report */ }
    throw e;
  }
}
