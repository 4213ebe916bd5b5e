import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "./build-app";
import { runShown, startHarness, type Harness } from "./harness";

// A lesson end to end in real Chromium, in English and in Chinese, driven from the keyboard
// where a student would use it: predict (one answer right, one wrong, as the run decides), run,
// read the verdicts; then an exercise, failed once and then solved, each judged by the engine's
// run of the edited scenario; progress kept in localStorage and reset. Screenshots of each step
// are kept in test-results/ as artifacts.

const SHOTS = join(ROOT, "test-results");
let h: Harness;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

/** Replaces text in the editor the way a student would: select all, type the new text. */
async function editScenario(page: Page, find: string, replace: string): Promise<void> {
  const area = page.getByTestId("editor-text");
  const text = await area.inputValue();
  expect(text).toContain(find);
  await area.fill(text.replace(find, replace));
}

/** Waits for an exercise's verdict after "run my edit and check it". */
async function exerciseVerdict(page: Page, id: string): Promise<{ solved: string; text: string }> {
  const r = page.getByTestId(`exercise-result-${id}`);
  await r.waitFor({ timeout: 90_000 });
  await page.waitForFunction("!window.__viz.app.running", null, { timeout: 90_000 });
  return { solved: (await r.getAttribute("data-solved"))!, text: (await r.textContent())! };
}

