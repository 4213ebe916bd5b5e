import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { builtinCheckers, builtinProcesses, simulate } from "../../engine/index";
import type { FaultSpec, Scenario, Seed } from "../../engine/scenario";
import { loadScenario } from "../../scenarios/loader";
import { FIXTURES } from "../src/lib/scenario/fixtures";
import { ROOT } from "./build-app";
import { appValue, runShown, startHarness, type Harness } from "./harness";

const LIB = "commit/2pc-coordinator-crash.yaml";
const libText = readFileSync(join(ROOT, "scenarios/library", LIB), "utf8");

/** The scenario as the CLI loads it. */
function loadLibrary(text = libText, sets: string[] = []): Scenario {
  const r = loadScenario(text, { file: `scenarios/library/${LIB}`, sets, catalog: builtinProcesses, checkers: builtinCheckers });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.scenario;
}

/** The trace hash Node computes for a scenario, a seed and added faults. */
async function nodeHash(s: Scenario, seed?: Seed, faults: FaultSpec[] = []): Promise<string> {
  const sim = await simulate({ ...s, faults: [...(s.faults ?? []), ...faults] }, { seed });
  return sim.result.traceHash!;
}

let h: Harness;
beforeAll(async () => {
  const trace = (await simulate(FIXTURES[1])).trace!.toJSONL();
  h = await startHarness({ "/fixture.jsonl": { body: trace } });
}, 300_000);
afterAll(async () => {
  await h?.close();
});

