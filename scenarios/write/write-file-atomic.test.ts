import { describe, expect, it } from "vitest";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "./write-file-atomic";
import { streamFileAtomic } from "./stream-file-atomic";
import { nodeFileOps, writeAll, type SyncFileOps } from "./file-ops";

/** node:fs, except that `step` throws the error a host would give. */
function failing(step: keyof SyncFileOps, code: string): SyncFileOps {
  const fail = () => {
    throw Object.assign(new Error(`${code}: simulated`), { code });
  };
  return { ...nodeFileOps, [step]: fail };
}

describe("writeFileAtomic", () => {
  it("writeFileAtomic: replaces the file's content and leaves no temporary file behind", () => {
    const dir = mkdtempSync(join(tmpdir(), "atomic-"));
    const path = join(dir, "out.yaml");
    writeFileSync(path, "old\n");
    writeFileAtomic(path, "new\n");
    expect(readFileSync(path, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["out.yaml"]);
  });

  it("writeFileAtomic: creates the folders the path names", () => {
    const dir = mkdtempSync(join(tmpdir(), "atomic-"));
    const path = join(dir, "a", "b", "trace.jsonl");
    writeFileAtomic(path, "{}\n");
    expect(readFileSync(path, "utf8")).toBe("{}\n");
  });

  it("writeFileAtomic: a full disk (ENOSPC on write or on fsync) throws it, keeps the old file and removes the temporary one", () => {
    for (const step of ["write", "fsync", "rename"] as const) {
      const dir = mkdtempSync(join(tmpdir(), "atomic-"));
      const path = join(dir, "out.yaml");
      writeFileSync(path, "old\n");
      expect(() => writeFileAtomic(path, "new\n", failing(step, "ENOSPC")), step).toThrow(expect.objectContaining({ code: "ENOSPC" }));
      expect(readFileSync(path, "utf8")).toBe("old\n");
      expect(readdirSync(dir), step).toEqual(["out.yaml"]);
    }
  });

  it("writeFileAtomic: a path under a regular file fails with the host's ENOTDIR and creates nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "atomic-"));
    writeFileSync(join(dir, "file"), "x");
    expect(() => writeFileAtomic(join(dir, "file", "sub", "out.yaml"), "new\n")).toThrow(expect.objectContaining({ code: "ENOTDIR" }));
    expect(readdirSync(dir)).toEqual(["file"]);
  });
});

describe("streamFileAtomic", () => {
  it("streamFileAtomic: ENOSPC on a write, then abort, leaves nothing; ENOSPC on commit's fsync removes the temporary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "atomic-"));
    const path = join(dir, "trace.jsonl");
    const s = streamFileAtomic(path, failing("write", "ENOSPC"));
    expect(() => s.write(new Uint8Array([1, 2, 3]))).toThrow(expect.objectContaining({ code: "ENOSPC" }));
    s.abort();
    expect(readdirSync(dir)).toEqual([]);
    const t = streamFileAtomic(path, failing("fsync", "ENOSPC"));
    t.write(new Uint8Array([1, 2, 3]));
    expect(() => t.commit()).toThrow(expect.objectContaining({ code: "ENOSPC" }));
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(path)).toBe(false);
  });

  it("streamFileAtomic: the write loop on a real full device (/dev/full) throws ENOSPC", () => {
    // /dev/full is how a Linux host says "disk full" for real; writeAll is the loop both writers use.
    const fd = openSync("/dev/full", "w");
    try {
      expect(() => writeAll(nodeFileOps, fd, new Uint8Array(70_000))).toThrow(expect.objectContaining({ code: "ENOSPC" }));
    } finally {
      closeSync(fd);
    }
  });
});
