import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { ROOT } from "./build-app";
import { runShown, startHarness, type Harness } from "./harness";

// axe-core (Deque's rule engine, the one browsers' own audits build on) over the main page with
// a run on screen and over a lesson page with its verdicts, in English and in Chinese: no
// violation of impact serious or critical. And the keyboard: Tab reaches every control of the
// toolbar and the lesson, each with a visible focus ring.

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const SHOTS = join(ROOT, "test-results");

let h: Harness;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }

/** Runs axe on the page; returns the serious and critical violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations;
  }) as AxeViolation[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
}

for (const lang of ["en", "zh"] as const) {
  describe(`accessibility (${lang})`, () => {
    it("axe: the main page with a run has no serious or critical violations", { timeout: 120_000 }, async () => {
      const { page } = await h.open(`?lib=commit/2pc-coordinator-crash.yaml&lang=${lang}`);
      await runShown(page);
      await page.waitForFunction("window.__viz.app.firstFrameAt !== null");
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });

    it("axe: the cluster view has no serious or critical violations", { timeout: 120_000 }, async () => {
      const { page } = await h.open(`?lib=service/instance-crash-failover.yaml&lang=${lang}`);
      await runShown(page);
      await page.getByTestId("view-cluster").click();
      await page.getByTestId("cluster-view").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });

    it("axe: the opening page (the library picker) and the editor have no serious or critical violations", { timeout: 120_000 }, async () => {
      const { page } = await h.open(`?lang=${lang}`);
      await page.getByRole("dialog").first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      await page.goto(`${h.server.url}/?lib=service/breaker-lifecycle.yaml&lang=${lang}`);
      await runShown(page);
      await page.getByTestId("edit").click();
      await page.getByTestId("editor").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });

    it("axe: a lesson page, before and after its run, has no serious or critical violations", { timeout: 120_000 }, async () => {
      const { page } = await h.open(`?lesson=coordinator-crash&lang=${lang}`);
      await page.getByTestId("lesson").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId("choice-peers-no").check();
      await page.getByTestId("choice-outcome-committed").check();
      await page.getByTestId("lesson-run").click();
      await runShown(page);
      await page.getByTestId("verdict-outcome").waitFor();
      await page.evaluate("window.__viz.app.playing = false");
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });

    it("axe: the lesson list has no serious or critical violations", { timeout: 60_000 }, async () => {
      const { page } = await h.open(`?lessons&lang=${lang}`);
      await page.getByTestId("lesson-list").waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  });
}

describe("keyboard", () => {
  it("Tab reaches every control of the toolbar and of a lesson, and each shows a focus ring", { timeout: 120_000 }, async () => {
    const { page } = await h.open("?lesson=breaker&lang=en");
    await page.getByTestId("lesson").waitFor();
    const controls = await page.evaluate(() => {
      const sel = "header.toolbar button:not([disabled]), header.toolbar a, [data-testid=lesson] a, [data-testid=lesson] button:not([disabled]), [data-testid=lesson] input, [data-testid=lesson] summary";
      return Array.from(document.querySelectorAll(sel)).map((e, i) => { (e as HTMLElement).dataset.kbd = String(i); return String(i); });
    });
    const reached = new Set<string>();
    const unringed: string[] = [];
    for (let i = 0; i < 80 && reached.size < controls.length; i++) {
      await page.keyboard.press("Tab");
      const r = await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        if (!e?.dataset.kbd) return null;
        const s = getComputedStyle(e);
        return { id: e.dataset.kbd, ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2, name: e.textContent?.trim().slice(0, 30) ?? e.tagName };
      });
      if (!r) continue;
      reached.add(r.id);
      if (!r.ring) unringed.push(r.name);
    }
    // A radio group is one Tab stop (the arrow keys move inside it): count groups, not radios.
    const groups = await page.evaluate(() => {
      const seen = new Set<string>();
      const out: string[] = [];
      for (const e of Array.from(document.querySelectorAll<HTMLElement>("[data-kbd]"))) {
        const name = e instanceof HTMLInputElement && e.type === "radio" ? e.name : null;
        if (name && seen.has(name)) continue;
        if (name) seen.add(name);
        out.push(name ? `radio:${name}` : e.dataset.kbd!);
      }
      return out;
    });
    const reachedGroups = await page.evaluate((ids) => {
      const out = new Set<string>();
      for (const id of ids) {
        const e = document.querySelector<HTMLElement>(`[data-kbd="${id}"]`)!;
        out.add(e instanceof HTMLInputElement && e.type === "radio" ? `radio:${e.name}` : id);
      }
      return [...out];
    }, [...reached]);
    expect(groups.filter((g) => !reachedGroups.includes(g))).toEqual([]);
    expect(unringed).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "keyboard-focus.png") });
    await page.close();
  });
});