describe("visualizer in Chromium", () => {
  it("opens on the library, grouped by topic, and runs the scenario picked", async () => {
    const { page, errors } = await h.open("");
    const dialog = page.getByTestId("library");
    await dialog.waitFor();
    expect(await dialog.locator("h3").allTextContents()).toContain("2pc");
    expect(await dialog.getByTestId(`library-${LIB}`).textContent()).toMatch(/Why 2PC is called a blocking protocol/);
    await dialog.getByTestId(`library-${LIB}`).click();
    await runShown(page);
    expect(await page.getByTestId("scenario-name").textContent()).toBe("2pc-coordinator-crash");
    expect(await page.locator("[data-testid^=lane-]").count()).toBe(5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the browser's trace hash equals Node's for the same scenario and seed", async () => {
    const scenario = loadLibrary();
    for (const seed of [undefined, 2]) {
      const { page, errors } = await h.open(`?lib=${LIB}${seed !== undefined ? `&seed=${seed}` : ""}`);
      const browserHash = await runShown(page);
      expect(browserHash).toMatch(/^[0-9a-f]{16}$/);
      expect(browserHash).toBe(await nodeHash(scenario, seed));
      expect(errors).toEqual([]);
    await page.close();
    }
    const { page, errors } = await h.open("?lib=fixture:echo-crash-partition");
    expect(await runShown(page)).toBe(await nodeHash(FIXTURES[0]));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("pins the first violation on the timeline, jumps to it and highlights the events that show it", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}`);
    await runShown(page);
    const pin = page.getByTestId("violation-pin");
    expect(await pin.textContent()).toContain("blocking");
    await pin.click();
    const violation = await appValue<{ t: number; events: number[] }>(page, "app.a.firstViolation()");
    expect(violation.events.length).toBeGreaterThan(0);
    expect(await appValue<number>(page, "app.cursorT")).toBe(violation.t);
    expect(await appValue<number[]>(page, "[...app.highlight]")).toEqual(violation.events);
    const view = await appValue<{ t0: number; t1: number }>(page, "app.view");
    const times = await appValue<number[]>(page, `${JSON.stringify(violation.events)}.map((s) => app.a.bundle.t[s])`);
    for (const t of times) expect(t >= view.t0 && t <= view.t1).toBe(true);
    await page.keyboard.press("Home");
    await page.keyboard.press("v");
    expect(await appValue<number>(page, "app.cursorT")).toBe(violation.t);
    // The log shows the violation's moment; its evidence rows carry the highlight.
    await page.waitForFunction("document.querySelectorAll('[data-testid=event-log] .row.hl').length > 0");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("plays: the cursor moves forward and the narration follows it", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}`);
    await runShown(page);
    expect(await page.getByTestId("narration").textContent()).toMatch(/teaching notes in this run/);
    await page.getByTestId("speed").selectOption("1");
    await page.getByTestId("play").click();
    await page.waitForFunction("window.__viz.app.cursorT > 1300000", null, { timeout: 20_000 });
    await page.getByTestId("play").click();
    const t = await appValue<number>(page, "app.cursorT");
    expect(await appValue<boolean>(page, "app.playing")).toBe(false);
    expect(t).toBeGreaterThan(1_300_000);
    expect(await page.getByTestId("narration").textContent()).toMatch(/p1 is blocked|asks the coordinator/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("scrubs: dragging the bar and stepping with the keys move the cursor, the log and the state panel", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}`);
    await runShown(page);
    const bar = (await page.getByTestId("scrub-bar").boundingBox())!;
    await page.mouse.move(bar.x + 2, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + bar.width * 0.25, bar.y + bar.height / 2, { steps: 5 });
    await page.mouse.move(bar.x + bar.width * 0.5, bar.y + bar.height / 2, { steps: 5 });
    await page.mouse.up();
    const end = await appValue<number>(page, "app.end");
    const t = await appValue<number>(page, "app.cursorT");
    expect(t / end).toBeGreaterThan(0.45);
    expect(t / end).toBeLessThan(0.55);
    // At mid-run every participant is uncertain about client#1: the state panel shows it.
    expect(await page.getByTestId("state-p1/participant").textContent()).toMatch(/client#1\s*"uncertain"/);
    const seq = await appValue<number>(page, "app.cursorSeq");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    expect(await appValue<number>(page, "app.cursorSeq")).toBe(seq + 1);
    expect(await page.getByTestId("cursor-seq").textContent()).toContain(`event ${seq + 2} /`);
    const current = page.locator("[data-testid=event-log] .row.current");
    expect(await current.count()).toBe(1);
    // Zoom with the wheel over the diagram, then pan by dragging it: time only, both through d3-zoom.
    const plot = (await page.getByTestId("plot-a").boundingBox())!;
    await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction(`window.__viz.app.view.t1 - window.__viz.app.view.t0 < ${end} * 0.9`);
    const zoomed = await appValue<{ t0: number; t1: number }>(page, "app.view");
    await page.mouse.down();
    await page.mouse.move(plot.x + plot.width / 2 - 200, plot.y + plot.height / 2, { steps: 8 });
    await page.mouse.up();
    const panned = await appValue<{ t0: number; t1: number }>(page, "app.view");
    expect(panned.t0).toBeGreaterThan(zoomed.t0);
    expect(panned.t1 - panned.t0).toBeCloseTo(zoomed.t1 - zoomed.t0, 0);
    expect(await page.getByTestId("cursor-text").textContent()).toContain(`event ${seq + 2} of`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("crashes a node by clicking its lane: the run replays with the fault, deterministically, and shows where it diverges", async () => {
    const { page, errors } = await h.open("?lib=fixture:echo-crash-partition");
    const before = await runShown(page);
    await page.evaluate("window.__viz.app.setTime(1000000)");
    await page.getByTestId("lane-s2/echo").click();
    await page.getByTestId("lane-menu").waitFor();
    await page.getByTestId("lane-menu").getByRole("textbox").fill("");
    await page.getByTestId("menu-crash").click();
    await page.getByTestId("divergence").waitFor({ timeout: 60_000 });
    const after = await runShown(page);
    expect(after).not.toBe(before);
    expect(after).toBe(await nodeHash(FIXTURES[0], undefined, [{ at: 1_000_000, action: "crash", node: "s2" }]));
    const banner = await page.getByTestId("divergence").textContent();
    expect(banner).toMatch(/Added crash s2 at 1\.000000 s/);
    // The crash is where the runs part: the first differing event is s2's, at the cursor.
    expect(banner).toMatch(/first differs from the previous one at 1\.000000 s, event \d+: s2/);
    expect(await page.getByTestId("lane-s2/echo").textContent()).toContain("down");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("compares two seeds on one time axis with one cursor", async () => {
    const { page, errors } = await h.open("?lib=fixture:echo-crash-partition");
    const hashA = await runShown(page);
    await page.getByTestId("compare").click();
    await page.getByTestId("compare-seed").fill("8");
    await page.getByTestId("compare-run").click();
    await page.waitForFunction("window.__viz.app.b?.bundle.seed === 8 && window.__viz.app.hashB !== ''", null, { timeout: 60_000 });
    await page.getByTestId("spacetime-b").waitFor();
    expect(await appValue<string>(page, "app.hashB")).toBe(await nodeHash(FIXTURES[0], 8));
    expect(await appValue<string>(page, "app.hashA")).toBe(hashA);
    expect(await page.getByTestId("compare-bar").textContent()).toMatch(/They first differ at event \d+/);
    await page.evaluate("window.__viz.app.setTime(3000000)");
    const cursors = await page.locator("[data-testid^=spacetime-] .cursor").evaluateAll((els) => els.map((e) => (e as HTMLElement).style.transform));
    expect(cursors).toHaveLength(2);
    expect(cursors[0]).toBe(cursors[1]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("compares the same scenario and seed with a config override, applied by the loader as --set would", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}`);
    await runShown(page);
    await page.keyboard.press("c");
    await page.getByTestId("compare-sets").fill("network.latency=20ms");
    await page.getByTestId("compare-run").click();
    await page.waitForFunction("window.__viz.app.b != null && window.__viz.app.hashB !== ''", null, { timeout: 60_000 });
    expect(await appValue<string>(page, "app.hashB")).toBe(await nodeHash(loadLibrary(libText, ["network.latency=20ms"])));
    expect(await page.getByTestId("spacetime-b").textContent()).toContain("network.latency=20ms");
    // A bad override is reported, not run.
    await page.getByTestId("compare-sets").fill("network.latency=fast");
    await page.getByTestId("compare-run").click();
    await page.waitForFunction("/latency/.test(window.__viz.app.compareStatus)", null, { timeout: 60_000 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a share link reproduces the run, its added fault and the cursor exactly", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}`);
    await runShown(page);
    await page.evaluate("window.__viz.app.setTime(500000)");
    await page.getByTestId("lane-p3/participant").click();
    await page.getByTestId("menu-pause").click();
    await page.getByTestId("divergence").waitFor({ timeout: 60_000 });
    const hash = await runShown(page);
    await page.evaluate("window.__viz.app.setTime(2345678)");
    await page.getByTestId("share").click();
    const link = await page.getByTestId("share-link").inputValue();
    expect(link).toContain("#v=1&s=z");
    expect(errors).toEqual([]);
    await page.close();

    const other = await h.browser.newPage();
    const otherErrors: string[] = [];
    other.on("pageerror", (e) => otherErrors.push(e.message));
    await other.goto(link);
    expect(await runShown(other)).toBe(hash);
    expect(await appValue<number>(other, "app.cursorT")).toBe(2_345_678);
    expect(await appValue<FaultSpec[]>(other, "app.extraFaults")).toEqual([{ at: 500_000, action: "pause", node: "p3", duration: 1_000_000 }]);
    expect(hash).toBe(await nodeHash(loadLibrary(), undefined, [{ at: 500_000, action: "pause", node: "p3", duration: 1_000_000 }]));
    expect(otherErrors).toEqual([]);
    await other.close();
  });

  it("shows a scenario's errors at their line in the editor, and re-runs it once fixed", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}`);
    await runShown(page);
    await page.getByTestId("edit").click();
    const text = page.getByTestId("editor-text");
    const original = await text.inputValue();
    const line = original.split("\n").findIndex((l) => l.startsWith("duration:")) + 1;
    await text.fill(original.replace("duration: 8s", "duraton: 8s"));
    await page.getByTestId("editor-run").click();
    const problems = page.getByTestId("editor-problems");
    await problems.getByRole("button").first().waitFor();
    const first = await problems.textContent();
    expect(first).toContain(`line ${line}, column 1`);
    expect(first).toMatch(/duraton/);
    expect(first).toMatch(/did you mean "duration"/);
    expect(await page.locator(".gutter .bad").allTextContents()).toContain(String(line));
    await text.fill(original.replace("duration: 8s", "duration: 6s"));
    await page.getByTestId("editor-run").click();
    await page.waitForFunction("window.__viz.app.problems.length === 0 && !window.__viz.app.running && window.__viz.app.a.end <= 6000000");
    expect(await runShown(page)).toBe(await nodeHash(loadLibrary(original.replace("duration: 8s", "duration: 6s"))));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opens a trace file, by URL and by file picker, with the hash of the run that wrote it", async () => {
    const sim = await simulate(FIXTURES[1]);
    const { page, errors } = await h.open("?trace=fixture.jsonl");
    expect(await runShown(page)).toBe(sim.result.traceHash);
    await page.keyboard.press("o");
    await page.getByTestId("library").locator("input[type=file]").setInputFiles({ name: "run.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(sim.trace!.toJSONL()) });
    await page.waitForFunction("window.__viz.app.a?.bundle.name === 'run.jsonl'");
    expect(await runShown(page)).toBe(sim.result.traceHash);
    // Dropped on the page: a drop event carrying the file, as a file manager sends it.
    const text = sim.trace!.toJSONL();
    await page.evaluate(`(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([${JSON.stringify(text)}], "dropped.jsonl", { type: "application/x-ndjson" }));
      window.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`);
    await page.waitForFunction("window.__viz.app.a?.bundle.name === 'dropped.jsonl'");
    expect(await runShown(page)).toBe(sim.result.traceHash);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("is keyboard operable, lists its shortcuts behind ?, and switches theme", async () => {
    const { page, errors } = await h.open("?lib=fixture:echo-lossy-link");
    await page.emulateMedia({ reducedMotion: "reduce" });
    await runShown(page);
    expect(await appValue<boolean>(page, "app.reducedMotion")).toBe(true);
    await page.keyboard.press("?");
    const help = page.getByTestId("help");
    await help.waitFor();
    expect(await help.locator("tr").count()).toBeGreaterThan(20);
    expect(await help.textContent()).toContain("Step to the next event");
    await page.keyboard.press("Escape");
    expect(await help.count()).toBe(0);
    const theme = await page.evaluate("document.documentElement.dataset.theme");
    await page.keyboard.press("t");
    expect(await page.evaluate("document.documentElement.dataset.theme")).not.toBe(theme);
    await page.keyboard.press("End");
    expect(await appValue<number>(page, "app.cursorT")).toBe(await appValue<number>(page, "app.end"));
    await page.keyboard.press("Home");
    expect(await appValue<number>(page, "app.cursorT")).toBe(0);
    await page.keyboard.press("+");
    const span = await appValue<number>(page, "app.view.t1 - app.view.t0");
    expect(span).toBeLessThan(await appValue<number>(page, "app.end"));
    // The lane menu opens from the keyboard and closes with Escape.
    await page.getByTestId("lane-server/echo").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("lane-menu").waitFor();
    expect(await page.evaluate("document.activeElement?.getAttribute('role')")).toBe("menuitem");
    await page.keyboard.press("Escape");
    expect(await page.getByTestId("lane-menu").count()).toBe(0);
    expect(await page.evaluate("document.activeElement?.dataset.testid")).toBe("lane-server/echo");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("marks drops with a distinct mark and says why on hover", async () => {
    const { page, errors } = await h.open("?lib=fixture:echo-lossy-link");
    await runShown(page);
    // Zoom on the first drop and hover its mark.
    const drop = await appValue<{ t: number; lane: number }>(page, "(() => { const b = app.a.bundle; const i = Array.from(b.arrows.status).indexOf(2); return { t: b.arrows.endT[i], lane: b.arrows.toLane[i] }; })()");
    await page.evaluate(`window.__viz.app.setView({ t0: ${drop.t - 20000}, t1: ${drop.t + 20000} })`);
    const plot = (await page.getByTestId("plot-a").boundingBox())!;
    const y = await appValue<number>(page, `app.a.layout.y[${drop.lane}]`);
    await page.mouse.move(plot.x + plot.width / 2, plot.y + y);
    const tip = page.getByRole("tooltip");
    await tip.waitFor();
    expect(await tip.textContent()).toMatch(/was dropped at .*: lost on the link \(its loss ratio\)/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
