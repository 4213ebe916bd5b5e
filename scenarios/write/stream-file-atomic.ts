import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** A file being written in pieces that appears whole or not at all. */
export interface AtomicStream {
  /** Appends bytes (the caller may reuse the array afterwards). */
  write(bytes: Uint8Array): void;
  /** Syncs the file and renames it over the target. */
  commit(): void;
  /** Removes the temporary file; the target is left as it was. */
  abort(): void;
}

/**
 * `writeFileAtomic` for output too large to hold: the pieces go to a temporary file beside the
 * target as they come (a run's trace, as the run writes it), and only `commit` renames it into
 * place, so a reader sees the old file or the whole new one, never half of one.
 */
export function streamFileAtomic(path: string): AtomicStream {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, "w");
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write(bytes) {
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    },
    commit() {
      fsyncSync(fd);
      close();
      renameSync(temp, path);
    },
    abort() {
      close();
      rmSync(temp, { force: true });
    },
  };
}
