import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadFile } from "./shared/load-file";

// The trust rule for `modules:` (docs/architecture.md, "What is trusted"): a scenario file may
// run code only from its own project (the nearest folder up with a package.json) or a folder
// the user allowed with CLUSTERSIM_MODULE_ROOTS, named by a relative path or an installed
// package; a URL, an absolute path, a built-in or a path (or symlink) leading out is CS404 at
// the specifier's file:line:col, and nothing is imported. Every refused module here would
// write a marker file if it ever ran.
let dir = "";
let marker = "";
const SCENARIO = (modules: string) => `name: trust
duration: 1s
nodes: [s1, c1]
modules: [${modules}]
services:
  - { kind: echo-server, on: s1, name: echo }
  - { kind: echo-client, on: c1, name: client, config: { targets: [s1/echo], rate: 10 } }
`;
const EVIL = () => `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport const processes = {};\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "clustersim-trust-"));
  marker = join(dir, "MODULE-RAN");
  mkdirSync(join(dir, "proj/scenarios"), { recursive: true });
  mkdirSync(join(dir, "proj/kinds"));
  mkdirSync(join(dir, "outside"));
  writeFileSync(join(dir, "proj/package.json"), "{}\n");
  writeFileSync(join(dir, "proj/kinds/ok.js"), "export const processes = {};\n");
  writeFileSync(join(dir, "outside/evil.js"), EVIL());
  symlinkSync(join(dir, "outside/evil.js"), join(dir, "proj/kinds/link.js"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function load(modules: string) {
  writeFileSync(join(dir, "proj/scenarios/s.yaml"), SCENARIO(modules));
  return loadFile("scenarios/s.yaml", { cwd: join(dir, "proj") });
}

describe("modules: what a scenario file may run", () => {
  it("a module inside the scenario's project loads", async () => {
    const r = await load("../kinds/ok.js");
    expect(r.ok ? r.loaded.modules : r.failed.report).toEqual([`file://${join(dir, "proj/kinds/ok.js")}`]);
  });

  it.each([
    ["a path leading out of the project", "../../outside/evil.js", 11, /resolves to .*outside\/evil\.js, outside the scenario's project/],
    ["a symlink inside the project that leads out", "../kinds/link.js", 11, /resolves to .*outside\/evil\.js, outside/],
    ["an absolute path", "__ABS__", 11, /is an absolute path/],
    ["a data: URL, code carried in the file itself", `"data:text/javascript,import('node:fs').then((fs) => fs.writeFileSync(__M__, 'ran'))"`, 11, /is a URL \(data:\)/],
    ["an https: URL", `"https://example.com/kinds.js"`, 11, /is a URL \(https:\)/],
    ["a Node built-in", "child_process", 11, /is a Node built-in/],
    ["an allowed module after a refused one: still nothing is imported", "../kinds/ok.js, ../../outside/evil.js", 27, /outside the scenario's project/],
  ])("refused: %s (CS404 at file:line:col, nothing imported)", async (_what, spec, column, message) => {
    const modules = spec.replace("__ABS__", join(dir, "outside/evil.js")).replace("__M__", JSON.stringify(marker).replace(/"/g, "'"));
    const r = await load(modules);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failed.errors.map((e) => [e.code, e.file, e.line, e.column])).toEqual([["CS404", "scenarios/s.yaml", 4, column]]);
    expect(r.failed.errors[0].message).toMatch(message);
    expect(r.failed.report).toContain(`scenarios/s.yaml:4:${column}`);
    expect(existsSync(marker)).toBe(false);
  });

  it("CLUSTERSIM_MODULE_ROOTS lets the user allow a folder outside the project", async () => {
    process.env.CLUSTERSIM_MODULE_ROOTS = join(dir, "outside");
    try {
      const r = await load("../../outside/evil.js");
      expect(r.ok ? "loaded" : r.failed.report).toBe("loaded");
      expect(existsSync(marker)).toBe(true);
    } finally {
      delete process.env.CLUSTERSIM_MODULE_ROOTS;
      rmSync(marker, { force: true });
    }
  });
});
