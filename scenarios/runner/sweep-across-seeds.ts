import type { AcrossSeedsVerdict } from "../../engine/check/across-seeds";
import { judgeScenarioAcrossSeeds } from "../../engine/check/across-seeds";
import type { RunResult } from "../../engine/result";
import type { SweepItem } from "./work-list";

/** An across-seeds verdict of a sweep, with the file of its scenario. */
export interface SuiteAcrossSeeds extends AcrossSeedsVerdict {
  file: string;
}

/**
 * Judges each item's `acrossSeeds` expectations over the runs of that item that produced a
 * result, in the items' order. Items without any are skipped; an item none of whose runs is in
 * this sweep (another shard's) is skipped too, since it has nothing to judge here.
 */
export function sweepAcrossSeeds(items: readonly SweepItem[], runs: ReadonlyArray<{ unit: { item: number }; result?: RunResult }>): SuiteAcrossSeeds[] {
  const byItem = new Map<number, RunResult[]>();
  for (const r of runs) {
    if (!r.result) continue;
    const list = byItem.get(r.unit.item);
    if (list) list.push(r.result);
    else byItem.set(r.unit.item, [r.result]);
  }
  const out: SuiteAcrossSeeds[] = [];
  items.forEach((item, k) => {
    const specs = item.scenario.acrossSeeds ?? [];
    const results = byItem.get(k);
    if (specs.length === 0 || !results) return;
    for (const v of judgeScenarioAcrossSeeds(specs, results)) out.push({ ...v, file: item.file });
  });
  return out;
}
