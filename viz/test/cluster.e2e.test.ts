import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { applyPatches, enablePatches, type Patch } from "immer";
import { builtinCheckers, builtinProcesses, simulate } from "../../engine/index";
import type { FaultSpec, Scenario } from "../../engine/scenario";
import type { TraceEvent } from "../../engine/trace/trace-event";
import { loadScenario } from "../../scenarios/loader";
import { engineTrace } from "../bench/trace-fixtures";
import { thousandNodes } from "../bench/cluster-fixtures";
import type { FrameSummary } from "../src/lib/cluster/frame-summary";
import { ROOT } from "./build-app";
import { appValue, runShown, startHarness, type Harness } from "./harness";

// The cluster view in real Chromium: what it draws at a time is compared with the trace Node
// computes, breaking a node and partitioning from it re-run the scenario deterministically,
// and playing it costs a frame budget at 1,000 nodes and at 100,000 events.

enablePatches();
const SHOTS = join(ROOT, "test-results");
const LIB = "service/instance-crash-failover.yaml";
const SEED = 1;

function loadLibrary(): Scenario {
  const text = readFileSync(join(ROOT, "scenarios/library", LIB), "utf8");
  const r = loadScenario(text, { file: `scenarios/library/${LIB}`, catalog: builtinProcesses, checkers: builtinCheckers });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  return r.scenario;
}


let h: Harness;
let events: TraceEvent[];
let thousand: { jsonl: string; count: number };
let hundredK: { jsonl: string; count: number };
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const sim = await simulate(loadLibrary(), { seed: SEED });
  events = sim.trace!.events();
  const big = await simulate(thousandNodes());
  thousand = { jsonl: big.trace!.toJSONL(), count: big.trace!.length };
  hundredK = await engineTrace(100_000);
  h = await startHarness({ "/thousand.jsonl": { body: thousand.jsonl }, "/hundred-k.jsonl": { body: hundredK.jsonl } });
}, 600_000);
afterAll(async () => {
  await h?.close();
});

/** Message ids in flight at `t` by the trace: sent at or before it, not delivered or dropped by then. */
function inFlightIds(t: number): number[] {
  const sent = new Map<number, number>();
  const ended = new Map<number, number>();
  for (const ev of events) {
    if (ev.t > t) break;
    if (ev.kind === "send" && typeof ev.id === "number") sent.set(ev.id, (sent.get(ev.id) ?? 0) + 1);
    if ((ev.kind === "deliver" || ev.kind === "drop") && typeof ev.id === "number") ended.set(ev.id, (ended.get(ev.id) ?? 0) + 1);
  }
  return [...sent.keys()].filter((id) => !ended.has(id)).sort((a, b) => a - b);
}

/** A process's published state after every state event at or before `t`, by the trace's patches. */
function stateAt(address: string, t: number): Record<string, unknown> {
  let s: Record<string, unknown> = {};
  for (const ev of events) {
    if (ev.t > t) break;
    if (ev.kind === "state" && `${ev.node}/${ev.proc}` === address) s = applyPatches(s, ev.patches as unknown as Patch[]);
  }
  return s;
}

const frame = (page: import("playwright-core").Page) => page.evaluate("window.__viz.cluster.frame()") as Promise<FrameSummary>;

