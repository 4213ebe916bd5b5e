import { formatMicros } from "../engine/core/time";
import type { RunResult } from "../engine/result";
import { localText, unwrapLines, type TextLang } from "../engine/text-lang";

/** One teaching note as a report shows it: when it showed, and its text in the asked-for language. */
export interface ReportNote {
  at: string;
  text: string;
  /** The language the text is in: the asked-for one, or English when the note has no translation into it. */
  lang: TextLang;
}

/**
 * The run's narration notes that showed (a note tied to an event that never happened has no
 * moment and is left out), in time order, each in `lang` with the documented fall-back to
 * English (docs/scenario-format.md, "Texts in several languages").
 */
export function teachingNotes(r: RunResult, lang: TextLang = "en"): ReportNote[] {
  return r.narration
    .filter((n) => n.at !== undefined)
    .sort((a, b) => a.at! - b.at!)
    .map((n) => {
      const text = localText(n.text, n.translations, lang);
      return { at: formatMicros(n.at!), text: unwrapLines(text), lang: lang !== "en" && n.translations?.[lang] ? lang : "en" };
    });
}

/** The section's heading in the report's language of scenario texts. */
export function notesHeading(lang: TextLang = "en"): string {
  return lang === "zh" ? "讲解 (Teaching notes)" : "Teaching notes";
}

/** The HTML `lang` of a note. */
export function htmlLang(lang: TextLang): string {
  return lang === "zh" ? "zh-CN" : "en";
}
