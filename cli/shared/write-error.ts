import { relative } from "node:path";
import { CliError } from "./exit-codes";

/** Why the file system refused, in words, and what to do, by its error code. */
const REASONS: Record<string, { why: string; fix: string }> = {
  EACCES: { why: "permission denied", fix: "write somewhere you may write to, or fix the folder's permissions" },
  EPERM: { why: "operation not permitted", fix: "write somewhere you may write to, or fix the folder's permissions" },
  EROFS: { why: "the file system is read-only", fix: "write to a folder on a writable disk" },
  ENOSPC: { why: "no space left on the device", fix: "free some space, or write to another disk" },
  EDQUOT: { why: "the disk quota is used up", fix: "free some space, or write to another disk" },
  EFBIG: { why: "the file is too large for the file system", fix: "write to another disk" },
  EIO: { why: "an input/output error on the device", fix: "check the disk, or write to another one" },
  ENOTDIR: { why: "a part of the path is a file, not a folder", fix: "choose a path whose folders are folders" },
  EEXIST: { why: "a part of the path is a file, not a folder", fix: "choose a path whose folders are folders" },
  EISDIR: { why: "the path is a folder", fix: "name a file, not a folder" },
  ENOENT: { why: "the folder does not exist and could not be created", fix: "create the folder first, or write elsewhere" },
  ENAMETOOLONG: { why: "the path is too long", fix: "choose a shorter path" },
};

/** True for an error thrown by the file system (it carries an errno code such as `ENOSPC`). */
export function isFileSystemError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}

/**
 * CS813 for an output the host would not take: the path (relative to `cwd` when inside it),
 * the reason in words with the system's code, and what to do. Exit 2, as for any problem the
 * user can fix; the writers have already removed their temporary files.
 */
export function cannotWrite(path: string, error: NodeJS.ErrnoException, cwd: string, what = "output"): CliError {
  const rel = relative(cwd, path);
  const shown = rel !== "" && !rel.startsWith("..") ? rel : path;
  const reason = REASONS[error.code ?? ""] ?? { why: error.message, fix: "write elsewhere" };
  return new CliError("CS813", `cannot write ${what} ${shown}: ${reason.why} (${error.code})`, `${reason.fix}; nothing was left half-written`);
}

/** Runs a write; a file system error becomes CS813 for `path`, anything else passes through. */
export async function writingTo<T>(path: string, cwd: string, what: string, write: () => T | Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isFileSystemError(e)) throw cannotWrite(path, e, cwd, what);
    throw e;
  }
}
