import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { errorCatalogue, isErrorCode } from "./errors";
import type { ErrorCode } from "./errors";
import { loadScenario } from "./loader";
import type { LoadOptions } from "./loader";
import { testCatalog, testCheckers } from "./fixtures/test-catalog";

const BASE = "name: t\nduration: 10s\nnodes: [n1, n2, c1]\n";
const withCatalogs: LoadOptions = { catalog: testCatalog, checkers: testCheckers };

/** One way to cause each error: the text, where the error must point, and its suggestion. */
interface Case {
  code: ErrorCode;
  text: string;
  line: number;
  column: number;
  options?: LoadOptions;
  file?: string;
  /** The file the error is in, when not the loaded one (an extended file). */
  inFile?: string | RegExp;
  suggestion?: string | RegExp;
  message?: RegExp;
}

const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);

const chain: Record<string, string> = {};
for (let i = 0; i < 20; i++) chain[`f${i}.yaml`] = `extends: f${i + 1}.yaml\n`;

const CASES: Case[] = [
  { code: "CS001", text: "name: t\nnodes: [n1, n2\n", line: 3, column: 1 },
  { code: "CS002", text: "- a\n- b\n", line: 1, column: 1 },
  { code: "CS002", text: "", line: 1, column: 1, message: /empty/ },
  { code: "CS003", text: `${BASE}${bomb.join("\n")}\n`, line: 8, column: 36, message: /more than 100000 values/ },
  { code: "CS003", text: "x".repeat(1_000_001), line: 1, column: 1 },
  { code: "CS004", text: "name: a\nname: b\n", line: 2, column: 1 },
  { code: "CS005", text: `${BASE}description: !!binary aGk=\n`, line: 4, column: 23 },
  { code: "CS101", text: "name: t\nduraton: 10s\nnodes: 1\n", line: 2, column: 1, suggestion: 'did you mean "duration"?' },
  { code: "CS101", text: `${BASE}faults:\n  - { at: 1s, crash: n1, fro: 2s }\n`, line: 5, column: 26, suggestion: 'did you mean "for"?' },
  { code: "CS102", text: "name: t\nduration: 1s\nnodes: true\n", line: 3, column: 8, message: /expected an integer or a mapping or a list/ },
  { code: "CS103", text: "name: t\nduration: 10\nnodes: 1\n", line: 2, column: 11, suggestion: 'write "10ms" or "10s"' },
  { code: "CS103", text: `${BASE}faults:\n  - at: 2sec\n    crash: n1\n`, line: 5, column: 9, suggestion: 'did you mean "2s"?' },
  { code: "CS104", text: `${BASE}workload: { on: c1, rate: 100 }\n`, line: 4, column: 27, suggestion: 'write "100/s"' },
  { code: "CS105", text: `${BASE}network: { loss: 5 }\n`, line: 4, column: 18, suggestion: 'did you mean "5%"?' },
  { code: "CS106", text: "name: t\nnodes: 1\n", line: 1, column: 1, message: /missing "duration"/ },
  { code: "CS107", text: `${BASE}workload: { on: c1, arrival: poison, rate: 1/s }\n`, line: 4, column: 30, suggestion: 'did you mean "poisson"?' },
  { code: "CS108", text: "name: t\nduration: 1s\nnodes: 0\n", line: 3, column: 8 },
  { code: "CS109", text: `${BASE}network:\n  latency: unifrom(1ms, 2ms)\n`, line: 5, column: 12, suggestion: 'did you mean "uniform(...)"?' },
  { code: "CS109", text: `${BASE}network: { latency: { dist: uniform, min: 1ms } }\n`, line: 4, column: 21, message: /uniform latency needs "max"/ },
  { code: "CS109", text: `${BASE}network: { latency: uniform(1ms, 2ms) }\n`, line: 4, column: 21, message: /cut short/ },
  { code: "CS110", text: `${BASE}seeds: 20..1\n`, line: 4, column: 8 },
  { code: "CS111", text: "name: t\nduration: 1s\nnodes: [ok, bad name]\n", line: 3, column: 13 },
  { code: "CS112", text: `${BASE}description: { en: Hello, zh-CN: 你好 }\n`, line: 4, column: 27, suggestion: 'did you mean "zh"?', message: /"zh-CN" is not a language code/ },
  { code: "CS112", text: `${BASE}narration:\n  - { at: 1s, text: { zh: 你好 } }\n`, line: 5, column: 21, message: /no English/ },
  { code: "CS201", text: `${BASE}services:\n  - { kind: echo-servr, on: n1 }\n`, line: 5, column: 13, options: withCatalogs, suggestion: 'did you mean "echo-server"?' },
  { code: "CS202", text: `${BASE}services:\n  - { kind: echo-server, on: n1, profile: eureca }\n`, line: 5, column: 43, options: withCatalogs, suggestion: 'did you mean "eureka"?', message: /eureka, etcd/ },
  { code: "CS203", text: `${BASE}services:\n  - kind: echo-server\n    on: n1\n    config:\n      prot: 80\n`, line: 8, column: 7, options: withCatalogs, suggestion: 'did you mean "port"?' },
  { code: "CS204", text: `${BASE}checks: [no-lost-write]\n`, line: 4, column: 10, options: withCatalogs, suggestion: 'did you mean "no-lost-writes"?' },
  { code: "CS205", text: `${BASE}expect:\n  - avg(latency) < 1ms\n`, line: 5, column: 5, suggestion: 'did you mean "mean(...)"?' },
  { code: "CS205", text: `${BASE}expect:\n  - "p99(latency) = 1ms"\n`, line: 5, column: 19, suggestion: 'write "==" to compare for equality' },
  { code: "CS206", text: `${BASE}faults:\n  - { at: 1s, crash: n1, pause: n2 }\n`, line: 5, column: 5, message: /crash and pause/ },
  { code: "CS207", text: `${BASE}triggers:\n  - when: { send: A, deliver: B }\n    do: { crash: n1 }\n`, line: 5, column: 11 },
  { code: "CS208", text: `${BASE}narration:\n  - { at: 1s, when: { send: A }, text: hi }\n`, line: 5, column: 5 },
  { code: "CS209", text: `${BASE}workload: { on: c1, rate: 1/s, burst: { size: 2, every: 1s } }\n`, line: 4, column: 11, message: /`rate` and `burst`/ },
  { code: "CS211", text: `${BASE}acrossSeeds:\n  - "p99(latency) == 1ms"\n`, line: 5, column: 19, suggestion: /belongs in `expect`/ },
  { code: "CS211", text: `${BASE}acrossSeeds:\n  - p99(latency) < 1ms on most seeds\n`, line: 5, column: 24 },
  { code: "CS210", text: "name: t\nduration: 1s\nnodes:\n  - { name: a, count: 2 }\n", line: 4, column: 5 },
  { code: "CS301", text: `${BASE}faults:\n  - { at: 1s, crash: n3 }\n`, line: 5, column: 22, suggestion: 'did you mean "n1"?', message: /nodes: n1, n2, c1/ },
  { code: "CS301", text: `${BASE}services:\n  - { kind: x, on: [n1, n5] }\n`, line: 5, column: 25 },
  { code: "CS302", text: "name: t\nduration: 1s\nnodes: [a, b, a]\n", line: 3, column: 15 },
  { code: "CS303", text: `${BASE}faults:\n  - { at: 5s, crash: n1, for: 10s }\n`, line: 5, column: 31, suggestion: /at most 5s/ },
  { code: "CS303", text: `${BASE}narration:\n  - { at: 11s, text: too late }\n`, line: 5, column: 11 },
  { code: "CS304", text: `${BASE}faults:\n  - { at: 1s, restart: n1, for: 1s }\n`, line: 5, column: 33 },
  { code: "CS305", text: `${BASE}faults:\n  - { at: 1s, partition: [[n1], [n1, n2]] }\n`, line: 5, column: 34 },
  { code: "CS306", text: `${BASE}nemesis: { mix: [crash], interval: 1s, duration: 1s, from: 5s, until: 2s }\n`, line: 4, column: 71 },
  { code: "CS307", text: `${BASE}triggers:\n  - when: { send: A, from: n1/nothing }\n    do: { crash: n1 }\n`, line: 5, column: 28 },
  { code: "CS401", text: "extends: missing.yaml\n", line: 1, column: 10, file: "dir/a.yaml", options: { resolve: () => undefined }, message: /dir\/missing.yaml/ },
  { code: "CS401", text: "extends: missing.yaml\n", line: 1, column: 10, message: /no way to read files/ },
  { code: "CS402", text: "extends: b.yaml\n", line: 1, column: 10, file: "a.yaml", inFile: "b.yaml", options: { resolve: (p) => ({ "b.yaml": "extends: a.yaml\n" })[p] } },
  { code: "CS403", text: "extends: f0.yaml\n", line: 1, column: 10, file: "main.yaml", inFile: /^f\d+\.yaml$/, options: { resolve: (p) => chain[p] } },
  { code: "CS404", text: `${BASE}modules: [./kinds.js, "data:text/javascript,export const processes = {}"]\n`, line: 4, column: 23, message: /is a URL \(data:\)/ },
  { code: "CS404", text: `${BASE}modules: [/tmp/kinds.js]\n`, line: 4, column: 11, message: /absolute path/ },
  { code: "CS501", text: BASE, line: 1, column: 1, options: { sets: ["duration"] } },
  { code: "CS502", text: BASE, line: 1, column: 7, options: { sets: ["nodes.9=x"] }, message: /nodes has 3 items, so index 9 is past its end/ },
  { code: "CS502", text: `${BASE}workload: [{ on: c1, rate: 1/s }]\n`, line: 1, column: 10, options: { sets: ["workload.rate=2/s"] }, message: /use an index, such as workload.0.rate/ },
];

