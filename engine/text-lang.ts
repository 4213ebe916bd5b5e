/**
 * The languages a scenario's teaching texts (description, narration) may be written in, and the
 * one rule for picking one. English is the text itself (`description`, a note's `text`), so every
 * reader that knows nothing of languages keeps working; the other languages ride beside it as
 * translations. A reader asking for a language the text lacks gets English: a scenario written
 * before translations existed, or a translation not done yet, still says something.
 */
export const TEXT_LANGS = ["en", "zh"] as const;

/** A language code of the scenario format: `en` (English), `zh` (Simplified Chinese, zh-CN). */
export type TextLang = (typeof TEXT_LANGS)[number];

/** What each code names, for the schema's hover text and for error messages. */
export const TEXT_LANG_NAMES: Readonly<Record<TextLang, string>> = { en: "English", zh: "Simplified Chinese (zh-CN)" };

/** The texts beside the English one, by language: `{ zh: "..." }`. */
export type Translations = Readonly<Partial<Record<Exclude<TextLang, "en">, string>>>;

/** Whether `v` is one of the format's language codes. */
export function isTextLang(v: unknown): v is TextLang {
  return typeof v === "string" && (TEXT_LANGS as readonly string[]).includes(v);
}

/** The text in `lang`, falling back to English (the text itself) when it has no translation into `lang`. */
export function localText(english: string, translations: Translations | undefined, lang: TextLang): string {
  if (lang === "en") return english;
  return translations?.[lang] ?? english;
}

/** Characters written without spaces between them: CJK ideographs, kana, full-width forms and punctuation. */
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** CJK punctuation that a line may end with and the next line start right after, with no space. */
const CJK_PUNCT = /[\u3000-\u303f\uff00-\uffef]/;

/**
 * A YAML block text's paragraph as a reader sees it: the author's line breaks inside it are a
 * space in English, and nothing between Chinese characters (or after Chinese punctuation),
 * which have no spaces between them. Paragraphs (a blank line between) are the caller's to split.
 */
export function unwrapLines(text: string): string {
  return text.trim().replace(/[ \t]*\n\s*/g, (brk: string, offset: number, all: string) => {
    const before = all[offset - 1] ?? "";
    const after = all[offset + brk.length] ?? "";
    return CJK_PUNCT.test(before) || (CJK.test(before) && CJK.test(after)) ? "" : " ";
  });
}
