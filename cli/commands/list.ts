import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { stableStringify } from "../../reports/json";
import type { CommandContext } from "../shared/command-spec";
import { ExitCode } from "../shared/exit-codes";
import { expandPaths } from "../shared/expand-paths";
import { loadFile } from "../shared/load-file";
import { libraryDir } from "../shared/library-dir";
import { parseLang } from "../shared/flag-values";
import { localText, unwrapLines, type TextLang } from "../../engine/text-lang";

/** One line of the library listing. */
export interface LibraryEntry {
  file: string;
  name: string;
  topic: string;
  /** The description's first sentence. */
  summary: string;
  /** Set when the file does not load: its first error. */
  error?: string;
}

/**
 * `clustersim list [DIR]`: the scenario library (or DIR), one line per scenario: name, topic,
 * and the first sentence of what it teaches. A file that does not load is listed with its
 * error rather than hidden, so a broken library entry is noticed. `--lang zh` gives each
 * description's first sentence in Chinese (English where a file has no Chinese).
 */
export default async function list({ args, flags, io }: CommandContext): Promise<number> {
  const lang = parseLang(flags.lang);
  const dir = args[0] ?? relativeOrAbsolute(io.cwd, libraryDir());
  const entries = await libraryEntries(dir, io.cwd, lang);
  if (flags.json) {
    io.stdout(stableStringify(entries) + "\n");
    return ExitCode.ok;
  }
  if (entries.length === 0) {
    io.stdout(`no scenarios in ${dir}\n`);
    return ExitCode.ok;
  }
  io.stdout(formatEntries(entries));
  return entries.some((e) => e.error) ? ExitCode.badInput : ExitCode.ok;
}

/** Loads every scenario under `dir` for its name, topic and description. */
export async function libraryEntries(dir: string, cwd: string, lang: TextLang = "en"): Promise<LibraryEntry[]> {
  if (!existsSync(resolve(cwd, dir))) return [];
  const out: LibraryEntry[] = [];
  for (const file of expandPaths([dir], cwd)) {
    const r = await loadFile(file, { cwd });
    if (!r.ok) {
      const first = r.failed.errors[0];
      out.push({ file, name: "?", topic: "", summary: "", error: first ? `${first.code} ${first.file}:${first.line}:${first.column} ${first.message}` : r.failed.report });
      continue;
    }
    const s = r.loaded.scenario;
    const topic = s.tags?.topic;
    out.push({ file, name: s.name, topic: typeof topic === "string" ? topic : "", summary: firstSentence(localText(s.description ?? "", s.descriptionTranslations, lang)) });
  }
  return out;
}

/** Aligned columns: name, topic, summary; failures say so. */
export function formatEntries(entries: readonly LibraryEntry[]): string {
  const nameWidth = Math.max(4, ...entries.map((e) => e.name.length)) + 2;
  const topicWidth = Math.max(5, ...entries.map((e) => e.topic.length)) + 2;
  const lines = entries.map((e) => (e.error
    ? `${e.file}: invalid: ${e.error}`
    : `${e.name.padEnd(nameWidth)}${e.topic.padEnd(topicWidth)}${e.summary}`.trimEnd()));
  return `${"NAME".padEnd(nameWidth)}${"TOPIC".padEnd(topicWidth)}WHAT IT SHOWS\n${lines.join("\n")}\n`;
}

/** The first sentence of a description, on one line: up to `. ` in English, up to `。` in Chinese. */
export function firstSentence(text: string): string {
  const flat = unwrapLines(text).replace(/\s+/g, " ").trim();
  const m = /^(.*?(?:[.!?](?=\s|$)|[。！？]))/.exec(flat);
  return m ? m[1] : flat;
}

function relativeOrAbsolute(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") ? path : rel;
}
