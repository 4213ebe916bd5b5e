import type { CheckerFactory, CheckOutcome, HistoryEntry } from "../../../check/checker";
import { formatMicros } from "../../../core/time";
import { choiceValue } from "../config-values";
import { MQ_EVENTS } from "../mq-events";
import { seqs } from "./mq-history";

type Violation = CheckOutcome["violations"][number];

/** The delivery guarantee a scenario claims. */
export type Guarantee = "at-most-once" | "at-least-once" | "exactly-once";

/** Most violations one run reports. */
const MAX_VIOLATIONS = 20;

/**
 * Counts messages a consumer group handled more than once (`params.event`: `process`, the
 * default, or `consume` for deliveries). Whether that is a failure depends on the guarantee the
 * scenario claims (`params.guarantee`): at-most-once and exactly-once allow no duplicate, so
 * each one is a violation; at-least-once allows them, and the count is reported as a finding.
 * Groups are separate: two groups each processing a message once is not a duplicate.
 */
export const duplicates: CheckerFactory = (params) => {
  const guarantee = choiceValue<Guarantee>(params.guarantee, "duplicates.params.guarantee", ["at-most-once", "at-least-once", "exactly-once"], "at-least-once");
  const event = choiceValue(params.event, "duplicates.params.event", [MQ_EVENTS.process, MQ_EVENTS.consume] as const, MQ_EVENTS.process);
  return {
    name: "duplicates",
    description: `No message is ${event === MQ_EVENTS.process ? "processed" : "delivered"} twice by one group, beyond what ${guarantee} allows.`,
    check(ctx) {
      const seen = new Map<string, HistoryEntry[]>();
      for (const e of ctx.history) {
        if (e.event !== event || typeof e.fields.id !== "string") continue;
        const k = `${String(e.fields.group ?? e.address)}|${e.fields.id}`;
        const list = seen.get(k);
        if (list) list.push(e);
        else seen.set(k, [e]);
      }
      const dups = [...seen.values()].filter((l) => l.length > 1);
      const extra = dups.reduce((s, l) => s + l.length - 1, 0);
      const violations: Violation[] = [];
      if (guarantee !== "at-least-once") {
        for (const l of dups.slice(0, MAX_VIOLATIONS)) {
          violations.push({
            message: `${String(l[0].fields.id)} was ${event === MQ_EVENTS.process ? "processed" : "delivered"} ${l.length} times by group ${String(l[0].fields.group ?? l[0].address)} (${l.map((e) => `${e.address} at ${formatMicros(e.t)}`).join(", ")}), which ${guarantee} does not allow`,
            t: l[1].t,
            nodes: [...new Set(l.map((e) => e.node))].sort(),
            history: l.map((e) => e.index),
            events: seqs(l),
          });
        }
      }
      const findings = dups.length > 0
        ? [{ message: `${dups.length} message(s) ${event === MQ_EVENTS.process ? "processed" : "delivered"} more than once (${extra} extra time(s)); ${guarantee === "at-least-once" ? "at-least-once allows this" : `${guarantee} does not`}`, value: dups.length, t: dups[0][1].t }]
        : [];
      return { violations, findings };
    },
  };
};
