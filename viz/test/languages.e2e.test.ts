import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "./build-app";
import { runShown, startHarness, type Harness } from "./harness";
import { simulate } from "../../engine/index";
import { FIXTURES } from "../src/lib/scenario/fixtures";

// The page in Chinese and in English, in real Chromium: the address, the reader's choice and the
// browser's language pick it, share links carry it, and Chinese text is drawn with real glyphs
// (CI installs a CJK font as it installs Chromium), not as empty boxes. Screenshots are kept
// in test-results/ as artifacts.

const LIB = "commit/2pc-coordinator-crash.yaml";
const SHOTS = join(ROOT, "test-results");

let h: Harness;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

/** Draws two different characters in the page's font and says whether they came out as two different, non-empty glyphs. */
async function glyphsDiffer(page: Page, a: string, b: string): Promise<{ inked: boolean; differ: boolean }> {
  return page.evaluate(([x, y]) => {
    const draw = (ch: string) => {
      const c = document.createElement("canvas");
      c.width = c.height = 48;
      const ctx = c.getContext("2d")!;
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, 48, 48);
      ctx.fillStyle = "#000";
      ctx.font = `36px ${getComputedStyle(document.body).fontFamily}`;
      ctx.textBaseline = "top";
      ctx.fillText(ch, 4, 4);
      return Array.from(ctx.getImageData(0, 0, 48, 48).data);
    };
    const p = draw(x), q = draw(y);
    return { inked: p.some((v, i) => i % 4 === 0 && v < 128), differ: p.some((v, i) => v !== q[i]) };
  }, [a, b] as const);
}

describe("the page in two languages", () => {
  it("opens in Chinese from the address, draws real CJK glyphs, and switches to English and back", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}&lang=zh`);
    await runShown(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    const nav = page.getByRole("navigation");
    expect(await nav.getByRole("button", { name: "场景库" }).count()).toBe(1);
    expect(await page.getByTestId("lang").textContent()).toBe("English");
    expect(await page.locator(".verdict").textContent()).toMatch(/通过|失败/);
    expect(await page.getByTestId("cursor-seq").textContent()).toMatch(/^事件 /);
    // Two different characters must look different: empty boxes ("tofu") all look alike.
    expect(await glyphsDiffer(page, "服", "务")).toEqual({ inked: true, differ: true });
    expect(await glyphsDiffer(page, "熔", "断")).toEqual({ inked: true, differ: true });
    await page.screenshot({ path: join(SHOTS, "page-zh.png") });

    await page.keyboard.press("?");
    expect(await page.getByTestId("help").locator("h2").textContent()).toBe("键盘快捷键");
    expect(await page.getByTestId("help").textContent()).toContain("播放或暂停");
    await page.keyboard.press("Escape");

    await page.getByTestId("lang").click();
    expect(await nav.getByRole("button", { name: "Library" }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await page.getByTestId("cursor-seq").textContent()).toMatch(/^event /);
    await page.screenshot({ path: join(SHOTS, "page-en.png") });
    await page.keyboard.press("l");
    expect(await nav.getByRole("button", { name: "场景库" }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("a share link carries the language, and a saved choice outlives a reload", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}&lang=zh`);
    await runShown(page);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]).catch(() => undefined);
    await page.getByTestId("share").click();
    const link = await page.getByTestId("share-link").inputValue();
    expect(new URL(link).searchParams.get("lang")).toBe("zh");
    const shared = await h.browser.newPage({ locale: "en-US" });
    await shared.goto(link);
    await runShown(shared);
    expect(await shared.getByTestId("lang").textContent()).toBe("English");
    await shared.close();

    await page.getByTestId("lang").click();
    await page.goto(`${h.server.url}/?lib=${LIB}`);
    await runShown(page);
    expect(await page.getByTestId("lang").textContent()).toBe("中文");
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("without a choice it follows the browser's language", async () => {
    const zh = await h.browser.newPage({ locale: "zh-CN" });
    await zh.goto(`${h.server.url}/?lib=${LIB}`);
    await runShown(zh);
    expect(await zh.getByTestId("lang").textContent()).toBe("English");
    expect(await zh.getByRole("navigation").getByRole("button", { name: "场景库" }).count()).toBe(1);
    await zh.close();
    const en = await h.browser.newPage({ locale: "en-GB" });
    await en.goto(`${h.server.url}/?lib=${LIB}`);
    await runShown(en);
    expect(await en.getByTestId("lang").textContent()).toBe("中文");
    await en.close();
  }, 120_000);

  it("a scenario's description, notes and library entry follow the page's language (docs/scenario-format.md)", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}&lang=zh`);
    await runShown(page);
    expect(await page.getByTestId("about").locator("p").first().textContent()).toMatch(/^为什么说两阶段提交是阻塞协议。/);
    expect(await page.getByTestId("about").locator("p").first().getAttribute("lang")).toBe("zh-CN");
    await page.keyboard.press("End");
    await page.waitForFunction("document.querySelector('[data-testid=narration]')?.textContent?.includes('协调者回来了')");
    expect(await page.getByTestId("narration").textContent()).toContain("协调者回来了。COMMIT 在它的日志里，于是它再次发送，参与者们终于可以做出决定。");
    await page.screenshot({ path: join(SHOTS, "narration-zh.png") });
    await page.getByTestId("lang").click();
    expect(await page.getByTestId("narration").textContent()).toContain("The coordinator is back.");
    expect(await page.getByTestId("about").locator("p").first().textContent()).toMatch(/^Why 2PC is called a blocking protocol\./);
    await page.getByTestId("lang").click();
    await page.getByRole("navigation").getByRole("button", { name: "场景库" }).click();
    expect(await page.getByTestId(`library-${LIB}`).textContent()).toContain("为什么说两阶段提交是阻塞协议。");
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("a saved trace file opens without its scenario, and says in both languages which actions need the scenario file", async () => {
    const sim = await simulate(FIXTURES[1]);
    const { page, errors } = await h.open("?lang=en");
    // With nothing to open, the page opens on the library, whose file picker takes the trace.
    if ((await page.getByTestId("library").count()) === 0) await page.getByRole("navigation").getByRole("button", { name: "Library" }).click();
    await page.getByTestId("library").locator("input[type=file]").setInputFiles({ name: "run.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(sim.trace!.toJSONL()) });
    await page.waitForFunction("window.__viz.app.a?.bundle.name === 'run.jsonl'");
    expect(await runShown(page)).toBe(sim.result.traceHash);
    // What reads the run works: the cursor steps through the events.
    await page.keyboard.press("End");
    expect(await page.getByTestId("cursor-seq").textContent()).toMatch(/^event /);
    const note = page.getByTestId("trace-note");
    expect(await note.getByTestId("trace-needs-crash").textContent()).toMatch(/click-to-crash/);
    expect(await note.textContent()).toContain("Open the scenario file (.yaml)");
    for (const id of ["edit", "compare", "share"]) {
      const b = page.getByTestId(id);
      expect(await b.isDisabled(), id).toBe(true);
      expect(await b.getAttribute("title"), id).toMatch(/^Needs the scenario file/);
      expect(await b.getAttribute("aria-describedby"), id).toBe("trace-note");
    }
    await page.getByTestId("lang").click();
    expect(await note.locator("summary").textContent()).toBe("从保存的轨迹文件打开");
    expect(await note.getByTestId("trace-needs-crash").textContent()).toContain("点击注入崩溃");
    expect(await page.getByTestId("edit").getAttribute("title")).toMatch(/^需要场景文件/);
    await page.screenshot({ path: join(SHOTS, "trace-file-zh.png") });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
