import { describe, expect, it } from "vitest";
import { runCli } from "./fixtures/capture";

const dir = "cli/fixtures/histories";

describe("clustersim check-history", () => {
  it("check-history: a Jepsen history.edn that is not linearizable exits 1 and names the read no order explains", async () => {
    const r = await runCli(["check-history", `${dir}/concurrent-stale-read.edn`, "--model", "cas-register"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("not-linearizable");
    expect(r.stdout).toContain("process 1 read → 7 (ok, line 6 to line 8)");
    // The read of 5 after the window is not blamed.
    expect(r.stdout).not.toContain("process 3");
  });

  it("check-history: Jepsen's :info and :fail, nemesis lines and :time are read as Knossos reads them; exit 0", async () => {
    const r = await runCli(["check-history", `${dir}/cas-ok.edn`, "--model", "cas-register", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: "linearizable", operations: 4, pending: 1, format: "edn" });
  });

  it("check-history: --json for a JSONL key-value history gives the window, the culprit and the values the key could hold", async () => {
    const r = await runCli(["check-history", `${dir}/kv-stale.jsonl`, "--model", "kv", "--json"]);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body.window.key).toBe("k1");
    expect(body.window.operations.map((o: { invokeLine: number }) => o.invokeLine)).toEqual([5, 8]);
    expect(body.window.possibleValues).toEqual(["c"]);
  });

  it("check-history: a tiny --budget gives unknown, exit 4", async () => {
    const r = await runCli(["check-history", `${dir}/kv-stale.jsonl`, "--model", "kv", "--budget", "2"]);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("unknown");
  });

  it("check-history: bad records get catalogued errors with line and column; exit 2", async () => {
    const r = await runCli(["check-history", `${dir}/bad-records.jsonl`, "--model", "register"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error CH101: f: \"writ\" is not one of");
    expect(r.stderr).toContain(`${dir}/bad-records.jsonl:3:`);
    expect(r.stderr).toMatch(/error CH001: not JSON[^\n]*\n {2}--> cli\/fixtures\/histories\/bad-records.jsonl:4:\d+/);
    const e = await runCli(["check-history", `${dir}/bad-syntax.edn`, "--model", "register", "--json"]);
    expect(e.code).toBe(2);
    expect(JSON.parse(e.stdout).errors[0]).toMatchObject({ code: "CH001", line: 2, column: 44 });
  });

  it("check-history: an operation outside the model, a missing --model and a missing file are bad input", async () => {
    expect((await runCli(["check-history", `${dir}/cas-ok.edn`, "--model", "register"])).stderr).toContain("error CH202");
    const r = await runCli(["check-history", `${dir}/cas-ok.edn`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--model is required");
    expect((await runCli(["check-history", `${dir}/nope.edn`, "--model", "kv"])).code).toBe(2);
  });
});
