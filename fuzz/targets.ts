import { builtinCheckers, builtinProcesses } from "../engine/index";
import { isErrorCode } from "../engine/error-catalogue";
import { loadScenario } from "../scenarios/loader";
import type { ResolveFile } from "../scenarios/source/resolve-extends";
import { parseDuration, parsePpm, parseRate, parseRatio } from "../scenarios/units";
import { parseLatencyText } from "../scenarios/convert/latency";
import { parseExpectation } from "../scenarios/convert/expectation";
import { decodeShare } from "../scenarios/share/share-link";
import { parseTraceFile } from "../viz/src/lib/trace/parse-trace-file";
import { parseArgs } from "../cli/shared/parse-args";
import { parseSeed, parseSeeds, parseShard, parseTimeout } from "../cli/shared/flag-values";
import { CliError } from "../cli/shared/exit-codes";
import { COMMANDS } from "../cli/main";

/** The parts of clustersim that read input someone else may have written. */
export type TargetName = "loader" | "set" | "units" | "share" | "trace" | "argv";

/** One input for one target. */
export type FuzzInput =
  | { target: "loader"; text: string }
  | { target: "set"; base: string; sets: string[] }
  | { target: "units"; kind: UnitKind; text: string }
  | { target: "share"; fragment: string }
  | { target: "trace"; bytes: Uint8Array }
  | { target: "argv"; argv: string[] };

/** The little languages inside values, each with the code its rejection carries. */
export const UNIT_CODES = { duration: "CS103", signedDuration: "CS103", rate: "CS104", ratio: "CS105", ppm: "CS111", latency: "CS109", expectation: "CS205" } as const;
/** A little language. */
export type UnitKind = keyof typeof UNIT_CODES;

/** What a target made of an input: accepted, or rejected with these codes. */
export interface Outcome {
  accepted: boolean;
  codes: string[];
  /** A message that looks like a leaked JavaScript error rather than a rule the user broke. */
  leak?: string;
}

/** What targets may read besides the input: the files a scenario `extends`. */
export interface TargetContext {
  resolve?: ResolveFile;
}

/** Messages that only a bug produces: a stack overflow or a type error that escaped as text. */
const LEAK = /Maximum call stack|is not a function|Cannot read propert|Cannot set propert|undefined is not|is not iterable|Invalid array length|Invalid string length|out of memory/i;

const CATALOGS = { catalog: builtinProcesses, checkers: builtinCheckers };

function fromMessages(messages: Array<{ code: string; message: string }>, accepted: boolean): Outcome {
  const leak = messages.find((m) => LEAK.test(m.message));
  return { accepted, codes: messages.map((m) => m.code), ...(leak ? { leak: `${leak.code}: ${leak.message}` } : {}) };
}

/**
 * Feeds one input to its target. Returns how it was received; throws only when clustersim has a
 * bug (an exception the target let escape), which the campaign counts as an internal error.
 */
export async function runTarget(input: FuzzInput, context: TargetContext = {}): Promise<Outcome> {
  const resolve = context.resolve ?? (() => undefined);
  switch (input.target) {
    case "loader": {
      const r = loadScenario(input.text, { file: "fuzz.yaml", ...CATALOGS, resolve });
      return fromMessages(r.ok ? r.warnings : [...r.errors, ...r.warnings], r.ok);
    }
    case "set": {
      const r = loadScenario(input.base, { file: "base.yaml", sets: input.sets, ...CATALOGS, resolve });
      return fromMessages(r.ok ? r.warnings : [...r.errors, ...r.warnings], r.ok);
    }
    case "units":
      return unitOutcome(input.kind, input.text);
    case "share":
      try {
        await decodeShare(input.fragment);
        return { accepted: true, codes: [] };
      } catch (e) {
        return caught(e, "CS821");
      }
    case "trace":
      try {
        parseTraceFile(input.bytes, "fuzz.jsonl");
        return { accepted: true, codes: [] };
      } catch (e) {
        return caught(e, "CS831");
      }
    case "argv":
      try {
        const parsed = parseArgs(input.argv, COMMANDS);
        // The flag parsers the commands run next, on whatever values were given.
        if (parsed.kind === "command") {
          const f = parsed.flags;
          if (f.seed !== undefined) parseSeed(f.seed);
          if (f.seeds !== undefined) parseSeeds(f.seeds);
          if (f.shard !== undefined) parseShard(f.shard);
          parseTimeout(f.timeout);
        }
        return { accepted: true, codes: [] };
      } catch (e) {
        if (e instanceof CliError) return fromMessages([{ code: e.code, message: e.message }], false);
        throw e;
      }
  }
}

/** A rejection that must carry `code`; anything else thrown is a bug, rethrown. */
function caught(e: unknown, code: string): Outcome {
  if (e instanceof Error && (e as { code?: unknown }).code === code) return fromMessages([{ code, message: e.message }], false);
  throw e;
}

function unitOutcome(kind: UnitKind, text: string): Outcome {
  const code = UNIT_CODES[kind];
  let r: { ok: boolean; message?: string; value?: unknown };
  switch (kind) {
    case "duration": r = parseDuration(text); break;
    case "signedDuration": r = parseDuration(text, { signed: true }); break;
    case "rate": r = parseRate(text); break;
    case "ratio": r = parseRatio(text); break;
    case "ppm": r = parsePpm(text); break;
    case "latency": r = parseLatencyText(text); break;
    case "expectation": {
      const e = parseExpectation(text) as { ok: boolean; message?: string };
      r = e;
      break;
    }
  }
  if (r.ok) {
    // An accepted number must be one the engine can use: finite, and whole for a duration.
    const v = r.value;
    if (typeof v === "number" && (!Number.isFinite(v) || ((kind === "duration" || kind === "signedDuration") && !Number.isSafeInteger(v)))) {
      return { accepted: true, codes: [], leak: `${kind} "${text.slice(0, 80)}" was accepted as ${v}` };
    }
    return { accepted: true, codes: [] };
  }
  return fromMessages([{ code, message: r.message ?? "" }], false);
}

/** Why an outcome is a bug, or undefined when it is a clean accept or a clean rejection. */
export function defect(outcome: Outcome): string | undefined {
  if (outcome.leak) return `a JavaScript error leaked into a message: ${outcome.leak}`;
  const bad = outcome.codes.find((c) => !isErrorCode(c));
  if (bad) return `the code ${bad} is not in the catalogue`;
  if (outcome.codes.includes("CS900")) return "the loader failed internally (CS900)";
  if (!outcome.accepted && outcome.codes.length === 0) return "rejected without any error code";
  return undefined;
}
