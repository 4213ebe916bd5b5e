import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { loadScenario } from "../loader";
import { joinPath } from "./resolve-extends";

const fixtures = new URL("../fixtures/", import.meta.url);
/** Reads fixture files the way the CLI will: relative to the file that names them. */
const resolve = (path: string, from: string): string | undefined => {
  try {
    return readFileSync(new URL(joinPath(from, path).replace(/^fixtures\//, ""), fixtures), "utf8");
  } catch {
    return undefined;
  }
};

test("extends: the derived fixture merges over its base: maps by key, lists replaced, null removes", () => {
  const r = loadScenario(readFileSync(new URL("derived.yaml", fixtures), "utf8"), { file: "fixtures/derived.yaml", resolve });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  expect(r.scenario).toStrictEqual({
    name: "derived",
    description: "Three servers and a client.",
    duration: 20_000_000,
    nodes: [{ name: "n1" }, { name: "n2" }, { name: "n3" }],
    processes: [
      { node: "n1", name: "echo-server", kind: "echo-server", config: { serviceTime: 80, durableCount: true } },
      { node: "n2", name: "echo-server", kind: "echo-server", config: { serviceTime: 80, durableCount: true } },
      { node: "n3", name: "echo-server", kind: "echo-server", config: { serviceTime: 80, durableCount: true } },
      { node: "n3", name: "client", kind: "client", config: { arrival: { pattern: "poisson", ratePerSecond: 50 } } },
    ],
    network: { latency: { dist: "constant", value: 2_000 }, lossRatio: 0.05 },
    faults: [{ action: "crash", node: "n1", at: 5_000_000, duration: 2_000_000 }],
  });
});

test("extends: an error in a base file points into the base file", () => {
  const files: Record<string, string> = { "lib/base.yaml": "name: b\nduration: 10s\nnodes: 2\nfaults: [{ at: 1s, crash: n7 }]\n" };
  const r = loadScenario("extends: base.yaml\nname: d\n", { file: "lib/d.yaml", resolve: (p, from) => files[joinPath(from, p)] });
  expect(r.ok).toBe(false);
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS301", file: "lib/base.yaml", line: 4, column: 27 });
});

test("extends: a list of bases merges in order, each later one winning", () => {
  const files: Record<string, string> = {
    "a.yaml": "name: a\nduration: 1s\nnodes: 1\ndescription: from a\n",
    "b.yaml": "description: from b\nseed: 4\n",
  };
  const r = loadScenario("extends: [a.yaml, b.yaml]\nseed: 5\n", { file: "c.yaml", resolve: (p) => files[p] });
  expect(r.ok && [r.scenario.name, r.scenario.description, r.scenario.seed]).toEqual(["a", "from b", 5]);
});

test("extends: bases resolve their own extends relative to themselves", () => {
  const files: Record<string, string> = {
    "suite/common/root.yaml": "name: r\nduration: 1s\nnodes: 1\n",
    "suite/common/mid.yaml": "extends: root.yaml\ndescription: mid\n",
  };
  const seen: string[] = [];
  const r = loadScenario("extends: common/mid.yaml\n", { file: "suite/top.yaml", resolve: (p, from) => (seen.push(`${p} from ${from}`), files[joinPath(from, p)]) });
  expect(r.ok).toBe(true);
  expect(seen).toEqual(["common/mid.yaml from suite/top.yaml", "root.yaml from suite/common/mid.yaml"]);
});

test("extends: a resolver that throws is an error at the extends line, not a crash", () => {
  const r = loadScenario("extends: x.yaml\n", { resolve: () => { throw new Error("EACCES"); } });
  expect(!r.ok && r.errors[0]).toMatchObject({ code: "CS401", line: 1, column: 10, message: expect.stringMatching(/EACCES/) });
});

test("extends: modules named along the chain are all returned, each with its file", () => {
  const files: Record<string, string> = { "lib/base.yaml": "name: b\nduration: 1s\nnodes: 1\nmodules: [./a.js]\n" };
  const r = loadScenario("extends: lib/base.yaml\nmodules: [./b.js]\n", { file: "top.yaml", resolve: (p, from) => files[joinPath(from, p)] });
  expect(r.ok && r.modules).toMatchObject([{ specifier: "./a.js", from: "lib/base.yaml" }, { specifier: "./b.js", from: "top.yaml" }]);
});

test("extends: joinPath folds . and .. and keeps absolute paths", () => {
  expect(joinPath("a/b/c.yaml", "../d.yaml")).toBe("a/d.yaml");
  expect(joinPath("c.yaml", "./d.yaml")).toBe("d.yaml");
  expect(joinPath("a/c.yaml", "/etc/d.yaml")).toBe("/etc/d.yaml");
  expect(joinPath("/x/y.yaml", "../../z.yaml")).toBe("/z.yaml");
  expect(joinPath("a.yaml", "../z.yaml")).toBe("../z.yaml");
});
