// The package as another project gets it: build, `npm pack`, install the tarball into a fresh
// project, and there use it the ways the README says: every export from plain Node ESM, the
// declarations under tsc's node16 and bundler resolution, the README's own snippets run as they
// are written, `npx clustersim check`, and `npx clustersim init`'s starter. The build and the
// install happen once, in beforeAll; each test then works in the installed project.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { snippetUnder } from "./readme-snippets";

const root = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, unknown> };
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
const versionOf = (name: string) => lock.packages[`node_modules/${name}`].version;
const subpaths = Object.keys(pkg.exports).filter((k) => k !== "./package.json").map((k) => k.slice(2));

let work = "";
let app = "";

/** Runs a command in the consumer project; returns stdout, or throws with its output. */
function sh(cmd: string, args: readonly string[], cwd = app): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1", CLUSTERSIM_DIST: undefined } });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${err.stdout ?? ""}\n${err.stderr ?? err.message}`, { cause: e });
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "clustersim-consumer-"));
  sh(process.execPath, [join(root, "scripts", "build-lib.mjs")], root);
  // The build just ran; prepack would run it again (and build the visualizer), so it is skipped.
  const tarball = sh("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], root).trim().split("\n").pop()!;
  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", type: "module", private: true }, null, 2));
  // The tools the README's snippets need, at the versions this repository tests with: from
  // npm's cache when it has them (after `npm ci` it does), else from the registry.
  sh("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error",
    join(work, tarball), `vitest@${versionOf("vitest")}`, `typescript@${versionOf("typescript")}`, `@types/node@${versionOf("@types/node")}`]);
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed package in a fresh project", () => {
  it("consumer: every export imports from plain Node ESM, with no TypeScript loader", () => {
    const script = subpaths.map((s) => `import * as m_${s} from "clustersim/${s}";`).join("\n")
      + `\nconsole.log(JSON.stringify({ ${subpaths.map((s) => `${s}: Object.keys(m_${s}).length`).join(", ")} }));\n`;
    writeFileSync(join(app, "imports.mjs"), script);
    const counts = JSON.parse(sh(process.execPath, ["imports.mjs"])) as Record<string, number>;
    expect(Object.keys(counts).sort()).toEqual([...subpaths].sort());
    for (const s of subpaths) expect(counts[s], `clustersim/${s} exports something`).toBeGreaterThan(0);
    // The package holds no TypeScript source to fall back on.
    const files = readdirSync(join(app, "node_modules", "clustersim", "dist"), { recursive: true }) as string[];
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  });

  it.each(["node16", "bundler"])("consumer: the README's From code example type-checks with moduleResolution %s", (resolution) => {
    const example = snippetUnder(readme, "From code", "ts");
    writeFileSync(join(app, "from-code.ts"), example);
    const helper = `import { expectScenario, ScenarioFailure } from "clustersim/vitest";\nimport type { ScenarioRuns } from "clustersim/vitest";\nimport { loadScenario } from "clustersim/scenarios";\nimport { jsonReport } from "clustersim/reports";\nexport const uses: [typeof expectScenario, typeof ScenarioFailure, ScenarioRuns | null, typeof loadScenario, typeof jsonReport] = [expectScenario, ScenarioFailure, null, loadScenario, jsonReport];\n`;
    writeFileSync(join(app, "uses.ts"), helper);
    const config = { compilerOptions: {
      target: "ES2022", module: resolution === "node16" ? "Node16" : "ESNext", moduleResolution: resolution === "node16" ? "Node16" : "Bundler",
      strict: true, noEmit: true, types: ["node"], skipLibCheck: false, lib: ["ES2023"],
    }, files: ["from-code.ts", "uses.ts"] };
    writeFileSync(join(app, `tsconfig.${resolution}.json`), JSON.stringify(config, null, 2));
    sh(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", `tsconfig.${resolution}.json`]);
  });

  it("consumer: the README's From code example runs and prints a seed, a trace hash and a verdict", () => {
    writeFileSync(join(app, "from-code.ts"), snippetUnder(readme, "From code", "ts"));
    const out = sh(process.execPath, ["--import", "tsx", "from-code.ts"]).trim();
    expect(out).toMatch(/^7 [0-9a-f]{16} (true|false)$/);
  });

  it("consumer: the README's vitest example passes, unchanged, on the scenario the package ships", () => {
    // The example reads a library scenario by a path relative to the project, as a reader who
    // copied the library (or kept the path of a scenario of their own) has it.
    cpSync(join(app, "node_modules", "clustersim", "scenarios", "library"), join(app, "scenarios", "library"), { recursive: true });
    writeFileSync(join(app, "readme.test.ts"), snippetUnder(readme, "In a vitest suite", "ts"));
    const out = sh(process.execPath, [join(app, "node_modules", "vitest", "vitest.mjs"), "run", "readme.test.ts"]);
    expect(out).toMatch(/1 passed/);
  });

  it("consumer: the README's vitest helper example passes, unchanged, on a scenario at the path it names", () => {
    mkdirSync(join(app, "scenarios"), { recursive: true });
    cpSync(join(app, "node_modules", "clustersim", "scenarios", "library", "commit", "2pc-happy-path.yaml"), join(app, "scenarios", "checkout.yaml"));
    writeFileSync(join(app, "helper.test.ts"), snippetUnder(readme, "The vitest helper", "ts"));
    const out = sh(process.execPath, [join(app, "node_modules", "vitest", "vitest.mjs"), "run", "helper.test.ts"]);
    expect(out).toMatch(/1 passed/);
  });

  it("consumer: npx clustersim check runs a scenario file from the built command", () => {
    const out = sh("npx", ["--no-install", "clustersim", "check", "node_modules/clustersim/scenarios/library/commit/2pc-happy-path.yaml", "--seeds", "1..3", "--workers", "0"]);
    expect(out).toMatch(/2pc-happy-path/);
    expect(sh("npx", ["--no-install", "clustersim", "--version"]).trim()).toMatch(/^clustersim \d+\.\d+\.\d+$/);
  });

  it("consumer: npx clustersim init scaffolds a starter whose module type-checks, whose scenario passes in worker threads and whose test passes", () => {
    const config = { compilerOptions: { target: "ES2022", module: "Node16", moduleResolution: "Node16", strict: true, noEmit: true, types: ["node"], lib: ["ES2023"] }, include: ["clustersim/service.ts"] };
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify(config, null, 2));
    const init = sh("npx", ["--no-install", "clustersim", "init"]);
    expect(init).toContain("wrote   clustersim/service.ts");
    expect(readFileSync(join(app, ".github", "workflows", "fault-tolerance.yml"), "utf8")).toBe(snippetUnder(readme, "In CI", "yaml"));
    sh(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]);
    // Two workers: each thread compiles the project's TypeScript module itself.
    expect(sh("npx", ["--no-install", "clustersim", "check", "clustersim", "--seeds", "1..6", "--workers", "2"])).toMatch(/all passed: 6 runs/);
    expect(sh(process.execPath, [join(app, "node_modules", "vitest", "vitest.mjs"), "run", "clustersim"])).toMatch(/1 passed/);
  });
});