for (const lang of ["en", "zh"] as const) {
  describe(`a lesson end to end (${lang})`, () => {
    it("predict, run, answers checked against the run, an exercise failed and then solved, progress kept and reset", { timeout: 300_000 }, async () => {
      const { page, errors } = await h.open(`?lesson=breaker&lang=${lang}`);
      await page.evaluate(() => localStorage.removeItem("clustersim-lessons"));
      await page.reload();
      const lesson = page.getByTestId("lesson");
      await lesson.waitFor();
      expect(await page.locator("h2#lesson-title").textContent()).toContain(lang === "zh" ? "熔断器的生命周期" : "circuit breaker's life cycle");
      // Nothing has run: the prediction comes first.
      expect(await page.evaluate("window.__viz.app.a")).toBeNull();

      // Run before answering: refused, with a message.
      await page.getByTestId("lesson-run").click();
      expect(await page.locator("#lesson-note").textContent()).toBe(lang === "zh" ? "请先回答所有问题。" : "Answer every question first.");

      // Answer with the keyboard: focus a radio, Space picks it.
      await page.getByTestId("choice-opens-yes").focus();
      await page.keyboard.press("Space");
      await page.getByTestId("choice-times-once").focus();
      await page.keyboard.press("Space");
      await page.screenshot({ path: join(SHOTS, `lesson-${lang}-predict.png`) });
      await page.getByTestId("lesson-run").focus();
      await page.keyboard.press("Enter");
      await runShown(page);

      const v1 = page.getByTestId("verdict-opens");
      const v2 = page.getByTestId("verdict-times");
      await v1.waitFor();
      expect(await v1.getAttribute("data-right")).toBe("yes");
      expect(await v2.getAttribute("data-right")).toBe("no");
      // What happened comes from the run's own counters: the breaker opened twice.
      expect(await v2.textContent()).toContain(lang === "zh" ? "实际发生的：两次" : "What happened: Twice");
      expect(await v2.textContent()).toContain("count(breaker.open) == 2 (measured 2)");
      expect(await appValue(page, "app.playing")).toBe(true);
      await page.screenshot({ path: join(SHOTS, `lesson-${lang}-verdicts.png`) });

      // The exercise: a wrong attempt first, then the solution; the engine decides both.
      await page.getByTestId("exercise-start-open-once").click();
      await runShown(page);
      await page.getByTestId("editor").waitFor();
      await editScenario(page, "waitDurationInOpenStateUs: 5s", "waitDurationInOpenStateUs: 1s");
      await page.getByTestId("exercise-check-open-once").click();
      let r = await exerciseVerdict(page, "open-once");
      expect(r.solved).toBe("no");
      expect(r.text).toMatch(/count\(breaker\.open\) == 1 \(measured [3-9]\d*\)/);
      expect(r.text).toContain(lang === "zh" ? "还没有" : "Not yet");
      await page.screenshot({ path: join(SHOTS, `lesson-${lang}-exercise-failed.png`) });

      // A change outside what the exercise allows is refused even before its run is judged.
      await editScenario(page, "waitDurationInOpenStateUs: 1s", "waitDurationInOpenStateUs: 10s");
      await editScenario(page, "rate: 20/s", "rate: 10/s");
      await page.getByTestId("exercise-check-open-once").click();
      r = await exerciseVerdict(page, "open-once");
      expect(r.solved).toBe("no");
      expect(r.text).toContain("workload.rate");

      await editScenario(page, "rate: 10/s", "rate: 20/s");
      await page.getByTestId("exercise-check-open-once").click();
      await page.waitForFunction("document.querySelector('[data-testid=exercise-result-open-once]')?.dataset.solved === 'yes'", null, { timeout: 90_000 });
      r = await exerciseVerdict(page, "open-once");
      expect(r.text).toContain(lang === "zh" ? "完成" : "Solved");
      expect(r.text).toContain("count(breaker.open) == 1 (measured 1)");
      await page.screenshot({ path: join(SHOTS, `lesson-${lang}-exercise-solved.png`) });

      // Progress survives a reload and shows in the list; reset forgets it.
      const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("clustersim-lessons")))!) as Record<string, { solved: Record<string, boolean>; right: Record<string, boolean> }>;
      expect(stored.breaker).toMatchObject({ solved: { "open-once": true }, right: { opens: true, times: false } });
      await page.goto(`${h.server.url}/?lessons&lang=${lang}`);
      await page.getByTestId("lesson-list").waitFor();
      expect(await page.getByTestId("lessons-progress").textContent()).toMatch(lang === "zh" ? /已完成 2 \/ \d+ 步/ : /2 of \d+ steps done/);
      await page.screenshot({ path: join(SHOTS, `lessons-${lang}-list.png`) });
      await page.getByTestId("lessons-reset").click();
      expect(await page.getByTestId("lessons-progress").textContent()).toMatch(lang === "zh" ? /已完成 0 \// : /^0 of/);
      expect(await page.evaluate(() => localStorage.getItem("clustersim-lessons"))).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    });

    // The crash step drives the cluster view (issue 16 section 1), not the space-time diagram.
    it("crash a node from the cluster view during the lesson: the re-run is judged again and the verdicts follow it", { timeout: 300_000 }, async () => {
      const { page, errors } = await h.open(`?lesson=breaker&lang=${lang}`);
      await page.getByTestId("lesson").waitFor();
      await page.getByTestId("choice-opens-yes").check();
      await page.getByTestId("choice-times-twice").check();
      await page.getByTestId("lesson-run").click();
      await runShown(page);
      await page.getByTestId("verdict-times").waitFor();
      expect(await page.getByTestId("verdict-times").getAttribute("data-right")).toBe("yes");
      const before = await page.getByTestId("verdict-times").textContent();
      const hashBefore = await appValue<string>(page, "app.hashA");
      // Stop at 12 s, while the instance is failing and the breaker is open, and crash b1 there.
      await page.evaluate("(() => { const app = window.__viz.app; app.playing = false; app.setTime(12_000_000); })()");
      await page.getByTestId("view-cluster").click();
      await page.getByTestId("cluster-view").waitFor();
      await page.getByTestId("cluster-node-b1").click();
      await page.getByTestId("lane-menu").waitFor();
      // No duration: b1 stays down for the rest of the run.
      await page.getByTestId("lane-menu").getByRole("textbox").fill("");
      await page.getByTestId("menu-crash").click();
      await page.getByTestId("divergence").waitFor({ timeout: 120_000 });
      await runShown(page);
      expect(await appValue<string>(page, "app.hashA")).not.toBe(hashBefore);
      expect(await appValue<number>(page, "app.extraFaults.length")).toBe(1);
      await page.getByTestId("lesson-rejudged").waitFor();
      // The verdicts are the re-run's: with b1 down for good the breaker never closes again.
      await page.waitForFunction((text) => document.querySelector("[data-testid=verdict-times]")?.textContent !== text, before, { timeout: 30_000 });
      expect(await page.getByTestId("verdict-times").textContent()).not.toContain("count(breaker.open) == 2 (measured 2)");
      expect(await page.getByTestId("verdict-times").getAttribute("data-right")).toBe("no");
      expect(await appValue<number>(page, "app.a.bundle.result.metrics.counters['breaker.closed'] ?? 0")).toBe(0);
      await page.screenshot({ path: join(SHOTS, `lesson-${lang}-cluster-crash.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}

describe("presenter mode", () => {
  it("large type, the narration as captions, a pointer on the message; P toggles it and the share link keeps it", { timeout: 120_000 }, async () => {
    const { page, errors } = await h.open("?lib=commit/2pc-happy-path.yaml&lang=en");
    await runShown(page);
    await page.locator("body").press("p");
    expect(await page.evaluate(() => document.documentElement.dataset.presenter)).toBe("on");
    expect(new URL(page.url()).searchParams.get("presenter")).toBe("1");
    // At the first note, the caption says it and the pointer stands on the diagram.
    await page.evaluate("(() => { const app = window.__viz.app; const n = app.a.bundle.result.narration.filter((x) => x.at !== undefined).sort((x, y) => x.at - y.at)[0]; app.setTime(n.at); })()");
    const caption = page.getByTestId("captions");
    await page.waitForFunction("document.querySelector('[data-testid=captions]')?.textContent.trim().length > 0");
    const note = await page.evaluate("window.__viz.app.a.bundle.result.narration.filter((x) => x.at !== undefined).sort((x, y) => x.at - y.at)[0].text") as string;
    expect((await caption.textContent())!.trim()).toBe(note);
    expect(parseFloat(await caption.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(24);
    const pointer = page.getByTestId("presenter-pointer");
    await pointer.waitFor();
    const plot = (await page.getByTestId("plot-a").boundingBox())!;
    const spot = (await pointer.boundingBox())!;
    const cx = spot.x + spot.width / 2, cy = spot.y + spot.height / 2;
    expect(cx).toBeGreaterThanOrEqual(plot.x - 1);
    expect(cx).toBeLessThanOrEqual(plot.x + plot.width + 1);
    expect(cy).toBeGreaterThanOrEqual(plot.y);
    expect(cy).toBeLessThanOrEqual(plot.y + plot.height);
    // The pointer follows the message: at the end of its flight it stands on the receiver's lane.
    const flight = await page.evaluate("(() => { const app = window.__viz.app; const a = app.a.bundle.arrows; let i = 0; while (i < a.count && a.sendT[i] < app.cursorT) i++; return { t0: a.sendT[i], t1: a.endT[i], from: a.fromLane[i], to: a.toLane[i] }; })()") as { t0: number; t1: number; from: number; to: number };
    expect(flight.to).not.toBe(flight.from);
    await page.evaluate(`window.__viz.app.setTime(${flight.t0})`);
    await page.waitForTimeout(100);
    const atSend = (await pointer.boundingBox())!;
    await page.evaluate(`window.__viz.app.setTime(${flight.t1})`);
    await page.waitForTimeout(100);
    const atEnd = (await pointer.boundingBox())!;
    expect(Math.abs(atEnd.y - atSend.y)).toBeGreaterThan(10);
    expect(atEnd.x).toBeGreaterThanOrEqual(atSend.x);
    void cy;
    await page.screenshot({ path: join(SHOTS, "presenter-en.png") });
    // The share link carries presenter mode.
    await page.getByTestId("share").click();
    const link = await page.getByTestId("share-link").inputValue();
    expect(new URL(link).searchParams.get("presenter")).toBe("1");
    const { page: shared } = await h.open(link.slice(h.server.url.length + 1));
    await runShown(shared);
    expect(await shared.evaluate(() => document.documentElement.dataset.presenter)).toBe("on");
    await shared.locator("body").press("p");
    expect(await shared.evaluate(() => document.documentElement.dataset.presenter)).toBe("off");
    expect(errors).toEqual([]);
    await page.close();
    await shared.close();
  });
});

/** Evaluates an expression on the page's app state. */
function appValue<T>(page: Page, expr: string): Promise<T> {
  return page.evaluate(`(() => { const app = window.__viz.app; return ${expr}; })()`) as Promise<T>;
}

