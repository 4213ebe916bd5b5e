import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./fixtures/capture";
import { firstSentence } from "./commands/list";

const CRASH = "scenarios/library/commit/2pc-coordinator-crash.yaml";

describe("--lang: scenario texts in English or Chinese (docs/cli.md, docs/scenario-format.md)", () => {
  it("list --lang zh: each description's first sentence in Chinese", async () => {
    const r = await runCli(["list", "scenarios/library/commit", "--lang", "zh"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2pc-coordinator-crash\s+2pc\s+为什么说两阶段提交是阻塞协议。$/m);
    const en = await runCli(["list", "scenarios/library/commit"]);
    expect(en.stdout).toMatch(/^2pc-coordinator-crash\s+2pc\s+Why 2PC is called a blocking protocol\.$/m);
    expect(en.stdout).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("list --lang zh: a scenario with English only is listed in English (the fall-back)", async () => {
    const r = await runCli(["list", "cli/fixtures/suite", "--lang", "zh"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^echo\s+failover\s+Two echo servers and a client\.$/m);
  });

  it("--lang with another code is CS803, bad input, with the code to write", async () => {
    const r = await runCli(["list", "scenarios/library/commit", "--lang", "zh-CN"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/CS803/);
    expect(r.stderr).toMatch(/the languages are en, zh/);
    expect(r.stderr).toMatch(/--lang zh/);
    const run = await runCli(["run", CRASH, "--lang", "fr"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/CS803/);
  });

  it("run --report md,html --lang zh: the teaching notes in Chinese, each where it showed", async () => {
    const out = mkdtempSync(join(tmpdir(), "cs-lang-"));
    const r = await runCli(["run", CRASH, "--seed", "1", "--report", "md,html", "--lang", "zh", "--out", out]);
    expect(r.code).toBe(0);
    const md = readFileSync(join(out, "summary.md"), "utf8");
    expect(md).toContain("### 讲解 (Teaching notes)");
    expect(md).toMatch(/^- \d[\d.]* ?m?s: 协调者已把 COMMIT 强制写入日志，却在发出之前崩溃了。$/m);
    const html = readFileSync(join(out, "timeline.html"), "utf8");
    expect(html).toContain('<span lang="zh-CN">p1 的决定超时到期。它询问协调者和其他参与者。</span>');
    const enOut = mkdtempSync(join(tmpdir(), "cs-lang-"));
    await runCli(["run", CRASH, "--seed", "1", "--report", "md", "--out", enOut]);
    expect(readFileSync(join(enOut, "summary.md"), "utf8")).toMatch(/^- .*: The coordinator has forced COMMIT to its log, and crashes before sending it\.$/m);
  });

  it("a Chinese first sentence ends at 。, and wrapped lines join without spaces", () => {
    expect(firstSentence("为什么说两阶段提交是阻塞\n协议。一个事务；")).toBe("为什么说两阶段提交是阻塞协议。");
    expect(firstSentence("Two phase commit.  The coordinator\ncrashes.")).toBe("Two phase commit.");
  });
});
