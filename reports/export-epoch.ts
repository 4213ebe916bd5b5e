import type { Micros } from "../engine/core/time";
import { ReportError } from "./report-error";

/**
 * The wall-clock instant that virtual time 0 stands for in the ecs, gelf and openmetrics exports.
 * Log and metrics stores index by wall-clock time, and a run has none (the engine never reads a
 * clock), so every run is laid on one fixed, documented epoch: the same run gives the same bytes.
 * `--epoch` changes it, for example to line a run up with a real incident.
 */
export const DEFAULT_EXPORT_EPOCH = "2026-01-01T00:00:00Z";

/** An epoch as the exports use it: milliseconds since the Unix epoch, a whole number. */
export type EpochMs = number;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads an epoch: an ISO 8601 date-time with a zone (`2026-01-01T00:00:00Z`, `…+08:00`). A date
 * without a zone would mean the reader's local time, which differs between machines, so it is
 * refused (CS814), as is anything `Date` cannot read.
 */
export function parseEpoch(text: string | undefined): EpochMs {
  const s = (text ?? DEFAULT_EXPORT_EPOCH).trim();
  const ms = ISO.test(s) ? Date.parse(s) : NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new ReportError("CS814", `--epoch: "${s}" is not an ISO 8601 date-time with a zone at or after 1970, such as ${DEFAULT_EXPORT_EPOCH} or 2026-03-01T08:00:00+08:00`);
  }
  return ms;
}

/** Whole milliseconds and the microseconds left over, without floating-point rounding. */
function split(epoch: EpochMs, t: Micros): { ms: number; us: number } {
  const total = Math.round(t);
  return { ms: epoch + Math.floor(total / 1000), us: ((total % 1000) + 1000) % 1000 };
}

/** Virtual time `t` as an RFC 3339 UTC date-time with microseconds: `2026-01-01T00:00:01.250003Z`. */
export function isoAt(epoch: EpochMs, t: Micros): string {
  const { ms, us } = split(epoch, t);
  return `${new Date(ms).toISOString().slice(0, -1)}${String(us).padStart(3, "0")}Z`;
}

/** Virtual time `t` as seconds since the Unix epoch with six decimals, as text (GELF, OpenMetrics). */
export function secondsAt(epoch: EpochMs, t: Micros): string {
  const { ms, us } = split(epoch, t);
  const whole = Math.floor(ms / 1000);
  return `${whole}.${String(ms % 1000).padStart(3, "0")}${String(us).padStart(3, "0")}`;
}
