import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../../check/checker";
import { formatMicros } from "../../../../core/time";
import { BUSINESS_RECORD } from "../../business/business-records";
import { SAGA_EVENTS } from "../saga-messages";
import { MAX_VIOLATIONS, accountName, byAccount, stepRecords } from "./saga-history";

type Violations = CheckOutcome["violations"];
const at = formatMicros;
const show = (rs: ReadonlyArray<{ h: HistoryEntry }>) => ({ nodes: [...new Set(rs.map((r) => r.h.node))].sort(), history: rs.map((r) => r.h.index), events: rs.map((r) => r.h.seq).filter((s) => s >= 0) });
const outcomes = (history: readonly HistoryEntry[]) => history.filter((h) => h.event === BUSINESS_RECORD.outcome && h.fields.mode === "saga");

/**
 * `saga-compensated-in-reverse`: every saga ends, and one that was rolled back left nothing
 * behind. Each of its forward steps that changed data was compensated, after it, and the
 * compensations ran in the reverse order of the steps [SEATA-SAGA: "the engine reverses the
 * execution of the compensation nodes for the successful nodes"]; no forward step changed data
 * after its compensation. Findings: compensation attempts that failed and were retried.
 */
export const sagaCompensatedInReverse: CheckerFactory = () => ({
  name: "saga-compensated-in-reverse",
  description: "Every saga ends, and a rolled-back one compensated each step that ran, in reverse order.",
  check(ctx): CheckOutcome {
    const violations: Violations = [];
    const steps = stepRecords(ctx.history);
    const ended = new Map(outcomes(ctx.history).map((h) => [String(h.fields.txn), h]));
    for (const b of ctx.history.filter((h) => h.event === BUSINESS_RECORD.begin && h.fields.mode === "saga")) {
      if (!ended.has(String(b.fields.txn)) && violations.length < MAX_VIOLATIONS) {
        violations.push({ message: `saga ${String(b.fields.txn)} began at ${at(b.t)} and had not ended when the run did`, t: ctx.endedAt, ...show([{ h: b }]) });
      }
    }
    for (const [txn, end] of ended) {
      if (end.fields.outcome !== "rolled-back") continue;
      const mine = steps.filter((r) => r.txn === txn);
      const forwards = mine.filter((r) => r.kind === "forward" && r.effect === "applied");
      const comps = mine.filter((r) => r.kind === "compensate" && r.effect === "applied");
      for (const f of forwards) {
        const c = comps.find((x) => x.step === f.step && x.h.index > f.h.index);
        if (!c && violations.length < MAX_VIOLATIONS) {
          violations.push({ message: `saga ${txn} was rolled back, but its ${f.step} step (${accountName(f)} ${f.before} → ${f.after} at ${at(f.h.t)}) was never compensated`, t: end.t, ...show([f, { h: end }]) });
        }
      }
      const order = forwards.map((f) => f.step);
      const undone = comps.map((x) => x.step).filter((s) => order.includes(s));
      const reverse = [...order].reverse().filter((s) => undone.includes(s));
      if (undone.join() !== reverse.join() && violations.length < MAX_VIOLATIONS) {
        violations.push({ message: `saga ${txn}: steps ran ${order.join(", ")} but were compensated ${undone.join(", ")}, not in reverse order`, t: end.t, ...show(comps) });
      }
    }
    for (const r of steps) {
      if (r.kind !== "forward" || r.effect !== "applied") continue;
      const c = steps.find((x) => x.txn === r.txn && x.step === r.step && x.kind === "compensate" && x.h.index < r.h.index);
      if (c && violations.length < MAX_VIOLATIONS) {
        violations.push({ message: `saga ${r.txn}: its ${r.step} step changed ${accountName(r)} at ${at(r.h.t)}, after the step's compensation at ${at(c.h.t)}: suspension`, t: r.h.t, ...show([c, r]) });
      }
    }
    const failed = ctx.history.filter((h) => h.event === SAGA_EVENTS.instance && h.fields.status === "compensation-failed");
    const rolled = [...ended.values()].filter((h) => h.fields.outcome === "rolled-back").length;
    return {
      violations,
      findings: [
        { message: `${rolled} saga(s) rolled back of ${ended.size} ended`, value: rolled },
        { message: `${failed.length} compensation attempt(s) failed and were retried${failed.length > 0 ? ` (the first at ${at(failed[0].t)}, the last at ${at(failed[failed.length - 1].t)})` : ""}`, value: failed.length },
      ],
    };
  },
});

/**
 * `saga-no-lost-update`: no compensation erases another saga's change. A compensation that
 * writes back the value its step saw before it (a before-image) instead of undoing its own change
 * overwrites whatever other sagas did to the account in between: their updates are lost. The
 * check compares each compensation's result with what undoing only its own step gives.
 */
export const sagaNoLostUpdate: CheckerFactory = () => ({
  name: "saga-no-lost-update",
  description: "No compensation overwrites another saga's change to the same account.",
  check(ctx): CheckOutcome {
    const violations: Violations = [];
    let lost = 0;
    for (const rs of byAccount(stepRecords(ctx.history)).values()) {
      for (const c of rs) {
        if (c.kind !== "compensate" || c.effect !== "applied") continue;
        const f = rs.find((x) => x.txn === c.txn && x.kind === "forward" && x.effect === "applied" && x.h.index < c.h.index);
        if (!f) continue;
        const own = f.after - f.before;
        if (c.after === c.before - own) continue;
        lost++;
        const between = rs.filter((x) => x.txn !== c.txn && x.effect === "applied" && x.h.index > f.h.index && x.h.index < c.h.index);
        if (violations.length < MAX_VIOLATIONS) {
          violations.push({
            message: `${accountName(c)}: compensating ${c.txn}'s ${c.step} step at ${at(c.h.t)} set it to ${c.after}, but undoing that step alone gives ${c.before - own}: ${between.length > 0 ? `the change(s) of ${[...new Set(between.map((x) => x.txn))].join(", ")} made in between are lost` : "an update is lost"}`,
            t: c.h.t, ...show([f, ...between, c]),
          });
        }
      }
    }
    return { violations, findings: [{ message: `${lost} compensation(s) overwrote other changes`, value: lost }] };
  },
});
