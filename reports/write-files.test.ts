import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nodeWriteOps, writeReports } from "./write-files";
import type { WriteOps } from "./write-files";

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), "clustersim-reports-")); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe("writeReports", () => {
  it("write: writes every file with its content and leaves no temporary behind", async () => {
    const out = join(dir, "nested", "out");
    const paths = await writeReports(out, { "summary.md": "# hi\n", "junit.xml": "<testsuites/>\n" });
    expect(paths).toEqual([join(out, "summary.md"), join(out, "junit.xml")]);
    expect(await readFile(join(out, "summary.md"), "utf8")).toBe("# hi\n");
    expect((await readdir(out)).sort()).toEqual(["junit.xml", "summary.md"]);
  });

  it("write: replaces an existing file", async () => {
    await writeFile(join(dir, "result.json"), "old");
    await writeReports(dir, { "result.json": "new" });
    expect(await readFile(join(dir, "result.json"), "utf8")).toBe("new");
  });

  it("write: a failure between writing and renaming leaves no partial file and the old files intact", async () => {
    await writeFile(join(dir, "a.json"), "old a");
    await writeFile(join(dir, "b.json"), "old b");
    let renames = 0;
    const failing: WriteOps = {
      ...nodeWriteOps,
      async rename(from, to) {
        if (++renames === 2) throw new Error("interrupted before rename");
        await nodeWriteOps.rename(from, to);
      },
    };
    await expect(writeReports(dir, { "a.json": "new a", "b.json": "new b".repeat(10_000) }, failing)).rejects.toThrow("interrupted before rename");
    // The first file was renamed whole; the second keeps its old content; no temporary is left.
    expect(await readFile(join(dir, "a.json"), "utf8")).toBe("new a");
    expect(await readFile(join(dir, "b.json"), "utf8")).toBe("old b");
    expect((await readdir(dir)).sort()).toEqual(["a.json", "b.json"]);
  });

  it("write: a write that dies halfway changes no final file and removes every temporary", async () => {
    await writeFile(join(dir, "summary.md"), "old summary");
    const failing: WriteOps = {
      ...nodeWriteOps,
      async writeDurable(path, content) {
        if (path.includes("timeline.html")) {
          await writeFile(path, content.slice(0, content.length / 2));
          throw new Error("disk full");
        }
        await nodeWriteOps.writeDurable(path, content);
      },
    };
    await expect(writeReports(dir, { "summary.md": "new summary", "timeline.html": "<html>".repeat(1000) }, failing)).rejects.toThrow("disk full");
    expect(await readFile(join(dir, "summary.md"), "utf8")).toBe("old summary");
    expect(await readdir(dir)).toEqual(["summary.md"]);
  });

  it("write: a name that would leave the folder is refused before anything is written", async () => {
    for (const name of ["../escape.json", "sub/file.md", "/abs.xml", ".."]) {
      await expect(writeReports(dir, { "ok.json": "{}", [name]: "x" })).rejects.toThrow("is not a plain file name");
    }
    expect(await readdir(dir)).toEqual([]);
  });
});
