import { describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadScenario } from "../scenarios/index";
import { builtinCheckers, builtinProcesses } from "../engine/index";

const root = fileURLToPath(new URL("..", import.meta.url));
const readme = readFileSync(`${root}README.md`, "utf8");

/** The fenced code blocks of a language in the README. */
function blocks(lang: string): string[] {
  return [...readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

/** The README's examples are run, so they cannot drift from what the code does. */
describe("README examples", () => {
  it("readme: the scenario example is a valid scenario file", () => {
    const yaml = blocks("yaml").find((b) => b.includes("name: 2pc-coordinator-crash"))!;
    const loaded = loadScenario(yaml, { file: "README.md", catalog: builtinProcesses, checkers: builtinCheckers });
    expect(loaded.ok ? [] : loaded.errors.map((e) => `${e.code} ${e.message}`)).toEqual([]);
  });

  it("readme: the library example runs as written and prints a seed, a trace hash and a verdict", () => {
    const code = blocks("ts").find((b) => b.includes('from "clustersim/engine"') && b.includes("const counter"))!;
    mkdirSync(`${root}out`, { recursive: true });
    const file = `${root}out/readme-example.mts`;
    // Against the sources: "clustersim/engine" would resolve to dist/, which only a build makes
    // (scripts/consumer.test.ts runs the same snippet against the packed, built package).
    writeFileSync(file, code.replaceAll('from "clustersim/engine"', `from ${JSON.stringify(`${root}engine/index.ts`)}`));
    const out = execFileSync(process.execPath, ["--import", "tsx", file], { cwd: root, encoding: "utf8" });
    expect(out.trim()).toMatch(/^7 [0-9a-f]{16} (true|false)$/);
  });
});
