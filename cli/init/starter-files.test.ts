import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../main";
import type { CliIO } from "../shared/io";
import { snippetUnder } from "../../scripts/readme-snippets";
import { CI_WORKFLOW } from "./ci-workflow";

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "clustersim-init-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function cli(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const io: CliIO = { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, isTTY: false, env: { NO_COLOR: "1" }, cwd };
  const code = await main(argv, io);
  return { code, out, err };
}

/**
 * Five seeds of the starter in this thread, its module compiled first: 11-70 s at load 25 on 2
 * cores (vitest's 60 s default timed the two starter checks out), a few seconds on a quiet one.
 */
const STARTER_TIMEOUT = 240_000;

describe("clustersim init", () => {
  it.each([["JavaScript", false], ["TypeScript", true]])("init: a %s project gets a starter whose scenario passes at once", async (_, typescript) => {
    const dir = project({ "package.json": "{}", ...(typescript ? { "tsconfig.json": "{}" } : {}) });
    const ext = typescript ? "ts" : "mjs";
    const init = await cli(["init"], dir);
    expect(init.code).toBe(0);
    for (const f of [`clustersim/service.${ext}`, "clustersim/starter.yaml", `clustersim/starter.test.${ext}`, ".github/workflows/fault-tolerance.yml"]) {
      expect(init.out).toContain(`wrote   ${f}`);
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    expect(readFileSync(join(dir, "clustersim/starter.yaml"), "utf8")).toContain(`modules: [./service.${ext}]`);
    const check = await cli(["check", "clustersim", "--seeds", "1..5", "--workers", "0"], dir);
    expect(check.err + check.out).not.toMatch(/error/i);
    expect(check.code).toBe(0);
    expect(check.out).toMatch(/starter/);
  }, STARTER_TIMEOUT);

  it("init: the starter's checker catches a counter that acknowledges before it syncs", async () => {
    const dir = project({ "package.json": "{}" });
    await cli(["init"], dir);
    const service = join(dir, "clustersim/service.mjs");
    writeFileSync(service, readFileSync(service, "utf8").replace("rt.disk.sync(); // only synced writes survive a crash", "// the bug: no sync"));
    const check = await cli(["check", "clustersim", "--seeds", "1..5", "--workers", "0"], dir);
    expect(check.code).toBe(1);
    expect(check.out + check.err).toMatch(/count-never-goes-back/);
  }, STARTER_TIMEOUT);

  it("init: running it again keeps every file it wrote before", async () => {
    const dir = project({ "package.json": "{}" });
    await cli(["init"], dir);
    writeFileSync(join(dir, "clustersim/starter.yaml"), "# mine\n");
    const again = await cli(["init"], dir);
    expect(again.code).toBe(0);
    expect(again.out).toContain("kept    clustersim/starter.yaml (it exists)");
    expect(readFileSync(join(dir, "clustersim/starter.yaml"), "utf8")).toBe("# mine\n");
  });

  it("init: outside a project (no package.json) it writes nothing and says where to run it", async () => {
    const dir = project({});
    const r = await cli(["init"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("has no package.json");
    expect(existsSync(join(dir, "clustersim"))).toBe(false);
  });

  it("init: the workflow it writes is the README's CI workflow, word for word", () => {
    expect(CI_WORKFLOW).toBe(snippetUnder(readFileSync(new URL("../../README.md", import.meta.url), "utf8"), "In CI", "yaml"));
  });
});
