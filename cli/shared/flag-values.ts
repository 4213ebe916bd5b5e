import type { Seed } from "../../engine/scenario";
import type { Shard } from "../../scenarios/runner/work-list";
import { parseDuration } from "../../scenarios/units";
import { CliError } from "./exit-codes";
import { isTextLang, TEXT_LANGS, type TextLang } from "../../engine/text-lang";

/** Most seeds one `--seeds` may name, as in scenario files: beyond it is a typo, not a plan. */
export const MAX_SEEDS = 100_000;

/** Default wall-clock limit of one run. */
export const DEFAULT_TIMEOUT = "60s";

/** `--seed 7` is the number 7; anything else (`--seed nightly`) is a string seed, which the engine accepts too. */
export function parseSeed(text: string): Seed {
  const t = text.trim();
  if (t === "") throw new CliError("CS803", "--seed needs a value", "for example --seed 7");
  return /^\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : t;
}

/** `--seeds`: a range `1..500`, a list `1,5,9`, or one seed `7`. Ranges and lists may mix: `1..3,10`. */
export function parseSeeds(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(",").map((p) => p.trim())) {
    const range = /^(\d+)\s*\.\.\s*(\d+)$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      if (b < a) throw new CliError("CS803", `--seeds ${text}: the range ${part} is empty`, `write low..high, e.g. ${b}..${a}`);
      if (out.length + (b - a + 1) > MAX_SEEDS) throw new CliError("CS803", `--seeds ${text}: more than ${MAX_SEEDS} seeds`, "split the work with --shard instead");
      for (let s = a; s <= b; s++) out.push(s);
    } else if (/^\d+$/.test(part)) {
      out.push(Number(part));
    } else {
      throw new CliError("CS803", `--seeds ${text}: "${part}" is not a seed or a range`, "write a range 1..500, a list 1,5,9 or one seed 7");
    }
  }
  return out;
}

/** `--shard i/n`, 1-based: `--shard 2/4` is the second of four parts. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new CliError("CS803", `--shard ${text}: expected i/n`, "for example --shard 1/4 (the first of four parts; i counts from 1)");
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) {
    throw new CliError("CS803", `--shard ${text}: i must be from 1 to n`, `for example --shard 1/${Math.max(1, shard.count)}`);
  }
  return shard;
}

/** `--timeout 60s` in milliseconds; `0` turns the limit off. */
export function parseTimeout(text: string | undefined): number {
  if (text !== undefined && /^\s*0+\s*$/.test(text)) return 0;
  const d = parseDuration(text ?? DEFAULT_TIMEOUT);
  if (!d.ok) throw new CliError("CS803", `--timeout ${text}: ${d.message}`, "for example --timeout 60s, --timeout 5m, or --timeout 0 for no limit");
  return Math.ceil(d.value / 1000);
}

/**
 * `--lang en|zh`: the language of scenario texts (docs/scenario-format.md, "Texts in several
 * languages"). Absent is English. A regional code people type (`zh-CN`, `en-US`) names its base
 * in the suggestion; anything else is CS803 with the codes.
 */
export function parseLang(text: string | undefined): TextLang {
  if (text === undefined) return "en";
  const t = text.trim();
  if (isTextLang(t)) return t;
  const base = t.toLowerCase().split(/[-_]/)[0];
  throw new CliError("CS803", `--lang ${text}: not a language of scenario texts; the languages are ${TEXT_LANGS.join(", ")}`, isTextLang(base) ? `write --lang ${base}` : `for example --lang zh`);
}
