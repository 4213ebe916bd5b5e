import { starterModule } from "./starter-module";
import { CI_WORKFLOW } from "./ci-workflow";

/** One file `clustersim init` writes: its path relative to the project, and its text. */
export interface StarterFile {
  path: string;
  text: string;
}

/** Where the starter goes in the project: one folder, so it is plain what init added. */
export const STARTER_DIR = "clustersim";

/**
 * The starter for a project: its own module (TypeScript when the project has a tsconfig.json),
 * one scenario that runs it under crashes with its checker, a vitest file that runs the scenario
 * over fifty seeds through `clustersim/vitest`, and the README's CI workflow. Each works as it is
 * written: `npx clustersim check clustersim`, `npx vitest run clustersim`, and the workflow.
 */
export function starterFiles(options: { typescript: boolean }): StarterFile[] {
  // .mjs, not .js: the module is ESM whatever the project's package.json says its .js files are.
  const ext = options.typescript ? "ts" : "mjs";
  return [
    { path: `${STARTER_DIR}/service.${ext}`, text: starterModule(options.typescript) },
    { path: `${STARTER_DIR}/starter.yaml`, text: starterScenario(`./service.${ext}`) },
    { path: `${STARTER_DIR}/starter.test.${ext}`, text: starterTest() },
    { path: ".github/workflows/fault-tolerance.yml", text: CI_WORKFLOW },
  ];
}

function starterScenario(module: string): string {
  return `# yaml-language-server: $schema=../node_modules/clustersim/scenarios/schema.json
# Written by \`clustersim init\`: your service (${module}) under crashes and pauses. Run it with
#   npx clustersim check clustersim --seeds 1..50
name: starter
description: |
  The project's counter syncs every count before acknowledging it, so a crash loses nothing it
  promised: after each restart it has at least every count a caller saw acknowledged.
seeds: 1..10
duration: 10s
modules: [${module}]
nodes: [server, client]
services:
  - { kind: counter, on: server, name: counter }
  - { kind: caller, on: client, name: caller, config: { target: server/counter } }
network:
  latency: lognormal(2ms, 0.5)
nemesis:
  mix: { crash: 3, pause: 1 }
  interval: 2s
  duration: 500ms
  targets: [server]
checks:
  - count-never-goes-back
`;
}

function starterTest(): string {
  return `// Written by \`clustersim init\`: the starter scenario over fifty seeds. A failing seed fails the
// test with the seed, the first violation and the command that replays it.
import { it } from "vitest";
import { expectScenario } from "clustersim/vitest";

it("the counter never loses an acknowledged count, over fifty seeds of crashes and pauses", async () => {
  await expectScenario("clustersim/starter.yaml", { seeds: "1..50" });
}, 120_000);
`;
}
