import { describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import { htmlReport } from "./html";
import { twoPhaseCommitRun } from "./fixtures/two-phase-commit";
import { syntheticRun } from "./fixtures/synthetic-run";
import { quietRun } from "./fixtures/quiet-run";
import type { RunReport } from "./report-input";

/** The 2PC run with hostile text in a message body, the scenario name and a violation message. */
function hostileRun(): RunReport {
  const run = twoPhaseCommitRun();
  const send = run.trace!.find((e) => e.kind === "send" && e.type === "COMMIT")!;
  (send as { body: unknown }).body = `<script>alert(1)</script>`;
  run.result.scenario = `2pc <img src=x onerror="alert(2)">`;
  run.result.checks[0].violations[0].message = `</title><script src="https://evil.example/x.js"></script>`;
  return run;
}

function count(text: string, re: RegExp): number {
  return (text.match(re) ?? []).length;
}

describe("html report", () => {
  it("html: requests nothing: no external URL, no linked resource, and a policy that forbids them", () => {
    const html = htmlReport(twoPhaseCommitRun());
    expect(html).not.toMatch(/https?:|\/\/[a-z]/i);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href)=/i);
    expect(html).not.toMatch(/@import|url\((?!#)/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it("html: a script tag in a message body, a scenario name or a violation stays text", () => {
    const html = htmlReport(hostileRun());
    expect(count(html, /<script/g)).toBe(1);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("</title><script>");
    expect(html).toContain("send COMMIT n1/coord -&gt; n2/p1 &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("2pc &lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
    expect(html).toContain("&lt;/title&gt;&lt;script src=&quot;https://evil.example/x.js&quot;&gt;&lt;/script&gt;");
  });

  it("html: the timeline has a lane per node, arrows, drops, down and partition bands and the violation", () => {
    const html = htmlReport(twoPhaseCommitRun());
    const lanes = [...html.matchAll(/<text class="node"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(lanes).toEqual(["n1", "n2", "n3"]);
    expect(count(html, /<g class="msg drop/g)).toBe(3);
    // 13 outcomes of 12 messages: the duplicate gets its own arrow; drops are drawn as groups.
    expect(count(html, /<line class="msg/g)).toBe(10);
    expect(count(html, /<rect class="down"/g)).toBe(1);
    expect(count(html, /<rect class="partition"/g)).toBe(1);
    expect(count(html, /<line class="violation"/g)).toBe(1);
    expect(count(html, /<circle class="evidence"/g)).toBe(2);
    expect(html).toContain("<td>violated</td><td>at 53.7ms on n2, n3: n2/p1 committed tx 1 but n3/p2 aborted it</td>");
    expect(html).toContain("All 53 events of the trace.");
  });

  it("html: a large trace is sampled to the cap, and the page says so", () => {
    const run = syntheticRun({ nodes: 8, messages: 100_000 });
    const html = htmlReport(run, { maxMessages: 2000, maxListedEvents: 500 });
    expect(count(html, /class="msg/g)).toBe(2000);
    expect(html).toContain("Drawn 2,000 of 100,000 messages");
    expect(count(html, /<tr><td class="t">|<tr class="evidence"><td class="t">/g)).toBe(500);
    expect(html).toContain("500 of 200,013 events: the trace is longer than 500");
    expect(html.length).toBeLessThan(1_500_000);
  });

  it("html: a run without a trace draws its faults from the result and says the trace is missing", () => {
    const run = quietRun("q", 4);
    run.result.faults = [
      { t: 100_000, source: "script", fault: { action: "crash", node: "n2", at: 100_000, duration: 500_000 } },
      { t: 200_000, source: "nemesis", fault: { action: "isolate", node: "n1", at: 200_000, duration: 300_000 } },
    ];
    const html = htmlReport(run);
    expect(html).toContain("No trace was recorded: only the faults from the result are drawn.");
    expect(count(html, /<rect class="down"/g)).toBe(1);
    expect(count(html, /<rect class="partition"/g)).toBe(1);
  });

  it("html: in a real browser the page makes no request, throws nothing, and its filter works", async () => {
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(`error: ${String(e)}`));
      page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
      await page.route("**/*", (route) => { problems.push(`request: ${route.request().url()}`); return route.abort(); });
      await page.setContent(htmlReport(hostileRun()), { waitUntil: "load" });
      await page.fill("#filter", "drop");
      const visible = await page.$$eval("#events tbody tr", (rows) => rows.filter((r) => !(r as HTMLElement).hidden).length);
      expect(visible).toBe(3);
      await page.fill("#zoom", "2");
      expect(await page.getAttribute("svg.timeline", "width")).toBe("2400");
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
