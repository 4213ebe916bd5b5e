import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Where Debian's chromium lives; `.ci/run` installs it. */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags for a quiet, sandbox-free headless Chromium in a container. */
export const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/**
 * Launches headless Chromium, or fails saying how to get it: these tests must not pass by
 * skipping on a machine without a browser.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the visualizer's end-to-end tests need Debian's chromium. Run .ci/run (it installs it with apt-get install chromium) or install the chromium package.`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
