import type { CheckerFactory, CheckOutcome, Finding } from "../../../check/checker";
import type { Micros } from "../../../core/time";
import { formatMicros } from "../../../core/time";
import { toMicros } from "../../../options/option-values";

/** One region's longest gap between acknowledged writes. */
interface Gap { region: string; from: Micros; to: Micros; before: string; after: string; node: string; index: number }

/**
 * How long each region could not take writes, measured from the history: the longest gap
 * between two consecutive writes to the region acknowledged by region servers (`hbase-put`,
 * whichever server). Under a steady workload that gap is the region's unavailability: from
 * the last write its old server acknowledged to the first one after the master reassigned
 * the region and the clients found it (ZooKeeper's session timeout, the WAL split, the
 * assignment and the clients' retries, together). It is a measurement, so it fails only when
 * `params.max` (a duration) is given and a region's gap exceeds it. An online check: it keeps
 * one gap and one last write per region.
 *
 * Findings: each region's longest gap (value in µs), then the longest of all (value in µs).
 */
export const regionUnavailability: CheckerFactory = (params) => {
  const max = params.max === undefined ? null : toMicros(params.max, "region-unavailability", "params.max");
  return {
    name: "region-unavailability",
    description: "Measures each region's longest gap between acknowledged writes; fails only past params.max.",
    events: ["hbase-put"],
    start() {
      const last = new Map<string, { t: Micros; server: string }>();
      const longest = new Map<string, Gap>();
      return {
        record(h) {
          const region = String(h.fields.region), server = String(h.fields.server);
          const prev = last.get(region);
          last.set(region, { t: h.t, server });
          if (!prev) return;
          const g = longest.get(region);
          if (!g || h.t - prev.t > g.to - g.from) longest.set(region, { region, from: prev.t, to: h.t, before: prev.server, after: server, node: h.node, index: h.index });
        },
        finish(): CheckOutcome {
          const gaps = [...longest.values()].sort((a, b) => (a.region < b.region ? -1 : 1));
          const findings: Array<Omit<Finding, "check">> = gaps.map((g) => ({
            message: `region ${g.region}: longest gap between acknowledged writes ${formatMicros(g.to - g.from)}, from ${formatMicros(g.from)} (${g.before}) to ${formatMicros(g.to)} (${g.after})`,
            t: g.from, nodes: [g.node], value: g.to - g.from,
          }));
          const worst = gaps.reduce<Gap | null>((w, g) => (w === null || g.to - g.from > w.to - w.from ? g : w), null);
          findings.push({ message: worst ? `the longest unavailability: ${formatMicros(worst.to - worst.from)} (region ${worst.region})` : "no region took two writes", value: worst ? worst.to - worst.from : 0 });
          const violations: CheckOutcome["violations"] = max === null ? [] : gaps.filter((g) => g.to - g.from > max).map((g) => ({
            message: `region ${g.region} took no write for ${formatMicros(g.to - g.from)} (from ${formatMicros(g.from)} to ${formatMicros(g.to)}), more than max ${formatMicros(max)}`,
            t: g.from, nodes: [g.node], history: [g.index], events: [],
          }));
          return { violations, findings };
        },
      };
    },
  };
};