describe("errors: one case per code", () => {
  test.each(CASES.map((c) => [c.code, c] as const))("%s: points at the culprit with the catalogue's code", (_code, c) => {
    const file = c.file ?? "case.yaml";
    const r = loadScenario(c.text, { file, ...c.options });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    const e = errors.find((x) => x.code === c.code);
    expect(e, JSON.stringify(errors, null, 1)).toBeDefined();
    expect({ line: e!.line, column: e!.column }).toEqual({ line: c.line, column: c.column });
    expect(e!.file).toMatch(c.inFile ?? (c.options?.sets ? "--set" : file));
    expect(e!.message.length).toBeGreaterThan(10);
    if (c.suggestion instanceof RegExp) expect(e!.suggestion).toMatch(c.suggestion);
    else if (c.suggestion !== undefined) expect(e!.suggestion).toBe(c.suggestion);
    if (c.message) expect(e!.message).toMatch(c.message);
  });

  test("errors: unknown zone is a warning, and the scenario still loads", () => {
    const r = loadScenario(`${BASE}network:\n  zones: [{ from: default, to: eu-wset, latency: 30ms }]\n`, { file: "w.yaml" });
    expect(r.ok).toBe(true);
    expect(r.warnings).toMatchObject([{ code: "CS601", severity: "warning", line: 5, column: 32 }]);
  });

  test("errors: a kind whose config schema does not compile is a warning, not a crash", () => {
    const catalog = { broken: { factory: () => ({}), description: "", configSchema: { type: "no-such-type" } } };
    const r = loadScenario(`${BASE}services: [{ kind: broken, on: n1, config: { a: 1 } }]\n`, { catalog });
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(["CS602"]);
  });

  test("errors: every code in the catalogue has a case (except the loader's own bug code)", () => {
    const covered = new Set<string>([...CASES.map((c) => c.code), "CS601", "CS602"]);
    const loaderCodes = Object.entries(errorCatalogue).filter(([, e]) => e.area === "scenario").map(([code]) => code);
    const missing = loaderCodes.filter((code) => code !== "CS900" && !covered.has(code));
    expect(missing).toEqual([]);
  });

  test("errors: docs/errors.md lists every code of the catalogue with its title and meaning", () => {
    const doc = readFileSync(new URL("../docs/errors.md", import.meta.url), "utf8");
    for (const [code, entry] of Object.entries(errorCatalogue)) expect(doc, code).toContain(`| ${code} | ${entry.title} | ${entry.severity} | ${entry.help} |`);
  });

  test("errors: every code written anywhere in the source is in the catalogue", () => {
    // A code is written as a string literal where it is thrown ("CS803"), so every literal of
    // that form in a source file must name a catalogue entry: a new code cannot skip the catalogue.
    const root = new URL("..", import.meta.url).pathname;
    const written = new Map<string, string>();
    const walk = (dir: string): void => {
      for (const name of readdirSync(join(root, dir))) {
        const rel = join(dir, name);
        if (statSync(join(root, rel)).isDirectory()) walk(rel);
        else if (/\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name)) {
          for (const m of readFileSync(join(root, rel), "utf8").matchAll(/["'`](CS\d{3})["'`]/g)) written.set(m[1], rel);
        }
      }
    };
    for (const dir of ["engine", "scenarios", "reports", "cli", "viz/src"]) walk(dir);
    expect(written.size).toBeGreaterThan(20);
    const unknown = [...written].filter(([code]) => !isErrorCode(code)).map(([code, file]) => `${code} in ${file}`);
    expect(unknown).toEqual([]);
  });

  test("errors: several problems are all reported, in reading order", () => {
    const r = loadScenario("name: t\nduraton: 10s\nnodes: [n1]\nfaults:\n  - { at: 1, crash: n1 }\n", { file: "m.yaml" });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => `${e.code}@${e.line}`)).toEqual(["CS106@1", "CS101@2", "CS103@5"]);
  });
});