describe("cluster view in Chromium", () => {
  it("shows at a known time the messages in flight, the crashed node and the badges the trace says", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}&seed=${SEED}`);
    await runShown(page);
    await page.keyboard.press("g");
    await page.getByTestId("cluster-view").waitFor();
    expect(await appValue<string>(page, "app.mainView")).toBe("cluster");
    expect(await page.getByTestId("spacetime-a").count()).toBe(0);
    // A moment with calls in the air, after b2's crash at 45 s: the middle of some message's flight.
    const send = events.find((e) => e.kind === "send" && e.t > 50_000_000)!;
    const end = events.find((e) => (e.kind === "deliver" || e.kind === "drop") && e.id === send.id)!;
    const t = Math.round((send.t + end.t) / 2);
    await page.evaluate(`window.__viz.app.setTime(${t})`);
    await page.waitForTimeout(100);
    const f = await frame(page);
    expect(f.t).toBe(t);
    const ids = [...new Set(f.dots.map((d) => d.id))].sort((a, b) => a - b);
    expect(ids).toEqual(inFlightIds(t));
    expect(ids).toContain(send.id);
    const byName = Object.fromEntries(f.nodes.map((n) => [n.name, n]));
    expect(byName.b2.state).toBe("down");
    expect(byName.b1.state).toBe("up");
    expect(await page.getByTestId("cluster-node-b2").getAttribute("data-state")).toBe("down");
    expect(Object.fromEntries(f.nodes.map((n) => [n.name, n.role]))).toEqual({ r1: "registry", b1: "instance", b2: "instance", b3: "instance", c1: "client" });
    // The queue badge is the instance's published `queued` at that moment.
    expect(byName.b1.badges).toContain(`queue ${stateAt("b1/api", t).queued as number}`);
    // Each dot lies between its sender and its receiver.
    for (const d of f.dots) {
      const a = byName[d.from.split("/")[0]], b = byName[d.to.split("/")[0]];
      expect(d.x).toBeGreaterThanOrEqual(Math.min(a.x, b.x) - 0.01);
      expect(d.x).toBeLessThanOrEqual(Math.max(a.x, b.x) + 0.01);
    }
    // Scrubbing back before the crash brings b2 back up in the same view.
    await page.evaluate("window.__viz.app.setTime(40000000)");
    await page.waitForTimeout(100);
    expect((await frame(page)).nodes.find((n) => n.name === "b2")!.state).toBe("up");
    await page.screenshot({ path: join(SHOTS, "cluster-view.png") });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("a click on a message selects it in both views", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}&seed=${SEED}`);
    await runShown(page);
    await page.getByTestId("view-both").click();
    await page.getByTestId("cluster-view").waitFor();
    const send = events.find((e) => e.kind === "send" && e.t > 20_000_000 && e.from === "c1/client")!;
    const end = events.find((e) => (e.kind === "deliver" || e.kind === "drop") && e.id === send.id)!;
    const t = Math.round((send.t + end.t) / 2);
    // Zoomed in on the message so the diagram draws arrows, not their density.
    await page.evaluate(`window.__viz.app.setView({ t0: ${send.t - 2000}, t1: ${end.t + 2000} }); window.__viz.app.setTime(${t})`);
    await page.waitForTimeout(150);
    const dot = (await frame(page)).dots.find((d) => d.id === send.id)!;
    const box = (await page.getByTestId("cluster-canvas").boundingBox())!;
    await page.mouse.click(box.x + dot.x, box.y + dot.y);
    expect(await appValue<number>(page, "app.selectedArrow")).toBe(dot.arrow);
    expect(await page.getByTestId("cluster-selected").textContent()).toContain(`${send.type} c1/client → ${send.to}`);
    // And from the diagram: a click on the same arrow, half way along it, selects it too.
    await page.evaluate("window.__viz.app.selectedArrow = -1");
    const plot = (await page.getByTestId("plot-a").boundingBox())!;
    const { y0, y1 } = await appValue<{ y0: number; y1: number }>(page, `(() => { const a = app.a.bundle.arrows; return { y0: app.a.layout.y[a.fromLane[${dot.arrow}]], y1: app.a.layout.y[a.toLane[${dot.arrow}]] }; })()`);
    const k = plot.width / (end.t - send.t + 4000);
    await page.mouse.click(plot.x + ((send.t + end.t) / 2 - (send.t - 2000)) * k, plot.y + (y0 + y1) / 2);
    expect(await appValue<number>(page, "app.selectedArrow")).toBe(dot.arrow);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("crashes a node from the cluster view: the same deterministic re-run as the lane menu", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}&seed=${SEED}`);
    const before = await runShown(page);
    await page.getByTestId("view-cluster").click();
    await page.evaluate("window.__viz.app.setTime(30000000)");
    await page.getByTestId("cluster-node-b1").click();
    await page.getByTestId("lane-menu").waitFor();
    await page.getByTestId("lane-menu").getByRole("textbox").fill("");
    await page.getByTestId("menu-crash").click();
    await page.getByTestId("divergence").waitFor({ timeout: 120_000 });
    const after = await runShown(page, 120_000);
    expect(after).not.toBe(before);
    const fault: FaultSpec = { at: 30_000_000, action: "crash", node: "b1" };
    const sim = await simulate({ ...loadLibrary(), faults: [...(loadLibrary().faults ?? []), fault] }, { seed: SEED });
    expect(after).toBe(sim.result.traceHash);
    await page.evaluate("window.__viz.app.setTime(30500000)");
    await page.waitForTimeout(100);
    expect(await page.getByTestId("cluster-node-b1").getAttribute("data-state")).toBe("down");
    expect((await frame(page)).nodes.find((n) => n.name === "b1")!.state).toBe("down");
    await page.screenshot({ path: join(SHOTS, "cluster-crash.png") });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it("partitions by dragging a cut between two groups of nodes, and the share link keeps the view", async () => {
    const { page, errors } = await h.open(`?lib=${LIB}&seed=${SEED}`);
    await runShown(page);
    await page.getByTestId("view-cluster").click();
    await page.evaluate("window.__viz.app.setTime(20000000)");
    const f = await frame(page);
    const c1 = f.nodes.find((n) => n.name === "c1")!, r1 = f.nodes.find((n) => n.name === "r1")!;
    // A vertical cut between the client column and the rest.
    const x = (c1.x + r1.x) / 2;
    const box = (await page.getByTestId("cluster-canvas").boundingBox())!;
    await page.mouse.move(box.x + x, box.y + 30);
    await page.mouse.down();
    await page.mouse.move(box.x + x, box.y + 200, { steps: 5 });
    await page.mouse.move(box.x + x, box.y + box.height - 10, { steps: 5 });
    await page.mouse.up();
    await page.getByTestId("cut-menu").waitFor();
    const sides = [await page.getByTestId("cut-side-a").textContent(), await page.getByTestId("cut-side-b").textContent()];
    const names = sides.map((s) => s!.trim().split(", ").sort().join(","));
    expect(names.sort()).toEqual(["b1,b2,b3,r1", "c1"]);
    await page.getByTestId("cut-partition").click();
    await page.getByTestId("divergence").waitFor({ timeout: 120_000 });
    const hash = await runShown(page, 120_000);
    const faults = await appValue<FaultSpec[]>(page, "app.extraFaults");
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ at: 20_000_000, action: "partition", duration: 1_000_000 });
    const sim = await simulate({ ...loadLibrary(), faults: [...(loadLibrary().faults ?? []), faults[0]] }, { seed: SEED });
    expect(hash).toBe(sim.result.traceHash);
    await page.evaluate("window.__viz.app.setTime(20500000)");
    await page.waitForTimeout(100);
    // The cut between c1 and r1 is drawn while the partition lasts (node pairs in node order).
    expect((await frame(page)).cuts.map((c) => [...c].sort().join("-"))).toContain("c1-r1");
    await page.getByTestId("share").click();
    const link = await page.getByTestId("share-link").inputValue();
    expect(link).toContain("view=cluster");
    expect(errors).toEqual([]);
    await page.close();
    const other = await h.browser.newPage();
    await other.goto(link);
    expect(await runShown(other, 120_000)).toBe(hash);
    await other.getByTestId("cluster-view").waitFor();
    expect(await other.getByTestId("spacetime-a").count()).toBe(0);
    await other.close();
  }, 300_000);

  for (const which of ["thousand", "hundredK"] as const) {
    it(`plays ${which === "thousand" ? "a 1,000-node run" : "a 100,000-event trace"} in the cluster view within the 50 fps frame budget`, async () => {
      const file = which === "thousand" ? "thousand.jsonl" : "hundred-k.jsonl";
      const { page, errors } = await h.open(`?trace=${file}`);
      await runShown(page, 120_000);
      expect(await appValue<number>(page, "app.a.bundle.count")).toBe(which === "thousand" ? thousand.count : hundredK.count);
      await page.getByTestId("view-cluster").click();
      await page.getByTestId("cluster-view").waitFor();
      await page.waitForFunction("window.__viz.app.snapshotsAt != null", null, { timeout: 120_000 });
      // Playing at 1/10 speed, zoomed to a second: the cursor crosses the window frame by frame.
      await page.evaluate("window.__viz.app.setView({ t0: 2500000, t1: 3500000 })");
      const figures = await page.evaluate("window.__viz.cluster.benchPlay(180)") as { fps: number; meanWorkMs: number; medianWorkMs: number; worstWorkMs: number; meanDots: number };
      const nodes = await appValue<number>(page, "app.a.bundle.nodes.length");
      console.log(`cluster view, ${which}: ${nodes} nodes, ${JSON.stringify(figures)}, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
      expect(figures.meanDots).toBeGreaterThan(1);
      // The budget of a frame at 50 fps is 20 ms; the work of one (the cursor move, both layers,
      // the node buttons) is measured, not the wall-clock rate, which a loaded machine sets.
      // The median, because a collection or another agent's burst on this shared machine lands in
      // a few frames whatever the page does; the mean is printed beside it.
      expect(figures.medianWorkMs).toBeLessThan(20);
      expect(errors).toEqual([]);
      await page.close();
    }, 300_000);
  }
});
