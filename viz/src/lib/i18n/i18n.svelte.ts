import { en, zh, type MessageKey } from "./messages";

/** The page's languages. */
export type Lang = "en" | "zh";

export const LANGS: readonly Lang[] = ["en", "zh"];

const CATALOGS: Record<Lang, Record<MessageKey, string>> = { en, zh };

const STORAGE_KEY = "clustersim-lang";

/**
 * The language the page opens in: a `lang` in the address (share links carry it), else the
 * reader's last choice, else the browser's first preference that is Chinese or English.
 */
export function initialLang(search: string, stored: string | null, preferred: readonly string[]): Lang {
  const asked = new URLSearchParams(search).get("lang");
  for (const v of [asked, stored]) if (v === "en" || v === "zh") return v;
  for (const p of preferred) {
    const base = p.toLowerCase().split("-")[0];
    if (base === "zh") return "zh";
    if (base === "en") return "en";
  }
  return "en";
}

/** The current language, as reactive state: every `t()` in a template follows it. */
export const i18n = $state<{ lang: Lang }>({
  lang: typeof location === "undefined" ? "en" : initialLang(location.search, globalThis.localStorage?.getItem(STORAGE_KEY) ?? null, navigator.languages ?? [navigator.language]),
});

/** Switches the language, remembers the choice and tells the document (for fonts and screen readers). */
export function setLang(lang: Lang): void {
  i18n.lang = lang;
  globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  if (typeof document !== "undefined") document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
}

/** The message `key` in the current language, with `{name}` replaced by `params.name`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return format(CATALOGS[i18n.lang][key], params);
}

/** Fills `{name}` slots; a slot with no value is left as written, so a missing value shows. */
export function format(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in params ? String(params[name]) : slot));
}

/** A number written the way the current language writes it (thousands separators). */
export function num(n: number): string {
  return n.toLocaleString(i18n.lang === "zh" ? "zh-CN" : "en");
}

/** One piece of a message: its own words (slot null), or the value that filled the slot named. */
export interface MessagePart {
  text: string;
  slot: string | null;
}

/** The message `key` cut at its slots, so a template can style the values it holds. */
export function parts(key: MessageKey, params: Record<string, string | number>): MessagePart[] {
  const out: MessagePart[] = [];
  const text = CATALOGS[i18n.lang][key];
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), slot: null });
    out.push(m[1] in params ? { text: String(params[m[1]]), slot: m[1] } : { text: m[0], slot: null });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), slot: null });
  return out;
}
