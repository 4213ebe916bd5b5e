import type { Json, JsonObject } from "../../engine/core/json";
import type { ProcessCatalog } from "../../engine/run-options";
import type { ConvertContext } from "./context";
import { convertProcessEntry } from "./processes";
import type { PlacedProcess } from "./processes";
import type { PathSegment, SourceNode } from "../source/source-node";
import { valueOf } from "../source/source-node";

/** The process kind a workload entry runs unless it names another. */
export const DEFAULT_CLIENT_KIND = "client";

/** Arrival patterns, and the workload key each one needs. */
export const ARRIVAL_KEYS = { constant: "rate", poisson: "rate", bursts: "burst", ramp: "ramp", closed: "concurrency" } as const;

/** An arrival pattern name. */
export type ArrivalPattern = keyof typeof ARRIVAL_KEYS;

/**
 * The arrival pattern as the client's config receives it, in engine units (rates per second,
 * times in microseconds). This is the contract between the scenario format and the `client`
 * component: the loader converts the human units, the client reads these fields.
 */
export type ArrivalConfig =
  | { pattern: "constant" | "poisson"; ratePerSecond: number }
  | { pattern: "bursts"; size: number; every: number }
  | { pattern: "ramp"; fromPerSecond: number; toPerSecond: number; over: number }
  | { pattern: "closed"; concurrency: number; think: number };

/**
 * Converts `workload` (one entry or a list) into client processes. The entry's own keys
 * (arrival, rate, ramp, burst, concurrency, think, deadline, requests, stop) become the
 * client's config fields `arrival`, `deadline`, `requests` and `stopAt`; everything under
 * `config` passes through to the client untouched, since the client defines it.
 */
export function convertWorkload(node: SourceNode, path: PathSegment[], ctx: ConvertContext, catalog: ProcessCatalog | undefined): PlacedProcess[] {
  const entries = node.type === "seq" ? node.items.map((n, i) => ({ n, p: [...path, i] })) : [{ n: node, p: path }];
  const out: PlacedProcess[] = [];
  for (const { n, p } of entries) {
    if (n.type !== "map") continue;
    const extra = clientKeys(n, p, ctx);
    if (!extra) continue;
    out.push(...convertProcessEntry(n, p, ctx, catalog, { kind: DEFAULT_CLIENT_KIND, extra }));
  }
  return out;
}

/** The config fields the workload entry's own keys produce, or undefined after an error. */
function clientKeys(entry: SourceNode, path: PathSegment[], ctx: ConvertContext): JsonObject | undefined {
  const arrival = arrivalOf(entry, path, ctx);
  if (!arrival) return undefined;
  const extra: JsonObject = { arrival: arrival as unknown as Json };
  const deadline = ctx.duration(valueOf(entry, "deadline"), [...path, "deadline"]);
  if (deadline !== undefined) extra.deadline = deadline;
  const requests = ctx.number(valueOf(entry, "requests"));
  if (requests !== undefined) extra.requests = requests;
  const stop = ctx.duration(valueOf(entry, "stop"), [...path, "stop"]);
  if (stop !== undefined) extra.stopAt = stop;
  return extra;
}

/** The arrival pattern: named by `arrival`, or inferred from the one pattern key present. */
function arrivalOf(entry: SourceNode, path: PathSegment[], ctx: ConvertContext): ArrivalConfig | undefined {
  const arrivalNode = valueOf(entry, "arrival");
  const present = (Object.keys(ARRIVAL_KEYS) as ArrivalPattern[]).filter((k) => k !== "constant" && valueOf(entry, ARRIVAL_KEYS[k]) !== undefined);
  let pattern = ctx.string(arrivalNode) as ArrivalPattern | undefined;
  const keysPresent = [...new Set(present.map((k) => ARRIVAL_KEYS[k]))];
  if (pattern === undefined) {
    if (keysPresent.length === 0) {
      ctx.report("CS209", entry, path, "a workload needs an arrival: `rate` (poisson, or constant with `arrival: constant`), `burst`, `ramp` or `concurrency` (closed loop)");
      return undefined;
    }
    if (keysPresent.length > 1) {
      ctx.report("CS209", entry, path, `a workload has one arrival pattern, but it sets ${keysPresent.map((k) => `\`${k}\``).join(" and ")}; keep one, or name it with \`arrival\``);
      return undefined;
    }
    pattern = present.find((k) => k !== "constant")!;
  }
  const need = ARRIVAL_KEYS[pattern];
  if (need === undefined) return undefined;
  const at = arrivalNode ?? entry;
  if (valueOf(entry, need) === undefined) {
    ctx.report("CS209", at, [...path, "arrival"], `the ${pattern} arrival pattern needs \`${need}\``);
    return undefined;
  }
  for (const k of keysPresent) {
    if (k !== need) ctx.report("CS209", valueOf(entry, k)!, [...path, k], `\`${k}\` does not apply to the ${pattern} arrival pattern (it uses \`${need}\`)`);
  }
  const think = valueOf(entry, "think");
  if (think && pattern !== "closed") ctx.report("CS209", think, [...path, "think"], "`think` applies only to the closed arrival pattern");
  switch (pattern) {
    case "constant":
    case "poisson": {
      const r = ctx.rate(valueOf(entry, "rate"), [...path, "rate"]);
      return r === undefined ? undefined : { pattern, ratePerSecond: r };
    }
    case "bursts": {
      const b = valueOf(entry, "burst");
      const size = ctx.number(valueOf(b, "size"));
      const every = ctx.duration(valueOf(b, "every"), [...path, "burst", "every"]);
      return size === undefined || every === undefined ? undefined : { pattern, size, every };
    }
    case "ramp": {
      const r = valueOf(entry, "ramp");
      const from = ctx.rate(valueOf(r, "from"), [...path, "ramp", "from"]);
      const to = ctx.rate(valueOf(r, "to"), [...path, "ramp", "to"]);
      const over = ctx.duration(valueOf(r, "over"), [...path, "ramp", "over"]);
      return from === undefined || to === undefined || over === undefined ? undefined : { pattern, fromPerSecond: from, toPerSecond: to, over };
    }
    case "closed": {
      const concurrency = ctx.number(valueOf(entry, "concurrency"));
      const t = think ? ctx.duration(think, [...path, "think"]) : 0;
      return concurrency === undefined || t === undefined ? undefined : { pattern, concurrency, think: t };
    }
  }
}
