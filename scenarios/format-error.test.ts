import { expect, test } from "vitest";
import { formatError, formatErrors } from "./format-error";
import { loadScenario } from "./loader";

const TEXT = "name: t\nduraton: 10s\nnodes: [n1]\n";

test("format: an error prints like a compiler's, with the line, a caret under the key and the help", () => {
  const r = loadScenario(TEXT, { file: "smoke.yaml" });
  const e = !r.ok ? r.errors.find((x) => x.code === "CS101") : undefined;
  expect(formatError(e!, TEXT)).toBe([
    'error[CS101]: unknown key "duraton" at the top level; expected one of: extends, name, description, topic, tags, seed, seeds, duration, modules, nodes, services, processes, network, workload, faults, nemesis, triggers, checks, expect, acrossSeeds, narration, limits',
    "  --> smoke.yaml:2:1",
    "  |",
    "2 | duraton: 10s",
    "  | ^^^^^^^",
    '  = help: did you mean "duration"?',
  ].join("\n"));
});

test("format: the caret spans the value the error is about", () => {
  const text = "name: t\nduration: 10\nnodes: [n1]\n";
  const r = loadScenario(text, { file: "d.yaml" });
  const out = formatError(!r.ok ? r.errors[0] : (undefined as never), text);
  expect(out.split("\n").slice(3, 5)).toEqual(["2 | duration: 10", "  |           ^^"]);
});

test("format: an override's error shows the override's text", () => {
  const r = loadScenario("name: t\nduration: 1s\nnodes: [n1]\n", { sets: ["nodes.4=x"] });
  const out = formatError(!r.ok ? r.errors[0] : (undefined as never));
  expect(out).toContain("--> --set:1:7");
  expect(out).toContain("1 | nodes.4=x");
  expect(out).toContain("  |       ^");
});

test("format: without the source, only the message, the place and the help", () => {
  const out = formatError({ code: "CS301", severity: "error", message: "no node", path: "x", file: "f.yaml", line: 9, column: 3, suggestion: 'did you mean "n1"?' });
  expect(out).toBe('error[CS301]: no node\n  --> f.yaml:9:3\n  = help: did you mean "n1"?');
});

test("format: line numbers of two digits widen the gutter", () => {
  const text = `${"\n".repeat(11)}name: 5`;
  const out = formatError({ code: "CS102", severity: "error", message: "m", path: "name", file: "f", line: 12, column: 7 }, text);
  expect(out.split("\n").slice(2)).toEqual(["   |", "12 | name: 5", "   |       ^"]);
});

test("format: several errors, each with the text of its own file", () => {
  const out = formatErrors([
    { code: "CS301", severity: "error", message: "a", path: "", file: "a.yaml", line: 1, column: 1 },
    { code: "CS301", severity: "warning", message: "b", path: "", file: "b.yaml", line: 1, column: 3 },
  ], { "a.yaml": "aaa", "b.yaml": "bbbb" });
  expect(out).toContain("1 | aaa");
  expect(out).toContain("1 | bbbb");
  expect(out).toContain("warning[CS301]: b");
});
