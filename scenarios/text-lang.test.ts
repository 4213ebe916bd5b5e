import { describe, expect, test } from "vitest";
import { run } from "../engine/index";
import { localText, unwrapLines } from "../engine/text-lang";
import { loadScenario } from "./loader";

const BASE = "name: t\nduration: 2s\nnodes: [n1]\n";

function load(text: string, files: Record<string, string> = {}) {
  return loadScenario(text, { file: "t.yaml", resolve: (name) => files[name] });
}

describe("texts in several languages (docs/scenario-format.md, Texts in several languages)", () => {
  test("text languages: a plain string is English, with no translations", () => {
    const r = load(`${BASE}description: Plain.\nnarration:\n  - { at: 1s, text: A note. }\n`);
    expect(r.ok && r.scenario).toMatchObject({ description: "Plain.", narration: [{ at: 1_000_000, text: "A note." }] });
    expect(r.ok && r.scenario.descriptionTranslations).toBeUndefined();
    expect(r.ok && r.scenario.narration?.[0].translations).toBeUndefined();
  });

  test("text languages: a mapping gives English as the text and the others as translations", () => {
    const r = load(`${BASE}description:\n  en: Both.\n  zh: 两种。\nnarration:\n  - at: 1s\n    text: { en: A note., zh: 一条讲解。 }\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.description).toBe("Both.");
    expect(r.scenario.descriptionTranslations).toEqual({ zh: "两种。" });
    expect(r.scenario.narration?.[0]).toMatchObject({ text: "A note.", translations: { zh: "一条讲解。" } });
  });

  test("text languages: an English-only mapping is the same as the plain string", () => {
    const r = load(`${BASE}description: { en: Only English. }\n`);
    expect(r.ok && r.scenario.description).toBe("Only English.");
    expect(r.ok && r.scenario.descriptionTranslations).toBeUndefined();
  });

  test("text languages: the fall-back is English when the language asked for is missing", () => {
    expect(localText("Hello", { zh: "你好" }, "zh")).toBe("你好");
    expect(localText("Hello", { zh: "你好" }, "en")).toBe("Hello");
    expect(localText("Hello", undefined, "zh")).toBe("Hello");
    expect(localText("Hello", {}, "zh")).toBe("Hello");
  });

  test("text languages: a block text's line breaks read as a space in English and as nothing between Chinese characters", () => {
    expect(unwrapLines("one two\nthree\n")).toBe("one two three");
    expect(unwrapLines("协调者把 COMMIT 强制写入日志，却在\n发出之前崩溃了。它宕机\n3 s。\n")).toBe("协调者把 COMMIT 强制写入日志，却在发出之前崩溃了。它宕机 3 s。");
    expect(unwrapLines("发出了\nPRE-COMMIT，\nCOMMIT")).toBe("发出了 PRE-COMMIT，COMMIT");
  });

  test("text languages: CS112 for an unknown code, for a missing en, and not CS101", () => {
    const unknown = load(`${BASE}description: { en: Hi, fr: Salut }\n`);
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.errors.map((e) => [e.code, e.path])).toEqual([["CS112", "description.fr"]]);
    const noEnglish = load(`${BASE}narration:\n  - { at: 1s, text: { zh: 只有中文 } }\n`);
    expect(!noEnglish.ok && noEnglish.errors.map((e) => [e.code, e.path])).toEqual([["CS112", "narration[0].text"]]);
    const notText = load(`${BASE}description: { en: 3 }\n`);
    expect(!notText.ok && notText.errors.map((e) => e.code)).toEqual(["CS102"]);
  });

  test("text languages: a derived file's description replaces its base's whole, languages and all", () => {
    const base = `${BASE}description: { en: Base., zh: 基础。 }\n`;
    const r = load("extends: base.yaml\nname: d\ndescription: { en: Derived. }\n", { "base.yaml": base });
    expect(r.ok && r.scenario.description).toBe("Derived.");
    expect(r.ok && r.scenario.descriptionTranslations).toBeUndefined();
    const kept = load("extends: base.yaml\nname: d\n", { "base.yaml": base });
    expect(kept.ok && kept.scenario.descriptionTranslations).toEqual({ zh: "基础。" });
  });

  test("text languages: --set reaches one language of a text", () => {
    const r = loadScenario(`${BASE}description: { en: Hi, zh: 你好 }\n`, { sets: ["description.zh=您好"] });
    expect(r.ok && r.scenario.descriptionTranslations).toEqual({ zh: "您好" });
  });

  test("text languages: translations are not part of the trace hash, and the result's notes carry them", async () => {
    const body = "duration: 3s\nnodes: [c, p1]\nservices:\n  - { kind: 2pc-coordinator, on: c, name: coordinator }\n  - { kind: 2pc-participant, on: p1, name: participant }\nworkload: { on: c, name: client, kind: commit-client, arrival: constant, rate: 10/s, requests: 1, config: { coordinator: c/coordinator, participants: [p1/participant] } }\n";
    const plain = load(`name: t\ndescription: A run.\n${body}narration:\n  - { when: { record: decide, from: c/coordinator }, text: Decided. }\n`);
    const both = load(`name: t\ndescription: { en: A run., zh: 一次运行。 }\n${body}narration:\n  - { when: { record: decide, from: c/coordinator }, text: { en: Decided., zh: 已决定。 } }\n`);
    if (!plain.ok || !both.ok) throw new Error(JSON.stringify([plain, both]));
    const [a, b] = [await run(plain.scenario, { seed: 3 }), await run(both.scenario, { seed: 3 })];
    expect(a.traceHash).toBeTruthy();
    expect(b.traceHash).toBe(a.traceHash);
    expect(b.narration[0]).toMatchObject({ text: "Decided.", translations: { zh: "已决定。" } });
    expect(b.narration[0].at).toBe(a.narration[0].at);
    expect(a.narration[0].at).toBeGreaterThan(0);
  });
});
