import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { GLOSSARY } from "./glossary";
import { unwrapLines } from "../../../../engine/text-lang";

/**
 * Every library scenario's teaching texts, in both languages (docs/scenario-format.md, "Texts in
 * several languages"): the description (the page's "What to notice") and each narration note.
 * A scenario added with English only fails here, by file and by note.
 */
const LIBRARY = new URL("../../../../scenarios/library/", import.meta.url).pathname;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) && !name.startsWith("_") ? [p] : [];
  });
}

interface Text { where: string; en: string; zh: string }

/** The texts of one file, or the reasons they are not bilingual. */
export function textsOf(file: string, doc: Record<string, unknown>): { texts: Text[]; missing: string[] } {
  const texts: Text[] = [];
  const missing: string[] = [];
  const take = (where: string, v: unknown) => {
    const m = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
    const en = typeof v === "string" ? v : m.en;
    const zh = m.zh;
    if (typeof en !== "string" || en.trim() === "") missing.push(`${file}: ${where} has no English`);
    else if (typeof zh !== "string" || zh.trim() === "") missing.push(`${file}: ${where} has no Chinese (zh)`);
    else if (!/[\u4e00-\u9fff]/.test(zh)) missing.push(`${file}: ${where}'s zh is not Chinese: ${zh.slice(0, 40)}`);
    else texts.push({ where: `${file}: ${where}`, en: unwrapLines(en), zh: unwrapLines(zh) });
  };
  take("description", doc.description);
  const notes = Array.isArray(doc.narration) ? doc.narration : [];
  notes.forEach((n, i) => take(`narration[${i}].text`, (n as Record<string, unknown> | null)?.text));
  return { texts, missing };
}

/** Glossary terms a text's English uses and its Chinese does not translate as the glossary says. */
export function glossaryMisses(t: Text): string[] {
  // Names the Chinese keeps as written (spring-retry, mysql-semisync-timeout-fallback,
  // client.rm.lock.retryInterval) are not English words to translate.
  // "replicate", "replication" are 复制, not the glossary's "replica" (副本).
  const english = t.en.replace(/[A-Za-z0-9_]+(?:[-.:/][A-Za-z0-9_]+)+/g, (name) => (t.zh.includes(name) ? " " : name)).replace(/\breplicat\w*/gi, " ").toLowerCase();
  return GLOSSARY.filter(([term, chinese]) => SCENARIO_TERMS.has(term) && new RegExp(`\\b${term}`).test(english) && !t.zh.includes(chinese))
    .map(([term, chinese]) => `${t.where}: "${term}" should read ${chinese}`);
}

/**
 * The glossary terms held in scenario prose: all but the page's own words, which scenario prose
 * uses more loosely ("node" is often a machine named n1, "partition" a Kafka topic's partition as
 * well as a network's, "breaker" inside names like ConsecutiveBreaker).
 */
const PAGE_ONLY = new Set(["node", "event", "lane", "cursor", "seed", "scenario", "trace hash", "teaching note", "violation", "pause", "partition", "fault", "timeout", "restart", "gateway", "data store", "service discovery", "breaker"]);
const SCENARIO_TERMS = new Set(GLOSSARY.map(([term]) => term).filter((term) => !PAGE_ONLY.has(term)));

describe("the library's texts in two languages", () => {
  const files = yamlFiles(LIBRARY);
  const all = files.map((f) => ({ file: relative(LIBRARY, f), ...textsOf(relative(LIBRARY, f), parse(readFileSync(f, "utf8")) as Record<string, unknown>) }));

  it("the library has its scenarios (the walk found the files)", () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  it("every library scenario's description and every narration note give en and zh", () => {
    expect(all.flatMap((a) => a.missing)).toEqual([]);
  });

  it("scenario texts translate the glossary's terms as the glossary says", () => {
    expect(all.flatMap((a) => a.texts.flatMap(glossaryMisses))).toEqual([]);
  });

  it("the check can fail: English only, a missing note, a Chinese text in English, a dropped term", () => {
    expect(textsOf("x.yaml", { description: "Only English.", narration: [{ at: "1s", text: { en: "A crash.", zh: "一次崩溃。" } }, { at: "2s", text: "Plain." }] }).missing)
      .toEqual(["x.yaml: description has no Chinese (zh)", "x.yaml: narration[1].text has no Chinese (zh)"]);
    expect(textsOf("x.yaml", { description: { en: "Hi", zh: "Hi" } }).missing).toEqual(["x.yaml: description's zh is not Chinese: Hi"]);
    expect(glossaryMisses({ where: "x", en: "The breaker opens after a crash.", zh: "它宕机后断路器打开。" })).toEqual(['x: "crash" should read 崩溃']);
    expect(glossaryMisses({ where: "x", en: "See crash-loop and retry.", zh: "见 crash-loop 和重试。" })).toEqual([]);
  });
});
