import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "./build-app";
import { appValue, runShown, startHarness, type Harness } from "./harness";

// A consensus library scenario that violates linearizability on every seed: ZooKeeper-like
// servers on Raft, reads at a follower 60 ms behind (zookeeper-follower-read-stale). The test
// reads what the page drew: the window's bars as DOM boxes against the lanes' boxes and the
// time axis, the reason in the checks bar and on hover, the Raft log in the state panel, and
// the term ticks the canvas layer reports drawing. The screenshot is kept in test-results/.

const LIB = "consensus/zookeeper-follower-read-stale.yaml";
const SHOTS = join(ROOT, "test-results");

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's serious and critical violations on the page, one line each (as accessibility.e2e.test.ts runs it). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return (await axe.run(document, { resultTypes: ["violations"] })).violations;
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 300_000);
afterAll(async () => {
  await h?.close();
});

interface Details { key: string; reason: string; operations: Array<{ address: string; t0: number; t1: number | null; culprit: boolean; pending: boolean }> }

describe("visualizer: consensus in Chromium", () => {
  it("draws a linearizability violation's window on the clients' lanes with its reason, and each server's role, term and log", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}`);
    await runShown(page, 120_000);

    // The checker's window, as the run's result carries it.
    const d = await appValue<Details>(page, "app.a.bundle.result.checks.find((c) => c.name === 'linearizable').violations[0].details");
    expect(d.operations.length).toBeGreaterThanOrEqual(2);
    expect(d.operations.filter((o) => o.culprit)).toHaveLength(1);

    // The checks bar states the reason and frames the window.
    const reason = page.getByTestId("lin-reason");
    expect(await reason.textContent()).toContain(d.reason);
    await page.getByTestId("lin-show").click();
    const view = await appValue<{ t0: number; t1: number }>(page, "app.view");
    for (const o of d.operations) expect(o.t0 >= view.t0 && (o.t1 ?? o.t0) <= view.t1).toBe(true);

    // One bar per operation of the window, each inside its client's lane and where its times are on the axis.
    const bars = page.getByTestId("lin-bar");
    await bars.first().waitFor();
    expect(await bars.count()).toBe(d.operations.length);
    const plot = (await page.getByTestId("plot-a").boundingBox())!;
    const pxPerUs = plot.width / (view.t1 - view.t0);
    for (let i = 0; i < d.operations.length; i++) {
      const bar = bars.nth(i);
      const o = d.operations[i];
      expect(await bar.getAttribute("data-lane")).toBe(o.address);
      expect(await bar.getAttribute("data-culprit")).toBe(String(o.culprit));
      const box = (await bar.boundingBox())!;
      const lane = (await page.getByTestId(`lane-${o.address}`).boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(lane.y - 0.5);
      expect(box.y + box.height).toBeLessThanOrEqual(lane.y + lane.height + 0.5);
      expect(Math.abs(box.x - (plot.x + (o.t0 - view.t0) * pxPerUs))).toBeLessThan(1.5);
      // The right edge is the completion, except that a bar is never narrower than its padding and
      // border (10 px): an operation answered at once (a leader's local read) is 0 µs long.
      if (!o.pending && o.t1 !== null) {
        const right = plot.x + (o.t1 - view.t0) * pxPerUs;
        if (right - box.x >= 10) expect(Math.abs(box.x + box.width - right)).toBeLessThan(1.5);
        else expect(box.width).toBeLessThanOrEqual(10.5);
      }
    }

    // Hovering the culprit shows the operation and the reason.
    const culprit = page.locator("[data-testid=lin-bar][data-culprit=true]");
    expect(await culprit.textContent()).toMatch(/get \/k0 → /);
    await culprit.hover();
    const card = page.getByTestId("lin-card");
    await card.waitFor();
    expect(await card.textContent()).toContain(d.reason);

    // Roles and terms: the servers publish a term; the canvas drew a tick at each change in view.
    const terms = await appValue<Array<{ lane: number; term: number }>>(page, "app.a.bundle.terms");
    expect(new Set(terms.map((s) => s.lane)).size).toBe(3);
    expect(Math.max(...terms.map((s) => s.term))).toBeGreaterThanOrEqual(1);
    await page.keyboard.press("Home");
    await page.getByTestId("spacetime-a").waitFor();
    const leadership = await appValue<{ t0: number; t1: number }>(page, "({ t0: 0, t1: app.a.bundle.terms.filter((s) => s.term >= 1).reduce((m, s) => Math.max(m, s.t0), 0) * 2 })");
    await page.evaluate(`window.__viz.app.setView(${JSON.stringify(leadership)})`);
    await page.waitForFunction("Number(document.querySelector('[data-testid=spacetime-a]').dataset.termTicks) >= 3");

    // The state panel: a Raft log for each server, one leader, entries with their terms.
    await page.evaluate("window.__viz.app.setTime(2_000_000)");
    await page.waitForFunction("document.querySelectorAll('[data-testid=raft-log]').length === 3");
    const logs = page.getByTestId("raft-log");
    const roles = await logs.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.role));
    expect(roles.filter((r) => r === "leader")).toHaveLength(1);
    const leader = page.locator("[data-testid=raft-log][data-role=leader]");
    expect(Number(await leader.getAttribute("data-commit"))).toBeGreaterThan(0);
    expect(Number(await leader.getAttribute("data-last-index"))).toBeGreaterThanOrEqual(Number(await leader.getAttribute("data-commit")));
    expect(await leader.getByTestId("raft-entry").count()).toBeGreaterThan(0);
    expect(await leader.textContent()).toMatch(/t\d+/);

    await page.getByTestId("lin-show").click();
    await culprit.hover();
    await card.waitFor();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "consensus-linearizability-window.png"), animations: "disabled", timeout: 90_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  for (const lang of ["en", "zh"] as const) {
    it(`axe (${lang}): the window's bars, the reason and the Raft logs have no serious or critical violations`, async () => {
      const { page, errors } = await h.open(`?lib=${LIB}&lang=${lang}`);
      await runShown(page, 120_000);
      await page.getByTestId("lin-show").click();
      await page.getByTestId("lin-bar").first().waitFor();
      await page.waitForFunction("document.querySelectorAll('[data-testid=raft-log]').length === 3");
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
  }
});
