import { parse } from "yaml";
import type { TextEdit } from "./lesson-types";

/**
 * The paths at which two parsed scenario documents differ, as dotted paths (`faults.1`,
 * `workload.config.proxy.timeoutUs`). A key or a list element that one side lacks is one
 * change at its own path (a whole added fault is one change, not one per field); values that
 * differ below a shared key are compared further down. Comments and layout are not changes.
 */
export function changedPaths(before: unknown, after: unknown, path = ""): string[] {
  if (Object.is(before, after)) return [];
  const join = (k: string | number) => (path ? `${path}.${k}` : String(k));
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= before.length || i >= after.length) out.push(join(i));
      else out.push(...changedPaths(before[i], after[i], join(i)));
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const out: string[] = [];
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const k of keys) {
      if (!(k in before) || !(k in after)) out.push(join(k));
      else out.push(...changedPaths(before[k], after[k], join(k)));
    }
    return out;
  }
  return [path];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Whether a dotted path is one a pattern allows: `*` is one segment, a trailing `**` any depth below. */
export function pathAllowed(pattern: string, path: string): boolean {
  const p = pattern.split(".");
  const s = path.split(".");
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "**") return true;
    if (i >= s.length) return false;
    if (p[i] !== "*" && p[i] !== s[i]) return false;
  }
  // A pattern names a key: a change anywhere inside it is inside what it allows.
  return true;
}

/** What an edit changed, and whether that stays within what an exercise allows. */
export interface EditReview {
  /** The YAML could not be read; the loader's own errors say where. */
  unreadable: boolean;
  changed: string[];
  /** Changed paths no pattern allows. */
  outside: string[];
  tooMany: boolean;
  ok: boolean;
}

/** Compares the student's text with the exercise's starting text. */
export function reviewEdit(startText: string, editedText: string, allow: readonly string[], maxChanges: number): EditReview {
  let before: unknown, after: unknown;
  try {
    before = parse(startText);
    after = parse(editedText);
  } catch {
    return { unreadable: true, changed: [], outside: [], tooMany: false, ok: false };
  }
  const changed = changedPaths(before, after);
  const outside = changed.filter((c) => !allow.some((a) => pathAllowed(a, c)));
  const tooMany = changed.length > maxChanges;
  return { unreadable: false, changed, outside, tooMany, ok: changed.length > 0 && outside.length === 0 && !tooMany };
}

/** Applies textual edits in order; throws when one does not find its text (a lesson's bug). */
export function applyEdits(text: string, edits: readonly TextEdit[] = []): string {
  let out = text;
  for (const e of edits) {
    const i = out.indexOf(e.find);
    if (i < 0) throw new Error(`lesson edit: "${e.find.slice(0, 40)}" is not in the scenario`);
    out = out.slice(0, i) + e.replace + out.slice(i + e.find.length);
  }
  return out;
}
