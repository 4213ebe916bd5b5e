import { mkdir, open, rename, rm } from "node:fs/promises";
import { isAbsolute, join } from "node:path";

/**
 * The file operations `writeReports` uses, injectable so a test can fail one at any step. The
 * defaults are node:fs; reports/ touches the file system here and nowhere else.
 */
export interface WriteOps {
  mkdir(dir: string): Promise<void>;
  /** Writes the whole content and makes it durable (fsync) before returning. */
  writeDurable(path: string, content: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

/** node:fs implementations of `WriteOps`. */
export const nodeWriteOps: WriteOps = {
  async mkdir(dir) {
    await mkdir(dir, { recursive: true });
  },
  async writeDurable(path, content) {
    const handle = await open(path, "wx");
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async rename(from, to) {
    await rename(from, to);
  },
  async remove(path) {
    await rm(path, { force: true });
  },
};

/** A report file name must be a plain name inside the output folder. */
function checkName(name: string): void {
  if (name === "" || name === "." || name === ".." || name.includes("/") || name.includes("\\") || isAbsolute(name) || name.includes("\0")) {
    throw new Error(`report file name ${JSON.stringify(name)} is not a plain file name: reports are written directly inside the --out folder`);
  }
}

let counter = 0;

/**
 * Writes report files into `dir` atomically: every file is first written in full (and synced)
 * under a hidden temporary name in the same folder, and only when all of them are written is
 * each renamed over its final name. A rename within one folder is atomic, so a reader, or a run
 * interrupted at any point, sees either the old file or the whole new one, never half of one.
 * If writing any temporary file fails, all temporaries are removed and no final file changes.
 * Returns the paths written, in the order given.
 */
export async function writeReports(dir: string, files: Record<string, string>, ops: WriteOps = nodeWriteOps): Promise<string[]> {
  const names = Object.keys(files);
  for (const name of names) checkName(name);
  await ops.mkdir(dir);
  const temps: Array<{ temp: string; final: string }> = [];
  try {
    for (const name of names) {
      const temp = join(dir, `.${name}.${process.pid}.${++counter}.tmp`);
      temps.push({ temp, final: join(dir, name) });
      await ops.writeDurable(temp, files[name]);
    }
  } catch (err) {
    await Promise.all(temps.map((t) => ops.remove(t.temp).catch(() => undefined)));
    throw err;
  }
  const written: string[] = [];
  for (let i = 0; i < temps.length; i++) {
    try {
      await ops.rename(temps[i].temp, temps[i].final);
      written.push(temps[i].final);
    } catch (err) {
      // The files renamed so far are complete; the rest keep their old content.
      await Promise.all(temps.slice(i).map((t) => ops.remove(t.temp).catch(() => undefined)));
      throw err;
    }
  }
  return written;
}
