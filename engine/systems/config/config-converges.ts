import type { CheckerFactory, CheckOutcome, Finding, HistoryEntry } from "../../check/checker";
import type { Micros } from "../../core/time";
import { SECOND, formatMicros } from "../../core/time";
import { toMicros } from "../../options/option-values";
import { downDuring, nodeDowntime } from "../registry/node-downtime";

/** One client's view of one namespace over time, rebuilt from the history. */
interface Track {
  address: string;
  node: string;
  namespace: string;
  /** Version in use, null before it has any (or while its node is down). */
  version: number | null;
  /** Index of the record that set it. */
  index: number;
  /** When the current stale period began, or null. */
  staleSince: Micros | null;
  staleTotal: Micros;
  longest: { from: Micros; to: Micros } | null;
}

/**
 * Liveness of the configuration center: once every fault has healed and the last release was
 * made, every live config client holds the latest version of each namespace it watches within
 * `bound`. Judged at max(healedAt, last release) + bound from `config-release` (servers),
 * `config-client-start` and `config-applied` (clients); a client whose node is down then is left
 * out. The default bound, 2 min, is Apollo's worst case after a heal: a client may be waiting out
 * its 120 s long-poll backoff, or the 90 s read timeout of a poll whose answer was lost.
 *
 * Findings: for each client and namespace that was ever behind, how long it held an older
 * version than the server had released (in all, and the longest stretch); and each start from
 * the local cache file while no server could be reached.
 */
export const configConverges: CheckerFactory = (params) => {
  const bound = params.bound === undefined ? 120 * SECOND : toMicros(params.bound, "config-converges", "bound");
  return {
    name: "config-converges",
    description: `After faults heal, every config client holds the latest release within ${formatMicros(bound)}.`,
    check(ctx): CheckOutcome {
      const down = nodeDowntime(ctx.faults);
      const released = new Map<string, number>();
      let lastRelease: Micros = 0;
      for (const h of ctx.history) if (h.event === "config-release") lastRelease = Math.max(lastRelease, h.t);
      const at = Math.max(ctx.healedAt, lastRelease) + bound;
      const tracks = new Map<string, Track>();
      const findings: Array<Omit<Finding, "check">> = [];
      const violations: CheckOutcome["violations"] = [];
      let judged = false;
      /** The verdict, from every client's version at `at`. */
      const judge = () => {
        judged = true;
        for (const tr of tracks.values()) {
          if (downDuring(down, tr.node, at, at)) continue;
          const latest = released.get(tr.namespace) ?? 0;
          if (tr.version !== null && tr.version >= latest) continue;
          violations.push({
            message: `at ${formatMicros(at)} ${tr.address} holds ${tr.namespace} ${tr.version === null ? "not at all" : `version ${tr.version}`}, but version ${latest} was released`,
            t: at, nodes: [tr.node], history: [tr.index], events: [],
          });
        }
      };

      const close = (tr: Track, t: Micros) => {
        if (tr.staleSince === null) return;
        const len = t - tr.staleSince;
        tr.staleTotal += len;
        if (!tr.longest || len > tr.longest.to - tr.longest.from) tr.longest = { from: tr.staleSince, to: t };
        tr.staleSince = null;
      };
      const update = (tr: Track, t: Micros) => {
        const latest = released.get(tr.namespace) ?? 0;
        const behind = tr.version !== null && tr.version < latest;
        if (behind && tr.staleSince === null) tr.staleSince = t;
        else if (!behind) close(tr, t);
      };

      // Node crashes interrupt a client: from then until it starts again it holds nothing.
      const crashes = down.filter((d) => d.why === "crash").map((d) => ({ t: d.from, node: d.node }));
      const rows: Array<{ t: Micros; h?: HistoryEntry; crash?: string }> = [
        ...ctx.history.filter((h) => h.event === "config-release" || h.event === "config-client-start" || h.event === "config-applied").map((h) => ({ t: h.t, h })),
        ...crashes.map((c) => ({ t: c.t, crash: c.node } as { t: Micros; h?: HistoryEntry; crash?: string })),
      ].sort((a, b) => a.t - b.t || (a.h?.index ?? -1) - (b.h?.index ?? -1));
      for (const row of rows) {
        if (!judged && row.t > at && at <= ctx.endedAt) judge();
        if (row.crash !== undefined) {
          for (const tr of tracks.values()) {
            if (tr.node !== row.crash) continue;
            close(tr, row.t);
            tr.version = null;
          }
          continue;
        }
        const h = row.h!;
        if (h.event === "config-release") {
          const ns = String(h.fields.namespace);
          released.set(ns, Math.max(released.get(ns) ?? 0, Number(h.fields.version)));
          lastRelease = h.t;
          for (const tr of tracks.values()) if (tr.namespace === ns) update(tr, h.t);
        } else if (h.event === "config-client-start") {
          for (const ns of h.fields.namespaces as string[]) {
            const key = `${h.address}\u0000${ns}`;
            const tr = tracks.get(key) ?? { address: h.address, node: h.node, namespace: ns, version: null, index: h.index, staleSince: null, staleTotal: 0, longest: null };
            close(tr, h.t);
            tr.version = null;
            tr.index = h.index;
            tracks.set(key, tr);
          }
        } else {
          const tr = tracks.get(`${h.address}\u0000${String(h.fields.namespace)}`);
          if (!tr) continue;
          tr.version = Number(h.fields.version);
          tr.index = h.index;
          update(tr, h.t);
        }
      }
      if (at > ctx.endedAt) {
        findings.push({ message: `the run ended ${formatMicros(at - ctx.endedAt)} too early to judge convergence (healed at ${formatMicros(ctx.healedAt)}, last release at ${formatMicros(lastRelease)})` });
      } else if (!judged) {
        judge();
      }
      for (const tr of [...tracks.values()].sort((a, b) => a.address.localeCompare(b.address) || a.namespace.localeCompare(b.namespace))) {
        close(tr, ctx.endedAt);
        if (!tr.longest) continue;
        findings.push({
          message: `${tr.address} ${tr.namespace}: behind the server for ${formatMicros(tr.staleTotal)} in all, longest ${formatMicros(tr.longest.to - tr.longest.from)} (from ${formatMicros(tr.longest.from)} to ${formatMicros(tr.longest.to)})`,
          t: tr.longest.from, nodes: [tr.node], value: tr.longest.to - tr.longest.from,
        });
      }
      for (const h of ctx.history) {
        if (h.event !== "config-fallback") continue;
        findings.push({
          message: `${h.address} could not reach a config server at ${formatMicros(h.t)} and started from ${h.fields.version === null ? "nothing (no local cache)" : `its local cache (${String(h.fields.namespace)} version ${String(h.fields.version)})`}`,
          t: h.t, nodes: [h.node],
        });
      }
      return { violations: violations.slice(0, 20), findings };
    },
  };
};
