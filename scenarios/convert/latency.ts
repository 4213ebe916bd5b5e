import type { LatencySpec } from "../../engine/net/latency-spec";
import type { Micros } from "../../engine/core/time";
import { closest } from "../suggest";
import { parseDuration } from "../units";
import type { UnitResult } from "../units";
import type { ConvertContext } from "./context";
import type { PathSegment, SourceNode } from "../source/source-node";
import { toPlain } from "../source/source-node";

/** The distributions and, in order, the arguments of their shorthand form. */
const DISTS = {
  constant: ["value"],
  uniform: ["min", "max"],
  normal: ["mean", "sd"],
  lognormal: ["median", "sigma"],
  exponential: ["mean"],
  pareto: ["scale", "shape"],
  table: ["points"],
} as const;

/** Arguments that are plain numbers; every other argument is a duration. */
const PLAIN = new Set(["sigma", "shape"]);

/** Distribution names, for the schema and for suggestions. */
export const DIST_NAMES = Object.keys(DISTS) as Array<keyof typeof DISTS>;

/** A latency string: a duration (`5ms`), or a shorthand call (`uniform(1ms, 5ms)`). */
export const LATENCY_PATTERN = "^\\s*((\\d+(\\.\\d+)?(us|µs|ms|s|m|h))+|(constant|uniform|normal|lognormal|exponential|pareto)\\s*\\(.*\\))\\s*$";

/** Reads a latency written as text: `5ms` (constant) or `lognormal(2ms, 0.5)`. */
export function parseLatencyText(text: string): UnitResult<LatencySpec> {
  if (/^\s*[A-Za-z]+\s*\([^)]*$/.test(text)) {
    // In a YAML flow mapping `{ latency: uniform(1ms, 5ms) }` the comma ends the value.
    return {
      ok: false,
      message: `"${text}" is cut short: inside { } or [ ] a comma ends a value`,
      suggestion: "quote the distribution, as in latency: \"uniform(1ms, 5ms)\", or write it on its own line",
    };
  }
  const call = /^\s*([A-Za-z]+)\s*\((.*)\)\s*$/.exec(text);
  if (!call) {
    const d = parseDuration(text);
    if (d.ok) return { ok: true, value: { dist: "constant", value: d.value } };
    return { ok: false, message: `latency: ${d.message}; or use a distribution such as "uniform(1ms, 5ms)"`, suggestion: d.suggestion };
  }
  const name = call[1];
  if (!(name in DISTS) || name === "table") {
    const fix = closest(name, DIST_NAMES.filter((n) => n !== "table"));
    return {
      ok: false,
      message: `unknown distribution "${name}" (constant, uniform, normal, lognormal, exponential, pareto; a table is written as a mapping)`,
      ...(fix ? { suggestion: `did you mean "${fix}(...)"?` } : {}),
    };
  }
  const params = DISTS[name as keyof typeof DISTS] as readonly string[];
  const args = call[2].trim() === "" ? [] : call[2].split(",").map((a) => a.trim());
  if (args.length !== params.length) {
    return { ok: false, message: `${name} takes ${params.length} argument${params.length === 1 ? "" : "s"} (${params.join(", ")}), got ${args.length}` };
  }
  const fields: Record<string, unknown> = { dist: name };
  params.forEach((p, i) => {
    fields[p] = PLAIN.has(p) ? (/^-?\d*\.?\d+(e[+-]?\d+)?$/i.test(args[i]) ? Number(args[i]) : args[i]) : args[i];
  });
  return fromFields(fields);
}

/** Reads a latency given as a mapping (`{dist: lognormal, median: 2ms, sigma: 0.5}`). */
export function fromFields(fields: Record<string, unknown>): UnitResult<LatencySpec> {
  const dist = fields.dist;
  if (typeof dist !== "string" || !(dist in DISTS)) {
    const fix = typeof dist === "string" ? closest(dist, DIST_NAMES) : undefined;
    return { ok: false, message: `"dist" must be one of ${DIST_NAMES.join(", ")}`, ...(fix ? { suggestion: `did you mean "${fix}"?` } : {}) };
  }
  const params = DISTS[dist as keyof typeof DISTS] as readonly string[];
  for (const k of Object.keys(fields)) {
    if (k !== "dist" && !params.includes(k)) return { ok: false, message: `a ${dist} latency takes ${params.join(" and ")}, not "${k}"` };
  }
  const out: Record<string, unknown> = { dist };
  for (const p of params) {
    const v = fields[p];
    if (v === undefined) return { ok: false, message: `a ${dist} latency needs "${p}"` };
    if (p === "points") {
      const points = tablePoints(v);
      if (!points.ok) return points;
      out.points = points.value;
    } else if (PLAIN.has(p)) {
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (p === "shape" && v === 0)) {
        return { ok: false, message: `"${p}" of a ${dist} latency is a ${p === "shape" ? "positive" : "non-negative"} number, got ${JSON.stringify(v)}` };
      }
      out[p] = v;
    } else {
      const d = parseDuration(v);
      if (!d.ok) return { ok: false, message: `"${p}" of a ${dist} latency: ${d.message}`, suggestion: d.suggestion };
      out[p] = d.value;
    }
  }
  if (dist === "uniform" && (out.min as Micros) > (out.max as Micros)) {
    return { ok: false, message: `uniform latency: min (${fields.min}) is above max (${fields.max})` };
  }
  return { ok: true, value: out as unknown as LatencySpec };
}

/** A percentile table: `[[50, 2ms], [99, 20ms]]`, percentiles rising from 0 to 100. */
function tablePoints(v: unknown): UnitResult<Array<[number, Micros]>> {
  if (!Array.isArray(v) || v.length === 0) return { ok: false, message: `"points" is a list of [percentile, duration] pairs, such as [[50, 2ms], [99, 20ms]]` };
  const out: Array<[number, Micros]> = [];
  for (const pair of v) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "number") {
      return { ok: false, message: `each point is a [percentile, duration] pair, got ${JSON.stringify(pair)}` };
    }
    const [pct, value] = pair as [number, unknown];
    if (pct < 0 || pct > 100) return { ok: false, message: `a percentile is from 0 to 100, got ${pct}` };
    const d = parseDuration(value);
    if (!d.ok) return { ok: false, message: `point [${pct}, ...]: ${d.message}`, suggestion: d.suggestion };
    if (out.length > 0 && (pct <= out[out.length - 1][0] || d.value < out[out.length - 1][1])) {
      return { ok: false, message: `table points must rise: percentiles in increasing order, and durations never smaller than the one before` };
    }
    out.push([pct, d.value]);
  }
  return { ok: true, value: out };
}

/** Converts a latency value (text or mapping) at `node`, reporting CS109 when it is wrong. */
export function convertLatency(node: SourceNode | undefined, path: readonly PathSegment[], ctx: ConvertContext): LatencySpec | undefined {
  if (!node) return undefined;
  let r: UnitResult<LatencySpec>;
  if (node.type === "scalar" && typeof node.value === "string") r = parseLatencyText(node.value);
  else if (node.type === "map") r = fromFields(toPlain(node) as Record<string, unknown>);
  else {
    const d = parseDuration(node.type === "scalar" ? node.value : toPlain(node));
    r = d.ok ? { ok: true, value: { dist: "constant", value: d.value } } : { ok: false, message: `latency: ${d.message}`, suggestion: d.suggestion };
  }
  if (r.ok) return r.value;
  ctx.report("CS109", node, path, r.message, r.suggestion);
  return undefined;
}
