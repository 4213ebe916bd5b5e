import type { CheckSpec, MetricExpectation } from "../../engine/scenario";
import type { CheckerCatalog } from "../../engine/run-options";
import { didYouMean } from "../suggest";
import type { ConvertContext } from "./context";
import { parseExpectation } from "./expectation";
import { pointInto } from "./across-seeds";
import type { PathSegment, SourceNode } from "../source/source-node";
import { valueOf } from "../source/source-node";

/**
 * Converts `checks`: each a checker name, or `{name, params, expect}` where `expect: violate`
 * marks a scenario that demonstrates a failure and passes only when the checker catches it, and
 * `expect: any` a check that no single run is judged on (an `acrossSeeds` share counts it).
 * Names are checked against the checker catalog when the caller gives one.
 */
export function convertChecks(list: SourceNode, path: PathSegment[], ctx: ConvertContext, checkers: CheckerCatalog | undefined): CheckSpec[] {
  if (list.type !== "seq") return [];
  const out: CheckSpec[] = [];
  list.items.forEach((item, i) => {
    const p = [...path, i];
    const nameNode = item.type === "map" ? valueOf(item, "name") : item;
    const name = ctx.string(nameNode);
    if (name === undefined || !nameNode) return;
    if (checkers && !Object.prototype.hasOwnProperty.call(checkers, name)) {
      const names = Object.keys(checkers);
      ctx.report("CS204", nameNode, item.type === "map" ? [...p, "name"] : p, `unknown check "${name}"; known checks: ${names.join(", ") || "(none)"}`, didYouMean(name, names));
      return;
    }
    const spec: CheckSpec = { name };
    const params = ctx.object(valueOf(item, "params"));
    if (params) spec.params = params;
    const expect = ctx.string(valueOf(item, "expect"));
    if (expect === "hold" || expect === "violate" || expect === "any") spec.expect = expect;
    out.push(spec);
  });
  return out;
}

/** Converts `expect`: metric expectation strings such as `p99(latency) < 250ms`. */
export function convertExpectations(list: SourceNode, path: PathSegment[], ctx: ConvertContext): MetricExpectation[] {
  if (list.type !== "seq") return [];
  const out: MetricExpectation[] = [];
  list.items.forEach((item, i) => {
    const text = ctx.string(item);
    if (text === undefined) return;
    const r = parseExpectation(text);
    if (r.ok) {
      out.push(r.value);
      return;
    }
    ctx.report("CS205", { pos: pointInto(item, text, r.offset) }, [...path, i], `${r.message} in "${text}"`, r.suggestion);
  });
  return out;
}
