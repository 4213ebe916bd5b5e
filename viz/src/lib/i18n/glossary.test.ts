import { describe, expect, it } from "vitest";
import { en, zh, type MessageKey } from "./messages";
import { GLOSSARY } from "./glossary";
import { format, initialLang } from "./i18n.svelte";

const keys = Object.keys(en) as MessageKey[];

describe("the page's two languages", () => {
  it("every message exists in both languages, non-empty, with the same {slots}", () => {
    expect(Object.keys(zh).sort()).toEqual([...keys].sort());
    for (const k of keys) {
      expect(en[k].trim(), k).not.toBe("");
      expect(zh[k].trim(), k).not.toBe("");
      const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(slots(zh[k]), k).toEqual(slots(en[k]));
    }
  });

  it("a Chinese message is written in Chinese, where its English one is words", () => {
    for (const k of keys) {
      if (!/[A-Za-z]{3,}/.test(en[k].replace(/\{\w+\}|\([^)]*\)|Ctrl\+Enter|Page Up|Page Down|Shift N|Esc|Home|End|Space|YAML|JSON|\.yaml|\.jsonl|500ms, 2s/g, ""))) continue;
      expect(/[\u4e00-\u9fff]/.test(zh[k]), `${k}: ${zh[k]}`).toBe(true);
    }
  });

  it("terms are translated as the glossary says, every time", () => {
    const misses: string[] = [];
    for (const k of keys) {
      const english = en[k].replace(/\{\w+\}/g, " ").toLowerCase();
      for (const [term, chinese] of GLOSSARY) {
        if (new RegExp(`\\b${term}`).test(english) && !zh[k].includes(chinese)) misses.push(`${k}: "${term}" should read ${chinese} in "${zh[k]}"`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("the glossary check can fail: a message that drops a term is caught", () => {
    const english = "crash the node".toLowerCase();
    const chinese = "让它停下";
    const caught = GLOSSARY.filter(([term, c]) => new RegExp(`\\b${term}`).test(english) && !chinese.includes(c));
    expect(caught.map(([term]) => term)).toEqual(["crash", "node"]);
  });

  it("opens in the address's language, else the saved one, else the browser's", () => {
    expect(initialLang("?lang=zh", "en", ["en-US"])).toBe("zh");
    expect(initialLang("?lib=x", "zh", ["en-US"])).toBe("zh");
    expect(initialLang("", null, ["fr-FR", "zh-TW", "en"])).toBe("zh");
    expect(initialLang("", null, ["de"])).toBe("en");
    expect(initialLang("?lang=xx", null, ["en-GB"])).toBe("en");
  });

  it("fills slots and leaves unknown ones visible", () => {
    expect(format("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});
