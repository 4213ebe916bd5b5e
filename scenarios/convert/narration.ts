import type { NarrationSpec } from "../../engine/scenario";
import type { Micros } from "../../engine/core/time";
import type { ConvertContext } from "./context";
import { convertMatch } from "./faults";
import { convertText } from "./text";
import type { ConvertedMatch } from "./faults";
import type { PathSegment, SourceNode } from "../source/source-node";
import { valueOf } from "../source/source-node";

/** A converted narration note with what the cross-reference checks need. */
export interface PlacedNarration {
  spec: NarrationSpec;
  path: PathSegment[];
  at?: { value: Micros; node: SourceNode };
  when?: ConvertedMatch;
}

/** Converts `narration`: `- at: 3s` or `- when: {...}`, with `text`, shown when the run reaches it. */
export function convertNarration(list: SourceNode, path: PathSegment[], ctx: ConvertContext): PlacedNarration[] {
  if (list.type !== "seq") return [];
  const out: PlacedNarration[] = [];
  list.items.forEach((item, i) => {
    const p = [...path, i];
    const atNode = valueOf(item, "at");
    const whenNode = valueOf(item, "when");
    if ((atNode === undefined) === (whenNode === undefined)) {
      ctx.report("CS208", item, p, atNode ? "a note is tied to a moment (`at`) or to an event (`when`), not both" : "a note needs `at: 3s` (a moment) or `when: {...}` (an event)");
      return;
    }
    const { text, translations } = convertText(valueOf(item, "text")) ?? { text: "" };
    const texts = translations ? { text, translations } : { text };
    if (atNode) {
      const at = ctx.duration(atNode, [...p, "at"]);
      if (at !== undefined) out.push({ spec: { at, ...texts }, path: p, at: { value: at, node: atNode } });
    } else {
      const when = convertMatch(whenNode, [...p, "when"], ctx);
      if (when) out.push({ spec: { when: when.match, ...texts }, path: p, when });
    }
  });
  return out;
}
