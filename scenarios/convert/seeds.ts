import type { ConvertContext } from "./context";
import type { PathSegment, SourceNode } from "../source/source-node";

/** Most seeds one scenario may list: a range beyond it is a typo, not a plan. */
export const MAX_SEEDS = 100_000;

/** A seed range as text: `1..20`. */
export const SEED_RANGE_PATTERN = "^\\s*\\d+\\s*\\.\\.\\s*\\d+\\s*$";

/** Converts `seeds`: an integer, a list of integers, or an inclusive range `1..20`. */
export function convertSeeds(node: SourceNode, path: PathSegment[], ctx: ConvertContext): number[] | undefined {
  if (node.type === "scalar" && typeof node.value === "number") return [node.value];
  if (node.type === "seq") {
    const seeds = node.items.map((i) => ctx.number(i)).filter((n): n is number => n !== undefined);
    if (seeds.length > MAX_SEEDS) {
      ctx.report("CS110", node, path, `${seeds.length} seeds; at most ${MAX_SEEDS}`);
      return undefined;
    }
    return seeds;
  }
  const text = ctx.string(node);
  const m = text === undefined ? null : /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (!m) {
    ctx.report("CS110", node, path, `seeds are an integer, a list of integers or a range such as "1..20"`);
    return undefined;
  }
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b < a) {
    ctx.report("CS110", node, path, `the range "${text}" is empty or too large: write low..high with low <= high`);
    return undefined;
  }
  if (b - a + 1 > MAX_SEEDS) {
    ctx.report("CS110", node, path, `the range "${text}" holds ${b - a + 1} seeds; at most ${MAX_SEEDS}`);
    return undefined;
  }
  const out: number[] = [];
  for (let s = a; s <= b; s++) out.push(s);
  return out;
}
