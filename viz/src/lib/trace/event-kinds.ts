import type { TraceKind } from "../../../../engine/trace/trace-event";

/**
 * Every trace kind, in a fixed order, so that a kind can travel from the worker to the page as
 * one byte. The order is the engine recorder's; a kind the page does not know gets `UNKNOWN`.
 */
export const KINDS: readonly TraceKind[] = [
  "start", "send", "deliver", "drop", "timer", "crash", "restart", "pause", "resume",
  "partition", "heal", "clock", "link", "state", "log", "record", "metric", "check", "end",
];

/** The byte of a kind that is not in `KINDS` (a newer trace file, say). */
export const UNKNOWN = 255;

const CODES = new Map<string, number>(KINDS.map((k, i) => [k, i]));

/** The byte code of a kind name, or `UNKNOWN`. */
export function kindCode(kind: string): number {
  return CODES.get(kind) ?? UNKNOWN;
}

/** The kind name of a byte code. */
export function kindName(code: number): TraceKind | "unknown" {
  return KINDS[code] ?? "unknown";
}

/** Byte codes of the kinds the page treats specially, named once. */
export const K = {
  start: 0, send: 1, deliver: 2, drop: 3, timer: 4, crash: 5, restart: 6, pause: 7, resume: 8,
  partition: 9, heal: 10, clock: 11, link: 12, state: 13, log: 14, record: 15, metric: 16, check: 17, end: 18,
} as const;
