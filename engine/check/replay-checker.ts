import type { JsonObject } from "../core/json";
import type { CheckContext, CheckOutcome, CheckRun, Checker, HistoryEntry } from "./checker";
import { isPostRun } from "./checker";

/**
 * Judges a finished history with any checker: a post-run checker reads it whole; an online one
 * is fed it entry by entry (and the trace's sends and deliveries, merged by sequence number, if
 * it observes messages), exactly as during a run, then finishes. `healedAt` is the context's
 * final value from the start, the limit an online checker must agree with. Tests use it on
 * hand-written histories, and it judges a saved history after the fact.
 */
export function replayChecker(checker: Checker, ctx: CheckContext): CheckOutcome {
  if (isPostRun(checker)) return checker.check(ctx);
  let now = 0;
  const run: CheckRun = {
    scenario: ctx.scenario, seed: ctx.seed, params: ctx.params as JsonObject,
    get now() { return now; },
    healedAt: ctx.healedAt,
  };
  const o = checker.start(run);
  const wanted = checker.events === undefined ? null : new Set(checker.events);
  const feed = (h: HistoryEntry) => {
    now = h.t;
    if (wanted === null || wanted.has(h.event)) o.record(h);
  };
  const trace = checker.messages && o.message && ctx.trace ? ctx.trace : null;
  if (trace === null) {
    for (const h of ctx.history) feed(h);
  } else {
    let i = 0;
    for (const e of trace) {
      while (i < ctx.history.length && ctx.history[i].seq >= 0 && ctx.history[i].seq < e.seq) feed(ctx.history[i++]);
      if ((e.kind !== "send" && e.kind !== "deliver") || e.id === undefined) continue;
      now = e.t;
      o.message!(e.kind, { id: e.id, from: e.from ?? "", to: e.kind === "deliver" ? `${e.node}/${e.proc}` : (e.to ?? ""), type: e.type ?? "", body: e.body, ...(e.dup === 1 ? { dup: 1 } : {}) }, e.seq, e.t);
    }
    while (i < ctx.history.length) feed(ctx.history[i++]);
  }
  const { history: _h, trace: _t, ...end } = ctx;
  return o.finish(end);
}
