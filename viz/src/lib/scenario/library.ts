import { parse } from "yaml";
import type { Scenario } from "../../../../engine/scenario";
import type { Translations } from "../../../../engine/text-lang";
import { TEXT_LANGS } from "../../../../engine/text-lang";
import { FIXTURES } from "./fixtures";

/** A scenario the page offers: from the YAML library, or one of the built-in typed fixtures. */
export interface LibraryEntry {
  /** Stable id: the path under `scenarios/library/`, or `fixture:<name>`. */
  id: string;
  name: string;
  /** The description in English (trimmed); `descriptionTranslations` holds the other languages. */
  description: string;
  descriptionTranslations?: Translations;
  topic: string;
  source: { kind: "yaml"; text: string; file: string } | { kind: "object"; scenario: Scenario };
}

/** Topics of the built-in fixtures, shown after the library's own. */
const FIXTURE_TOPIC = "built-in demos";

const PREFIX = "../../../../scenarios/library/";

/** The library's YAML files, as text, by path; bundled by Vite at build time. */
const files = import.meta.glob("../../../../scenarios/library/**/*.{yaml,yml}", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** Title case of a folder name, for a topic heading: `circuit-breaker` → `Circuit breaker`. */
function topicName(s: string): string {
  const t = s.replace(/[-_]+/g, " ").trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * Reads the parts of a library file the picker shows (name, description, topic) without running
 * the loader: a file with an error still appears, and the loader reports the error when it runs.
 */
export function entryFromText(path: string, text: string): LibraryEntry {
  let doc: Record<string, unknown> = {};
  try {
    const v = parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) doc = v as Record<string, unknown>;
  } catch {
    // Shown with its file name; running it reports the syntax error at its line.
  }
  const folder = path.includes("/") ? path.slice(0, path.indexOf("/")) : "";
  const tags = (doc.tags && typeof doc.tags === "object" ? doc.tags : {}) as Record<string, unknown>;
  const topic = typeof doc.topic === "string" ? doc.topic : typeof tags.topic === "string" ? tags.topic : folder || "other";
  const base = path.slice(path.lastIndexOf("/") + 1).replace(/\.ya?ml$/, "");
  return {
    id: path,
    name: typeof doc.name === "string" ? doc.name : base,
    ...rawText(doc.description),
    topic: topicName(topic),
    source: { kind: "yaml", text, file: `scenarios/library/${path}` },
  };
}

/**
 * A description as written (a string, or `{ en, zh }`: docs/scenario-format.md), read without
 * the loader; anything else reads as no description, and the loader reports it when it runs.
 */
function rawText(v: unknown): Pick<LibraryEntry, "description" | "descriptionTranslations"> {
  if (typeof v === "string") return { description: v.trim() };
  if (!v || typeof v !== "object" || typeof (v as { en?: unknown }).en !== "string") return { description: "" };
  const map = v as Record<string, unknown>;
  const translations: Record<string, string> = {};
  for (const lang of TEXT_LANGS) if (lang !== "en" && typeof map[lang] === "string") translations[lang] = (map[lang] as string).trim();
  return Object.keys(translations).length > 0 ? { description: (map.en as string).trim(), descriptionTranslations: translations } : { description: (map.en as string).trim() };
}

/** Every scenario on offer: the YAML library's, then the built-in fixtures. */
export function libraryEntries(): LibraryEntry[] {
  // A file that names `modules:` runs a team's own code (the third-party scenarios bring npm
  // packages), which the browser cannot import: the page offers only what it can run.
  const fromFiles = Object.entries(files)
    .filter(([, text]) => !/^modules:/m.test(text))
    .map(([p, text]) => entryFromText(p.slice(PREFIX.length), text))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.name.localeCompare(b.name));
  const fixtures = FIXTURES.map((s): LibraryEntry => ({
    id: `fixture:${s.name}`, name: s.name, description: s.description ?? "", ...(s.descriptionTranslations ? { descriptionTranslations: s.descriptionTranslations } : {}), topic: topicName(FIXTURE_TOPIC),
    source: { kind: "object", scenario: s },
  }));
  return [...fromFiles, ...fixtures];
}

/** Entries grouped by topic, topics in first-seen order. */
export function groupByTopic(entries: readonly LibraryEntry[]): Array<{ topic: string; entries: LibraryEntry[] }> {
  const groups = new Map<string, LibraryEntry[]>();
  for (const e of entries) {
    if (!groups.has(e.topic)) groups.set(e.topic, []);
    groups.get(e.topic)!.push(e);
  }
  return [...groups].map(([topic, list]) => ({ topic, entries: list }));
}
