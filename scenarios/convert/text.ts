import type { Translations } from "../../engine/text-lang";
import { TEXT_LANGS } from "../../engine/text-lang";
import type { SourceNode } from "../source/source-node";
import { valueOf } from "../source/source-node";

/** A text as the engine holds it: the English text, and its translations when there are any. */
export interface ConvertedText {
  text: string;
  translations?: Translations;
}

/**
 * Reads a text value (`description`, a narration note's `text`): a plain string is English; a
 * mapping `{ en: ..., zh: ... }` gives English and its translations. The schema check has
 * already refused unknown language codes and a mapping without `en` (CS112).
 */
export function convertText(node: SourceNode | undefined): ConvertedText | undefined {
  if (node?.type === "scalar") return typeof node.value === "string" ? { text: node.value } : undefined;
  if (node?.type !== "map") return undefined;
  const en = valueOf(node, "en");
  if (en?.type !== "scalar" || typeof en.value !== "string") return undefined;
  const translations: Record<string, string> = {};
  for (const lang of TEXT_LANGS) {
    const v = valueOf(node, lang);
    if (lang !== "en" && v?.type === "scalar" && typeof v.value === "string") translations[lang] = v.value;
  }
  return Object.keys(translations).length > 0 ? { text: en.value, translations } : { text: en.value };
}
