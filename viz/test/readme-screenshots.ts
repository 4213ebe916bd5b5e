// Takes the README's screenshots of each view into docs/img/, small (1000 px wide, scale 1):
//   node --import tsx viz/test/readme-screenshots.ts
// It builds the site if it is stale and drives it in Chromium, as the e2e suite does. A view
// that is not in the page yet (its selector never appears) is skipped and said so.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "./build-app";
import { runShown, startHarness } from "./harness";

const OUT = join(ROOT, "docs", "img");
mkdirSync(OUT, { recursive: true });
const h = await startHarness();

async function open(path: string): Promise<Page> {
  const page = await h.browser.newPage({ viewport: { width: 1000, height: 640 }, deviceScaleFactor: 1 });
  await page.goto(`${h.server.url}/${path}`);
  return page;
}

async function shot(page: Page, name: string, selector?: string): Promise<void> {
  const file = join(OUT, `${name}.png`);
  if (selector) {
    const el = page.locator(selector).first();
    try {
      await el.waitFor({ timeout: 10_000 });
    } catch {
      console.log(`skipped ${name}: no ${selector} on the page`);
      return;
    }
    await el.screenshot({ path: file });
  } else {
    await page.screenshot({ path: file });
  }
  console.log(`wrote ${file}`);
}

/** Puts the cursor at the run's first teaching note, where there is something to see. */
async function atFirstNote(page: Page): Promise<void> {
  await page.evaluate("(() => { const app = window.__viz.app; const n = (app.a.bundle.result?.narration ?? []).filter((x) => x.at !== undefined).sort((x, y) => x.at - y.at); app.setTime(n.length ? n[n.length - 1].at : app.end / 2); })()");
  await page.waitForTimeout(200);
}

try {
  let page = await open("?lib=commit/2pc-coordinator-crash.yaml&lang=en");
  await runShown(page);
  await atFirstNote(page);
  await shot(page, "view-space-time", "[data-testid=spacetime-a]");
  await shot(page, "view-state-panel", "[data-testid=state-panel]");
  if (await page.getByTestId("view-cluster").count()) {
    await page.getByTestId("view-cluster").click();
    await shot(page, "view-cluster", "[data-testid=cluster-view]");
  } else {
    console.log("skipped view-cluster: the page has no cluster view yet");
  }
  await page.close();

  page = await open("?lib=commit/2pc-coordinator-crash.yaml&lang=zh");
  await runShown(page);
  await atFirstNote(page);
  await shot(page, "view-chinese");
  await page.close();

  page = await open("?lesson=breaker&lang=en");
  await page.getByTestId("lesson").waitFor();
  await page.getByTestId("choice-opens-yes").check();
  await page.getByTestId("choice-times-once").check();
  await page.getByTestId("lesson-run").click();
  await runShown(page);
  await page.getByTestId("verdict-times").waitFor();
  await page.evaluate("window.__viz.app.playing = false");
  await shot(page, "view-lesson", "[data-testid=lesson]");
  await page.close();

  page = await open("?lib=commit/2pc-happy-path.yaml&lang=en&presenter=1");
  await page.setViewportSize({ width: 1000, height: 760 });
  await runShown(page);
  await page.evaluate(() => document.querySelector("details")?.removeAttribute("open"));
  await page.evaluate("(() => { const app = window.__viz.app; const n = app.a.bundle.result.narration.filter((x) => x.at !== undefined).sort((x, y) => x.at - y.at)[0]; const a = app.a.bundle.arrows; let i = 0; while (i < a.count && a.sendT[i] < n.at) i++; app.view = { t0: 0, t1: Math.max(a.endT[i] * 3, 1) }; app.setTime((a.sendT[i] + a.endT[i]) / 2); })()");
  await page.getByTestId("spacetime-a").scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 120));
  await page.getByTestId("presenter-pointer").waitFor();
  await page.waitForTimeout(200);
  await shot(page, "view-presenter");
  await page.close();
} finally {
  await h.close();
}
