import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { builtinCheckers, builtinProcesses, simulate } from "../../engine/index";
import { loadScenario } from "../../scenarios/loader";
import { encodeShare } from "../../scenarios/share/share-link";
import { renderReports } from "../../reports/render-reports";
import { runShown, startHarness, type Harness } from "./harness";

// Hostile text, as a scenario from a forum post or a trace from someone's CI could carry it,
// must reach the screen as text: in the visualizer (by file, by share link, by URL, as a trace
// file) and in the HTML report. Each payload calls window.__xss (defined before the page's own
// scripts) or alert() if it ever runs; the test fails on any call, any dialog, any element or
// attribute the payloads would inject, and unless the payload text shows literally.
const PAYLOADS = [
  `<script>window.__xss("script")</script>`,
  `<img src=x onerror="window.__xss('img')">`,
  `<a href="javascript:window.__xss('link')">a link</a>`,
  `[a markdown link](javascript:window.__xss('md'))`,
  `</script><script>window.__xss("close")</script>`,
  `"><svg onload=alert('svg')>`,
  `'><iframe srcdoc="<script>parent.__xss('iframe')</script>">`,
];
const NAME = `<img src=x onerror=alert(1)><script>window.__xss("name")</script>`;
const ZONE = `<svg onload=window.__xss('zone')>`;

/** A valid scenario whose every free text is hostile. */
const VALID = `name: ${JSON.stringify(NAME)}
description: ${JSON.stringify(PAYLOADS.join("\n\n"))}
duration: 2s
nodes: [{ name: s1, zone: ${JSON.stringify(ZONE)} }, c1]
services:
  - { kind: echo-server, on: s1, name: echo }
  - { kind: echo-client, on: c1, name: client, config: { targets: [s1/echo], rate: 20 } }
checks: [every-call-ends]
narration:
${PAYLOADS.map((p, i) => `  - at: ${(i + 1) * 100}ms\n    text: ${JSON.stringify(p)}`).join("\n")}
`;

/** Invalid ones: hostile node names, check names and keys come back quoted in error messages. */
const INVALID = [
  { text: `name: bad\nduration: 2s\nnodes: [${JSON.stringify(PAYLOADS[1])}]\n${JSON.stringify(PAYLOADS[5])}: 1\n`, quoted: [PAYLOADS[1], PAYLOADS[5]] },
  { text: `name: bad\nduration: 2s\nnodes: [a]\nchecks: [${JSON.stringify(PAYLOADS[0])}]\n`, quoted: [PAYLOADS[0]] },
];

function loadValid() {
  const r = loadScenario(VALID, { file: "hostile.yaml", catalog: builtinProcesses, checkers: builtinCheckers });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`).join("; "));
  return r.scenario;
}

/** Replaces `s1` in every string of a value: the node's name becomes a payload in every event. */
function poison<T>(v: T, by: string): T {
  if (typeof v === "string") return v.replaceAll("s1", by) as T;
  if (Array.isArray(v)) return v.map((x) => poison(x, by)) as T;
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x, by)])) as T;
  return v;
}

let h: Harness;
let hostileTrace = "";
let dir = "";
beforeAll(async () => {
  const sim = await simulate(loadValid());
  // A trace file from elsewhere: the node, every address and the result's strings carry a payload.
  const lines = sim.trace!.toJSONL().trimEnd().split("\n").map((l) => JSON.stringify(poison(JSON.parse(l), PAYLOADS[1])));
  const result = poison(sim.result, PAYLOADS[1]);
  result.checks[0].findings = [PAYLOADS[4], PAYLOADS[0]].map((message) => ({ check: result.checks[0].name, message }));
  hostileTrace = [...lines, JSON.stringify(result)].join("\n") + "\n";
  h = await startHarness({ "/hostile.yaml": { body: VALID }, "/hostile.jsonl": { body: hostileTrace } });
  dir = mkdtempSync(join(tmpdir(), "clustersim-xss-"));
}, 300_000);
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A page that records any payload that runs, as a call or as a dialog, from before the first script. */
async function guardedPage(): Promise<{ page: Page; ran: () => Promise<string[]>; errors: string[] }> {
  const page = await h.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (d) => { dialogs.push(`dialog: ${d.message()}`); void d.dismiss(); });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __xssRan: string[]; __xss: (what: string) => void };
    w.__xssRan = [];
    w.__xss = (what) => w.__xssRan.push(what);
  });
  return { page, errors, ran: async () => [...dialogs, ...(await page.evaluate("window.__xssRan") as string[])] };
}

/** Elements and attributes the payloads would have injected, had any been parsed as markup. */
function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const docs = [document, ...[...document.querySelectorAll("iframe")].map((f) => f.contentDocument).filter((d) => d !== null)];
    for (const doc of docs) {
      for (const el of doc.querySelectorAll("*")) {
        for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}=${a.value}`);
        if (el.tagName === "A" && /^\s*javascript:/i.test(el.getAttribute("href") ?? "")) found.push(`A href=${el.getAttribute("href")}`);
        if (el.tagName === "IMG" && el.getAttribute("src") === "x") found.push("IMG src=x");
        if (el.tagName === "IFRAME" && el.hasAttribute("srcdoc")) found.push("IFRAME srcdoc");
        if (el.tagName.toLowerCase() === "script" && /__xss/.test(el.textContent ?? "")) found.push(`SCRIPT ${el.textContent}`);
      }
    }
    return found;
  });
}

/** Everything the page shows as text, the narration at each note's moment included. */
async function shownText(page: Page): Promise<string> {
  const parts = [await page.evaluate("document.body.innerText") as string];
  for (let i = 0; i < PAYLOADS.length; i++) {
    await page.evaluate(`window.__viz.app.setTime(${(i + 1) * 100_000})`);
    parts.push((await page.getByTestId("narration").textContent()) ?? "");
  }
  return parts.join("\n");
}

