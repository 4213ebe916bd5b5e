import type { CheckerFactory, CheckOutcome } from "../../../../check/checker";
import { formatMicros } from "../../../../core/time";
import { MAX_VIOLATIONS, branchName, byBranch, phaseRecords, what, type PhaseRecord } from "./tcc-history";

type Violations = CheckOutcome["violations"];
const at = formatMicros;
const show = (rs: readonly PhaseRecord[]) => ({ nodes: [...new Set(rs.map((r) => r.h.node))].sort(), history: rs.map((r) => r.h.index), events: rs.map((r) => r.h.seq).filter((s) => s >= 0) });

/**
 * `tcc-no-empty-rollback`: a Cancel changes data only for a branch whose Try changed data before
 * it. A Cancel that arrives for a branch with no Try (the Try was lost, or has not arrived yet)
 * must succeed without doing anything [SEATA-FENCE: "allow empty rollback"]; one that gives back
 * what was never reserved creates stock or money from nothing.
 */
export const tccNoEmptyRollback: CheckerFactory = () => ({
  name: "tcc-no-empty-rollback",
  description: "No Cancel gives back a reservation that no Try of its branch made (an empty rollback must change nothing).",
  check(ctx): CheckOutcome {
    const violations: Violations = [];
    let cancels = 0, empty = 0;
    for (const rs of byBranch(phaseRecords(ctx.history)).values()) {
      let tried = false;
      for (const r of rs) {
        if (r.phase === "try" && r.effect === "applied") tried = true;
        if (r.phase !== "cancel") continue;
        cancels++;
        if (r.effect === "skipped" && !tried) empty++;
        if (r.effect !== "applied" || tried) continue;
        if (violations.length < MAX_VIOLATIONS) {
          violations.push({
            message: `${branchName(r)}: Cancel unfroze ${what(r)} at ${at(r.h.t)} that no Try had frozen: an empty rollback (frozen on ${r.resource} now ${r.frozen})`,
            t: r.h.t, ...show([r]),
          });
        }
      }
    }
    return { violations, findings: [{ message: `${cancels} Cancel(s) ran; ${empty} empty rollback(s) allowed without touching data`, value: empty }] };
  },
});

/**
 * `tcc-no-suspension`: no Try reserves anything for a branch after that branch's Cancel has run.
 * Such a Try arrived late (after the TM timed it out and the global transaction was rolled
 * back); phase two is over, so nothing will ever Confirm or Cancel it, and what it reserved stays
 * reserved for ever [SEATA-FENCE: "prevent suspension"].
 */
export const tccNoSuspension: CheckerFactory = () => ({
  name: "tcc-no-suspension",
  description: "No Try reserves resources for a branch after its Cancel (a suspended reservation is never released).",
  check(ctx): CheckOutcome {
    const violations: Violations = [];
    let refused = 0;
    for (const rs of byBranch(phaseRecords(ctx.history)).values()) {
      const cancel = rs.find((r) => r.phase === "cancel");
      if (!cancel) continue;
      for (const r of rs) {
        if (r.phase !== "try" || r.h.index < cancel.h.index) continue;
        if (r.effect === "refused") { refused++; continue; }
        if (r.effect !== "applied" || violations.length >= MAX_VIOLATIONS) continue;
        const released = rs.some((x) => x.h.index > r.h.index && x.phase !== "try" && x.effect === "applied");
        violations.push({
          message: `${branchName(r)}: Try froze ${what(r)} at ${at(r.h.t)}, after the branch's Cancel at ${at(cancel.h.t)}: a suspended reservation${released ? "" : ": phase two is over, and nothing will Confirm or Cancel it"}`,
          t: r.h.t, ...show([cancel, r]),
        });
      }
    }
    return { violations, findings: [{ message: `${refused} late Try(s) refused after their Cancel`, value: refused }] };
  },
});

/**
 * `tcc-idempotent-phase-two`: each branch's Confirm or Cancel changes data at most once, and
 * never both. The TC retries phase two until it hears success, so a request whose answer was
 * lost runs again; Seata requires commitMethod and rollbackMethod to be idempotent [SEATA-TCC],
 * and a Confirm that runs twice debits twice.
 */
export const tccIdempotentPhaseTwo: CheckerFactory = () => ({
  name: "tcc-idempotent-phase-two",
  description: "Each branch's Confirm or Cancel changes data at most once, whatever the TC's retries.",
  check(ctx): CheckOutcome {
    const violations: Violations = [];
    let repeats = 0;
    for (const rs of byBranch(phaseRecords(ctx.history)).values()) {
      const applied = rs.filter((r) => r.phase !== "try" && r.effect === "applied");
      const firstDone = rs.findIndex((r) => r.phase !== "try" && r.effect === "applied");
      if (firstDone >= 0) repeats += rs.slice(firstDone + 1).filter((r) => r.phase !== "try" && r.effect === "skipped").length;
      if (applied.length <= 1 || violations.length >= MAX_VIOLATIONS) continue;
      const r = applied[0];
      const phases = [...new Set(applied.map((x) => x.phase))];
      const verb = phases.length > 1 ? "both Confirm and Cancel ran" : `${phases[0] === "confirm" ? "Confirm" : "Cancel"} ran ${applied.length} times`;
      violations.push({
        message: `${branchName(r)}: ${verb} (${applied.map((x) => at(x.h.t)).join(", ")}), each time ${r.phase === "confirm" ? "applying" : "unfreezing"} ${what(r)}: ${what(r, r.amount * applied.length)} in all for one order`,
        t: applied[1].h.t, ...show(applied),
      });
    }
    return { violations, findings: [{ message: `${repeats} repeated phase-two request(s) answered without running again`, value: repeats }] };
  },
});

/**
 * `tcc-reservations-released`: what Try froze is unfrozen exactly once. On no business row does
 * the frozen amount ever go below zero (a Cancel or Confirm unfroze what no Try froze, or
 * unfroze it twice), and when the run ends nothing is frozen any more (every reservation was
 * confirmed or cancelled; a suspended one never is). It reads only the services' reservation
 * table, so it catches the three failures by their effect, whatever their cause; the business
 * rows themselves are judged by the shared checkers (money-conserved, stock-conserved).
 */
export const tccReservationsReleased: CheckerFactory = () => ({
  name: "tcc-reservations-released",
  description: "No frozen amount goes below zero, and nothing is still frozen when the run ends.",
  check(ctx): CheckOutcome {
    const violations: Violations = [];
    const last = new Map<string, PhaseRecord>();
    const negative = new Set<string>();
    for (const r of phaseRecords(ctx.history)) {
      const key = `${r.h.address} ${r.resource}`;
      last.set(key, r);
      // The first time a row's frozen amount goes below zero says it; the records after only repeat it.
      if (r.frozen < 0 && !negative.has(key) && violations.length < MAX_VIOLATIONS) {
        negative.add(key);
        violations.push({ message: `${r.h.address}: after the ${r.phase} of ${branchName(r)} at ${at(r.h.t)}, ${r.frozen} is frozen on ${r.resource}: below zero`, t: r.h.t, ...show([r]) });
      }
    }
    let rows = 0;
    for (const r of last.values()) {
      rows++;
      if (r.frozen > 0 && violations.length < MAX_VIOLATIONS) violations.push({ message: `${r.h.address}: ${r.frozen} still frozen on ${r.resource} when the run ended (last changed by the ${r.phase} of ${branchName(r)} at ${at(r.h.t)})`, t: ctx.endedAt, ...show([r]) });
    }
    return { violations, findings: [{ message: `${rows} business row(s) with reservations judged`, value: rows }] };
  },
});
