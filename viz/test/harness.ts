import type { Browser, Page } from "playwright-core";
import { DIST, ensureBuilt } from "./build-app";
import { launchChromium } from "./browser";
import { serveStatic, type StaticServer } from "./static-server";

/** A served build of the site and a browser to look at it with. */
export interface Harness {
  server: StaticServer;
  browser: Browser;
  /** A fresh page at `path` (relative to the site), with page errors collected. */
  open(path: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Builds the site if it is stale, serves it on localhost, and launches Chromium. */
export async function startHarness(extra: Parameters<typeof serveStatic>[1] = {}): Promise<Harness> {
  ensureBuilt();
  const server = await serveStatic(DIST, extra);
  const browser = await launchChromium();
  return {
    server, browser,
    async open(path) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${server.url}/${path}`);
      return { page, errors };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until the primary run is on screen and its hash is known; returns the hash. */
export async function runShown(page: Page, timeout = 60_000): Promise<string> {
  await page.waitForFunction("window.__viz?.app?.a != null && !window.__viz.app.running && window.__viz.app.hashA !== ''", null, { timeout });
  return (await page.getByTestId("trace-hash").textContent())!.trim();
}

/** Evaluates an expression on the page's app state (`app.cursorT`...). */
export function appValue<T>(page: Page, expr: string): Promise<T> {
  return page.evaluate(`(() => { const app = window.__viz.app; return ${expr}; })()`) as Promise<T>;
}
