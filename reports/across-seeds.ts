import type { AcrossSeedsVerdict } from "../engine/check/across-seeds";
import type { ExpectationResult } from "../engine/result";
import { formatCount, formatMetricValue, formatNumber, plural } from "./format";

/** Words for each status, as a report shows them. */
const STATUS_TEXT: Record<AcrossSeedsVerdict["status"], string> = {
  confirmed: "confirmed",
  consistent: "consistent, not confirmed (more seeds would decide)",
  refuted: "refuted",
  "no-data": "no data",
};

/** A verdict's status in words. */
export function acrossSeedsStatusText(v: AcrossSeedsVerdict): string {
  return STATUS_TEXT[v.status];
}

const percent = (x: number): string => `${formatNumber(x * 100, 1)}%`;

/**
 * A value of a mean verdict in its expectation's unit (a time, a percentage, a rate), signed
 * when it is a difference of two sides.
 */
function valueText(v: AcrossSeedsVerdict, x: number, signed = false): string {
  if (!v.expectation) return formatNumber(x, 3);
  const as: ExpectationResult = { ...v.expectation, text: v.expectation.text ?? v.text, measured: x, passed: true };
  const body = formatMetricValue(as, Math.abs(x));
  return x < 0 ? `−${body}` : signed ? `+${body}` : body;
}

/** The interval, or why there is none. */
function intervalText(v: AcrossSeedsVerdict, show: (x: number) => string): string {
  const level = `${formatNumber(v.confidence * 100, 1)}% CI`;
  if (v.low === null || v.high === null) return `no ${level}: one seed says nothing of the spread`;
  return `${level} ${show(v.low)} to ${show(v.high)}`;
}

/**
 * What the seeds measured, in one line: `48 of 50 seeds (96%, 95% CI 86.5% to 98.9%)` for a
 * share; `mean 112.3ms over 200 seeds (95% CI 111ms to 113.6ms)` for a mean; the two sides'
 * means and their difference for a comparison.
 */
export function acrossSeedsMeasured(v: AcrossSeedsVerdict): string {
  if (v.kind === "share") {
    if (v.estimate === null || v.successes === undefined) return "no runs";
    return `${formatCount(v.successes)} of ${plural(v.seeds, "seed")} (${percent(v.estimate)}, ${intervalText(v, percent)})`;
  }
  if (v.missing && v.missing.length > 0) return `no value on ${plural(v.missing.length, "seed")} (first: seed ${String(v.missing[0])})`;
  if (v.estimate === null) return "no runs";
  if (v.sides) {
    const diff = (x: number) => valueText(v, x, true);
    return `means ${valueText(v, v.sides.left)} vs ${valueText(v, v.sides.right)} over ${plural(v.seeds, "seed")}; ` +
      `difference ${diff(v.estimate)} (${intervalText(v, diff)})`;
  }
  return `mean ${valueText(v, v.estimate)} over ${plural(v.seeds, "seed")} (${intervalText(v, (x) => valueText(v, x))})`;
}

/** One verdict as a line of text: the claim, what the seeds measured, the verdict. */
export function acrossSeedsLine(v: AcrossSeedsVerdict): string {
  return `${v.text}: ${acrossSeedsMeasured(v)}, ${acrossSeedsStatusText(v)}`;
}
