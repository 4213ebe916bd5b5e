import type { CheckContext, HistoryEntry } from "../../check/checker";
import type { Json } from "../../core/json";
import type { FaultSpec } from "../../scenario";

/** A history entry for checker tests: time, address (`node/proc`), event and fields. */
export type Row = [t: number, address: string, event: string, fields: Record<string, Json>];

/** A check context around a hand-written history. Test code only. */
export function contextOf(rows: Row[], opts: { faults?: FaultSpec[]; healedAt?: number; endedAt?: number } = {}): CheckContext {
  const history: HistoryEntry[] = rows.map(([t, address, event, fields], index) => {
    const [node, proc] = address.split("/");
    return { t, index, seq: -1, node, proc, address, event, fields };
  });
  return {
    scenario: "test", seed: 1, history, faults: opts.faults ?? [], triggers: [], healedAt: opts.healedAt ?? 0,
    endedAt: opts.endedAt ?? (rows.at(-1)?.[0] ?? 0) + 1, trace: null, params: {},
    metrics: { counters: {}, gauges: {}, histograms: {}, interval: 1_000_000, series: [] },
  };
}
