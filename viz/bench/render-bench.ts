/**
 * Rendering benchmark of the visualizer in headless Chromium: generates a 100,000-event trace
 * with the engine (and a 1,000,000-event one by tiling it), serves the built site and the traces
 * on localhost, and measures time to first frame and scrubbing frame rate. Prints JSON.
 *
 *   node --import tsx viz/bench/render-bench.ts [--skip-million]
 *
 * Targets (issue 6): first frame within 1.5 s for 100k events, scrubbing at 50 fps or better,
 * and a million events still load.
 */
import type { Page } from "playwright-core";
import { ensureBuilt, DIST } from "../test/build-app";
import { launchChromium } from "../test/browser";
import { serveStatic } from "../test/static-server";
import { engineTrace, tileTrace } from "./trace-fixtures";

interface LoadFigures {
  events: number;
  bytes: number;
  /** From navigation start to the first frame of the diagram with the trace drawn. */
  firstFrameMs: number;
  /** Worker time: fetching the file and building the bundle. */
  workerLoadMs: number;
  workerParseMs: number;
  /** When the worker's state snapshots arrived, ms since navigation start. */
  snapshotsMs: number;
  /** Scrubbing across the whole run right after the first frame, before the snapshots arrive. */
  scrubWholeRunCold: ScrubFigures;
  /** Scrubbing across the whole run once they have (the static layer is not redrawn). */
  scrubWholeRun: ScrubFigures;
  /** Scrubbing zoomed in on 1 % of the run, where arrows are drawn one by one. */
  scrubZoomed: ScrubFigures;
  density: boolean;
  /** Milestones on the way to the first frame, ms since navigation start. */
  milestones: Record<string, number>;
}

interface ScrubFigures {
  fps: number;
  meanWorkMs: number;
  worstWorkMs: number;
}

async function measure(page: Page, url: string, events: number, bytes: number, timeoutMs: number): Promise<LoadFigures> {
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as any).__viz?.app?.firstFrameAt != null, null, { timeout: timeoutMs, polling: 50 });
  const first = await page.evaluate(() => {
    const app = (globalThis as any).__viz.app;
    const marks = Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)]));
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return { at: app.firstFrameAt as number, timings: app.a.timings, count: app.a.bundle.count as number, marks: { ...marks, domContentLoaded: Math.round(nav?.domContentLoadedEventEnd ?? 0) } };
  });
  if (first.count !== events) throw new Error(`the page loaded ${first.count} events, expected ${events}`);
  // Scrubbing at once, while the worker is still making state snapshots, and then again once
  // they have arrived (the steady state a person scrubbing for a while sees).
  const scrubWholeRunCold = await page.evaluate(() => (globalThis as any).__viz.benchScrub(120)) as ScrubFigures;
  await page.waitForFunction(() => (globalThis as any).__viz.app.snapshotsAt != null, null, { timeout: timeoutMs, polling: 100 });
  const snapshotsMs = await page.evaluate(() => Math.round((globalThis as any).__viz.app.snapshotsAt as number));
  const scrubWholeRun = await page.evaluate(() => (globalThis as any).__viz.benchScrub(180)) as ScrubFigures;
  const density = await page.evaluate(() => document.querySelector("[data-testid=spacetime-a]")?.getAttribute("data-density") === "on");
  await page.evaluate(() => {
    const app = (globalThis as any).__viz.app;
    const end = app.end as number;
    app.setView({ t0: end * 0.3, t1: end * 0.31 });
  });
  await page.waitForTimeout(200);
  const scrubZoomed = await page.evaluate(() => (globalThis as any).__viz.benchScrub(180)) as ScrubFigures;
  return {
    events, bytes, firstFrameMs: Math.round(first.at), milestones: first.marks, workerLoadMs: Math.round(first.timings.loadMs), workerParseMs: Math.round(first.timings.bundleMs),
    snapshotsMs, scrubWholeRunCold, scrubWholeRun, scrubZoomed, density,
  };
}

const rounded = (f: LoadFigures): LoadFigures => ({
  ...f, scrubWholeRunCold: round(f.scrubWholeRunCold), scrubWholeRun: round(f.scrubWholeRun), scrubZoomed: round(f.scrubZoomed),
});

const round = (f: ScrubFigures): ScrubFigures => ({ fps: Math.round(f.fps * 10) / 10, meanWorkMs: Math.round(f.meanWorkMs * 100) / 100, worstWorkMs: Math.round(f.worstWorkMs * 100) / 100 });

async function main(): Promise<void> {
  const skipMillion = process.argv.includes("--skip-million");
  ensureBuilt();
  const t0 = performance.now();
  const base = await engineTrace(100_000);
  const genMs = performance.now() - t0;
  const small = Buffer.from(base.jsonl);
  const big = skipMillion ? null : tileTrace(base.jsonl, 10, base.duration);
  const files: Record<string, { body: Buffer }> = { "/bench-100k.jsonl": { body: small } };
  if (big) files["/bench-1m.jsonl"] = { body: big };
  const server = await serveStatic(DIST, files);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const hundredK = await measure(page, `${server.url}/?trace=bench-100k.jsonl`, base.count, small.length, 60_000);
    let million: LoadFigures | null = null;
    if (big) {
      million = await measure(page, `${server.url}/?trace=bench-1m.jsonl`, countLines(big), big.length, 300_000);
    }
    const out = {
      machine: { cpus: (await import("node:os")).cpus().length, chromium: browser.version() },
      generatedTraceMs: Math.round(genMs),
      targets: { firstFrameMs: 1500, scrubFps: 50 },
      loadAverage: (await import("node:os")).loadavg().map((x) => Math.round(x * 10) / 10),
      hundredThousand: rounded(hundredK),
      million: million ? rounded(million) : null,
      pass: {
        firstFrame: hundredK.firstFrameMs <= 1500,
        scrub: hundredK.scrubWholeRun.fps >= 50 && hundredK.scrubZoomed.fps >= 50,
        millionLoads: million !== null,
      },
      pageErrors: errors,
    };
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await browser.close();
    await server.close();
  }
}

function countLines(buf: Buffer): number {
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  return n;
}

await main();
