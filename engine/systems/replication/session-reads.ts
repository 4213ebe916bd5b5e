import type { CheckerFactory, CheckOutcome } from "../../check/checker";
import { formatMicros } from "../../core/time";
import type { AppendOp } from "./append-history";
import { appendOps, listOf } from "./append-history";

/**
 * The session guarantees of Terry et al. (1994) on a list-append history, per client (one
 * address is one session). `read-your-writes`: a read that starts after one of the client's
 * own appends to the key was acknowledged holds that value. `monotonic-reads`: a read that
 * starts after another read of the same key by the same client completed holds every value the
 * earlier one held (the lists only grow, so a later read that lacks one went back in time).
 */
export function sessionChecker(guarantee: "read-your-writes" | "monotonic-reads"): CheckerFactory {
  const name = `session-${guarantee}`;
  return () => ({
    name,
    description: guarantee === "read-your-writes"
      ? "A client's read holds every value of its own acknowledged appends to that key."
      : "A client's read holds every value of its earlier reads of that key.",
    check(ctx): CheckOutcome {
      const ops = appendOps(ctx.history);
      const byClient = new Map<string, AppendOp[]>();
      for (const op of ops) if (op.type === "ok") (byClient.get(`${op.address} ${op.key}`) ?? byClient.set(`${op.address} ${op.key}`, []).get(`${op.address} ${op.key}`)!).push(op);
      const violations: CheckOutcome["violations"] = [];
      let reads = 0, bad = 0;
      for (const list of byClient.values()) {
        // Earlier operations in completion order; each read is judged against those that
        // completed before it started.
        const earlier: AppendOp[] = [];
        for (const op of [...list].sort((a, b) => a.start - b.start)) {
          if (op.f === "read") {
            reads++;
            const got = new Set(listOf(op));
            const need = earlier.filter((e) => e.end < op.start && (guarantee === "read-your-writes" ? e.f === "append" : e.f === "read"));
            const miss = need.flatMap((e) => (e.f === "append" ? [{ v: String(e.value), e }] : listOf(e).map((v) => ({ v, e })))).find((m) => !got.has(m.v));
            if (miss) {
              bad++;
              if (violations.length < 20) {
                violations.push({
                  message: `${op.address} read ${op.key} at ${formatMicros(op.start)} without ${miss.v}, which ${guarantee === "read-your-writes" ? `its own append acknowledged at ${formatMicros(miss.e.end)} wrote` : `its own read completed at ${formatMicros(miss.e.end)} had returned`}`,
                  t: op.end, nodes: [op.node], history: [miss.e.endIndex, op.startIndex, op.endIndex], events: [],
                });
              }
            }
          }
          earlier.push(op);
        }
      }
      return { violations, findings: [{ message: `${reads} read(s) checked, ${bad} broke ${guarantee}`, value: bad }] };
    },
  });
}

/** `session-read-your-writes`. */
export const sessionReadYourWrites: CheckerFactory = sessionChecker("read-your-writes");

/** `session-monotonic-reads`. */
export const sessionMonotonicReads: CheckerFactory = sessionChecker("monotonic-reads");
