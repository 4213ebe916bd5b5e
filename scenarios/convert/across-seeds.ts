import type { AcrossSeedsExpectation, CheckSpec, SeedCondition } from "../../engine/scenario";
import { didYouMean } from "../suggest";
import type { ConvertContext } from "./context";
import type { ExpectationParse } from "./expectation";
import { parseExpectation } from "./expectation";
import type { PathSegment, SourceNode } from "../source/source-node";

/** What parsing an `acrossSeeds` item gives: the item, or what is wrong at which character. */
export type AcrossSeedsParse =
  | { ok: true; value: AcrossSeedsExpectation }
  | { ok: false; message: string; offset: number; suggestion?: string };

/** `on >= 90% of seeds`, `on at least 90% of seeds`, at the end of a share item. */
const SHARE = /\s+on\s+(at least|at most|>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)\s*%\s+of\s+(?:the\s+)?seeds\s*$/i;

/** A share item that names the share but not in the form above, to explain rather than misparse. */
const LOOSE_SHARE = /\s+on\s+.*\bseeds?\s*$/i;

/** `CHECK held` or `CHECK violated`. */
const CHECK_CONDITION = /^\s*([A-Za-z0-9][\w.:-]*)\s+(held|violated)\s*$/;

const WORD_OPS: Record<string, "<" | "<=" | ">" | ">="> = { "at least": ">=", "at most": "<=", ">=": ">=", "<=": "<=", ">": ">", "<": "<" };

/**
 * Parses one `acrossSeeds` item:
 *
 *     item      := expectation                               the mean over seeds
 *                | condition "on" share-op percent "of seeds"  the share of seeds
 *     condition := expectation | check ("held" | "violated")
 *     share-op  := >= | > | <= | < | at least | at most
 *
 * The expectation is the per-run grammar of `expect` (`parseExpectation`). A mean is never
 * exactly a number, so `==` and `!=` are refused for means.
 */
export function parseAcrossSeeds(text: string): AcrossSeedsParse {
  const share = SHARE.exec(text);
  if (share) {
    const head = text.slice(0, share.index);
    const percent = Number(share[2]);
    const at = share.index + share[0].indexOf(share[2]);
    if (!(percent >= 0 && percent <= 100)) return { ok: false, message: `a share of seeds lies between 0% and 100%, not ${share[2]}%`, offset: at };
    const condition = parseCondition(head);
    if (!condition.ok) return condition;
    return { ok: true, value: { kind: "share", condition: condition.value, op: WORD_OPS[share[1].toLowerCase()], share: percent / 100, text: text.trim() } };
  }
  const loose = LOOSE_SHARE.exec(text);
  if (loose) {
    return {
      ok: false, message: `a share of seeds reads "on >= 90% of seeds" (or "on at least 90% of seeds")`, offset: loose.index + loose[0].search(/\S/),
      ...(/all\s+seeds/i.test(loose[0]) ? { suggestion: "what must hold on every seed belongs in `expect`" } : {}),
    };
  }
  const e = parseExpectation(text);
  if (!e.ok) return e;
  if (e.value.op === "==" || e.value.op === "!=") {
    return { ok: false, message: `the mean over seeds is never exactly a number, so ${e.value.op} makes no sense here`, offset: Math.max(0, text.indexOf(e.value.op)), suggestion: "an exact rule for every run belongs in `expect`; over seeds, write `within 1% of ...` or a share: `... on >= 95% of seeds`" };
  }
  return { ok: true, value: { kind: "mean", expectation: e.value, text: text.trim() } };
}

function parseCondition(head: string): { ok: true; value: SeedCondition } | Extract<ExpectationParse, { ok: false }> {
  const check = CHECK_CONDITION.exec(head);
  if (check) return { ok: true, value: { check: check[1], status: check[2] as "held" | "violated" } };
  const e = parseExpectation(head);
  if (!e.ok) return e;
  return { ok: true, value: { expectation: e.value } };
}

/**
 * Converts `acrossSeeds`. A check named in a condition must be one of the scenario's `checks`
 * (only those run), and is pointed at with the closest name when it is not.
 */
export function convertAcrossSeeds(list: SourceNode, path: PathSegment[], ctx: ConvertContext, checks: readonly CheckSpec[]): AcrossSeedsExpectation[] {
  if (list.type !== "seq") return [];
  const out: AcrossSeedsExpectation[] = [];
  const checkNames = checks.map((c) => c.name);
  list.items.forEach((item, i) => {
    const text = ctx.string(item);
    if (text === undefined) return;
    const r = parseAcrossSeeds(text);
    if (!r.ok) {
      ctx.report("CS211", { pos: pointInto(item, text, r.offset) }, [...path, i], `${r.message} in "${text}"`, r.suggestion);
      return;
    }
    if (r.value.kind === "share" && "check" in r.value.condition && !checkNames.includes(r.value.condition.check)) {
      const name = r.value.condition.check;
      ctx.report("CS211", { pos: pointInto(item, text, text.indexOf(name)) }, [...path, i],
        `"${name}" is not one of this scenario's checks (${checkNames.join(", ") || "none"}); a check must be listed in \`checks\` to run`, didYouMean(name, checkNames));
      return;
    }
    out.push(r.value);
  });
  return out;
}

/** The position of a character of a string value, when the string sits on one line as written. */
export function pointInto(item: SourceNode, text: string, offset: number): SourceNode["pos"] {
  const pos = { ...item.pos };
  if (pos.endLine === undefined || pos.endLine === pos.line) {
    const quoted = pos.endColumn !== undefined && pos.endColumn - pos.column > text.length ? 1 : 0;
    pos.column += offset + quoted;
    delete pos.endLine;
    delete pos.endColumn;
  }
  return pos;
}
