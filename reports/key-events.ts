import type { RunResult } from "../engine/result";
import type { TraceEvent } from "../engine/trace/trace-event";
import { isFaultEvent } from "./fault-label";

/** The events worth telling a person about, and how many were left out. */
export interface KeyEvents {
  events: TraceEvent[];
  /** Sequence numbers that a violation names as its evidence. */
  evidence: Set<number>;
  omitted: number;
}

/** Every trace sequence number that some violation points at. */
export function evidenceSeqs(result: RunResult): Set<number> {
  const out = new Set<number>();
  for (const c of result.checks) for (const v of c.violations) for (const s of v.events) out.add(s);
  return out;
}

/**
 * Picks the events of a run that tell its story: the evidence of violations first, then faults,
 * then drops, at most `max` of them, shown in trace order. The priority means a long run with
 * thousands of lost messages still shows the events that explain its failure.
 */
export function keyEvents(result: RunResult, trace: readonly TraceEvent[], max: number): KeyEvents {
  const evidence = evidenceSeqs(result);
  const tiers: TraceEvent[][] = [[], [], []];
  for (const e of trace) {
    if (evidence.has(e.seq)) tiers[0].push(e);
    else if (isFaultEvent(e)) tiers[1].push(e);
    else if (e.kind === "drop") tiers[2].push(e);
  }
  const picked: TraceEvent[] = [];
  for (const tier of tiers) for (const e of tier) if (picked.length < max) picked.push(e);
  const total = tiers[0].length + tiers[1].length + tiers[2].length;
  picked.sort((a, b) => a.seq - b.seq);
  return { events: picked, evidence, omitted: total - picked.length };
}
