import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";

/**
 * The synchronous file operations the atomic writers use, injectable so a test can make any
 * step fail as a real host would (ENOSPC on a write, EROFS on an open). The defaults are node:fs.
 */
export interface SyncFileOps {
  mkdirp(dir: string): void;
  /** Opens a new file for writing; returns its descriptor. */
  create(path: string): number;
  /** Writes part of `bytes`; returns how many bytes it wrote. */
  write(fd: number, bytes: Uint8Array, offset: number, length: number): number;
  fsync(fd: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  /** Removes a file if it is there. */
  remove(path: string): void;
}

/** node:fs implementations of `SyncFileOps`. */
export const nodeFileOps: SyncFileOps = {
  mkdirp: (dir) => { mkdirSync(dir, { recursive: true }); },
  create: (path) => openSync(path, "w"),
  write: (fd, bytes, offset, length) => writeSync(fd, bytes, offset, length),
  fsync: (fd) => fsyncSync(fd),
  close: (fd) => closeSync(fd),
  rename: (from, to) => renameSync(from, to),
  remove: (path) => rmSync(path, { force: true }),
};

/** Writes all of `bytes` to `fd`, however many calls the system needs (a pipe, a full disk throws). */
export function writeAll(ops: SyncFileOps, fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += ops.write(fd, bytes, done, bytes.length - done);
}