async function expectInert(page: Page, ran: () => Promise<string[]>): Promise<void> {
  // Give an onerror or onload a chance to fire before looking.
  await page.waitForTimeout(300);
  expect(await ran()).toEqual([]);
  expect(await injected(page)).toEqual([]);
}

describe("hostile text in the visualizer (Chromium)", () => {
  it("a scenario opened as a file shows its name, description and narration as text, and runs none of it", async () => {
    const { page, ran, errors } = await guardedPage();
    await page.goto(`${h.server.url}/`);
    await page.getByTestId("library").locator("input[type=file]").setInputFiles({ name: "hostile.yaml", mimeType: "text/yaml", buffer: Buffer.from(VALID) });
    await runShown(page);
    expect(await page.getByTestId("scenario-name").textContent()).toBe(NAME);
    const text = await shownText(page);
    for (const p of PAYLOADS) expect(text).toContain(p);
    await expectInert(page, ran);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the same scenario by share link and by ?scenario= URL", async () => {
    const link = `${h.server.url}/#${await encodeShare({ source: { kind: "yaml", text: VALID, file: "hostile.yaml" }, faults: [], sets: [] })}`;
    for (const url of [link, `${h.server.url}/?scenario=hostile.yaml`]) {
      const { page, ran, errors } = await guardedPage();
      await page.goto(url);
      await runShown(page);
      expect(await page.getByTestId("scenario-name").textContent()).toBe(NAME);
      const text = await shownText(page);
      for (const p of PAYLOADS) expect(text).toContain(p);
      await expectInert(page, ran);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("error messages quoting hostile node names, check names and keys are text too", async () => {
    for (const bad of INVALID) {
      const link = `${h.server.url}/#${await encodeShare({ source: { kind: "yaml", text: bad.text, file: "bad.yaml" }, faults: [], sets: [] })}`;
      const { page, ran, errors } = await guardedPage();
      await page.goto(link);
      const problems = page.getByTestId("editor-problems");
      await problems.getByRole("button").first().waitFor({ timeout: 60_000 });
      const text = (await problems.textContent()) ?? "";
      for (const p of bad.quoted) expect(text).toContain(p);
      expect(await page.getByTestId("editor-text").inputValue()).toBe(bad.text);
      await expectInert(page, ran);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("a scenario naming modules: the page refuses them (CS404) and runs no code of the link's", async () => {
    for (const [modules, message] of [[`["data:text/javascript,self.__xss('module')"]`, /is a URL \(data:\)/], ["[./kinds.js]", /not loaded here: the visualizer never runs a scenario's own code/]] as const) {
      const text = VALID.replace("checks:", `modules: ${modules}\nchecks:`);
      const link = `${h.server.url}/#${await encodeShare({ source: { kind: "yaml", text, file: "mod.yaml" }, faults: [], sets: [] })}`;
      const { page, ran, errors } = await guardedPage();
      await page.goto(link);
      const problems = page.getByTestId("editor-problems");
      await problems.getByRole("button").first().waitFor({ timeout: 60_000 });
      expect(await problems.textContent()).toContain("CS404");
      expect(await problems.textContent()).toMatch(message);
      await expectInert(page, ran);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("a trace file whose node names and result carry payloads shows them as text", async () => {
    const { page, ran, errors } = await guardedPage();
    await page.goto(`${h.server.url}/?trace=hostile.jsonl`);
    await runShown(page);
    const lanes = await page.locator("[data-testid^=lane-]").allTextContents();
    expect(lanes.join("\n")).toContain(PAYLOADS[1]);
    expect(await page.evaluate("document.body.innerText")).toContain(PAYLOADS[4]);
    expect(await page.evaluate("document.body.innerText")).toContain(PAYLOADS[0]);
    await expectInert(page, ran);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("hostile text in the HTML report (Chromium)", () => {
  it("the report of a hostile run, opened from disk, shows every payload as text and runs none", async () => {
    const sim = await simulate(loadValid());
    const run = { result: poison(sim.result, PAYLOADS[2]), trace: poison(sim.trace!.events(), PAYLOADS[2]) };
    // A violated check whose message and nodes are hostile (a checker from a module may say anything).
    const check = run.result.checks[0];
    Object.assign(check, { status: "violated", passed: false });
    check.violations = [{ check: check.name, message: PAYLOADS[6], t: 1_000_000, nodes: [PAYLOADS[3]], history: [], events: [3], seed: run.result.seed, replay: PAYLOADS[5] }];
    run.result.passed = false;
    const files = renderReports(["html,md"], run);
    const html = Object.entries(files).find(([name]) => name.endsWith(".html"))!;
    const file = join(dir, html[0]);
    writeFileSync(file, html[1]);
    const { page, ran, errors } = await guardedPage();
    await page.goto(pathToFileURL(file).href);
    const text = await page.evaluate("document.body.innerText") as string;
    expect(await page.title()).toContain(NAME);
    expect(text).toContain(NAME);
    for (const p of [PAYLOADS[2], PAYLOADS[3], PAYLOADS[6]]) expect(text).toContain(p);
    await expectInert(page, ran);
    expect(errors).toEqual([]);
    await page.close();
    // The markdown summary: GitHub renders the HTML in it, so no payload may stay markup there
    // (inside a fenced block, whose fence outgrows any backtick run in it, text stays text).
    const md = Object.entries(files).find(([name]) => name.endsWith(".md"))![1].replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "");
    expect(md).toContain("every-call-ends");
    expect(md.split("\n").filter((l) => /<\/?(script|img|svg|iframe|a)\b|(?<!\\)\]\(\s*javascript:/i.test(l))).toEqual([]);
  });
});
