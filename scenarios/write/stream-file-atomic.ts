import { dirname } from "node:path";
import { nodeFileOps, writeAll, type SyncFileOps } from "./file-ops";

/** A file being written in pieces that appears whole or not at all. */
export interface AtomicStream {
  /** Appends bytes (the caller may reuse the array afterwards). */
  write(bytes: Uint8Array): void;
  /** Syncs the file and renames it over the target; on failure the temporary file is removed. */
  commit(): void;
  /** Removes the temporary file; the target is left as it was. */
  abort(): void;
}

/**
 * `writeFileAtomic` for output too large to hold: the pieces go to a temporary file beside the
 * target as they come (a run's trace, as the run writes it), and only `commit` renames it into
 * place, so a reader sees the old file or the whole new one, never half of one. Any failure
 * (a full disk, a read-only folder) throws the file system's error; `commit` and `abort` remove
 * the temporary file, so nothing is left behind. Creates the folder if needed.
 */
export function streamFileAtomic(path: string, ops: SyncFileOps = nodeFileOps): AtomicStream {
  ops.mkdirp(dirname(path));
  const temp = `${path}.${process.pid}.tmp`;
  const fd = ops.create(temp);
  let open = true;
  const close = () => {
    if (open) {
      open = false;
      ops.close(fd);
    }
  };
  const abort = () => {
    try {
      close();
    } finally {
      ops.remove(temp);
    }
  };
  return {
    write(bytes) {
      writeAll(ops, fd, bytes);
    },
    commit() {
      try {
        ops.fsync(fd);
        close();
        ops.rename(temp, path);
      } catch (e) {
        try { abort(); } catch { /* the first error is the one to report */ }
        throw e;
      }
    },
    abort,
  };
}
