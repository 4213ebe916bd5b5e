import type { HistoryEntry } from "../engine/check/checker";
import type { Micros } from "../engine/core/time";
import { formatMicros } from "../engine/core/time";
import type { RunResult } from "../engine/result";
import { BUSINESS_RECORD } from "../engine/systems/seata/business/business-records";

/** One mode's run, as the comparison reads it. */
export interface ComparedRun {
  mode: string;
  label: string;
  result: RunResult;
  history: readonly HistoryEntry[];
}

/** One row of the comparison table: what one mode did with the same transactions and fault. */
export interface ComparisonRow {
  mode: string;
  label: string;
  seed: string | number;
  traceHash: string | null;
  outcome: { started: number; committed: number; rolledBack: number; rollbackFailed: number; unknown: number; open: number };
  locks: {
    kinds: string[];
    /** Locks taken (and released, or still held at the end). */
    count: number;
    totalUs: Micros;
    maxUs: Micros;
    /** The row whose one lock was held longest. */
    longest: string | null;
    heldAtEnd: number;
  };
  anomalies: {
    /** Violations per business check that failed. */
    checks: Record<string, number>;
    /** `anomaly` records by kind. */
    reported: Record<string, number>;
    dirtyReads: number;
  };
  latency: { count: number; p50Us: number; p99Us: number; maxUs: number };
}

/**
 * Folds each mode's run into one row: outcomes from the client's `txn.outcome` records (a
 * transaction begun without one is `open`), locks from `lock.acquired`/`lock.held` (a lock
 * never released counts until the run's end), anomalies from the business checks that were
 * violated and the modes' own `anomaly` records, latency from the `txn.latency` histogram.
 * A `lock.acquired` with `durable: false` is a lock in a process's memory: a crash of its node
 * releases it (absent, the lock is taken to survive crashes).
 */
export function comparisonRows(runs: readonly ComparedRun[]): ComparisonRow[] {
  return runs.map((r) => row(r));
}

function row(r: ComparedRun): ComparisonRow {
  const outcome = { started: 0, committed: 0, rolledBack: 0, rollbackFailed: 0, unknown: 0, open: 0 };
  const ended = new Set<string>();
  const taken = new Map<string, HistoryEntry>();
  const locks = { kinds: new Set<string>(), count: 0, totalUs: 0, maxUs: 0, longest: null as string | null, heldAtEnd: 0 };
  const reported: Record<string, number> = {};
  const hold = (resource: string, us: number) => {
    locks.count++;
    locks.totalUs += us;
    if (us > locks.maxUs) { locks.maxUs = us; locks.longest = resource; }
  };
  // A lock kept only in a process's memory (`durable: false`) dies with the process: a crash of
  // its node ends it there. A durable one (the TC's lock table, a prepared XA branch) does not.
  const crashes = r.result.faults.filter((x) => x.fault.action === "crash").map((x) => ({ t: x.t, node: (x.fault as { node: string }).node })).sort((a, b) => a.t - b.t);
  let next = 0;
  const crashUntil = (t: number) => {
    for (; next < crashes.length && crashes[next].t <= t; next++) {
      for (const [key, a] of [...taken]) {
        if (a.node !== crashes[next].node || a.fields.durable !== false) continue;
        taken.delete(key);
        hold(String(a.fields.resource), crashes[next].t - a.t);
      }
    }
  };
  for (const h of r.history) {
    crashUntil(h.t);
    const f = h.fields;
    switch (h.event) {
      case BUSINESS_RECORD.begin: outcome.started++; break;
      case BUSINESS_RECORD.outcome: {
        if (ended.has(String(f.txn))) break;
        ended.add(String(f.txn));
        const o = String(f.outcome);
        if (o === "committed") outcome.committed++;
        else if (o === "rolled-back") outcome.rolledBack++;
        else if (o === "rollback-failed") outcome.rollbackFailed++;
        else outcome.unknown++;
        break;
      }
      case BUSINESS_RECORD.lockAcquired: {
        // Taken again (a lock that became durable): keep the first grant's time.
        const key = `${String(f.kind)} ${String(f.resource)} ${String(f.txn)}`;
        const first = taken.get(key);
        taken.set(key, first ? { ...first, fields: { ...first.fields, durable: f.durable ?? true } } : h);
        locks.kinds.add(String(f.kind));
        break;
      }
      case BUSINESS_RECORD.lockHeld: {
        taken.delete(`${String(f.kind)} ${String(f.resource)} ${String(f.txn)}`);
        locks.kinds.add(String(f.kind));
        hold(String(f.resource), Number(f.to) - Number(f.from));
        break;
      }
      case BUSINESS_RECORD.anomaly: reported[String(f.kind)] = (reported[String(f.kind)] ?? 0) + 1; break;
    }
  }
  const end = r.result.stats.virtualTime;
  for (const h of taken.values()) { locks.heldAtEnd++; hold(String(h.fields.resource), end - h.t); }
  outcome.open = outcome.started - ended.size;
  const checks: Record<string, number> = {};
  let dirtyReads = 0;
  for (const c of r.result.checks) {
    if (c.status === "violated") checks[c.name] = c.violations.length;
    if (c.name === "no-dirty-read") dirtyReads = Number(c.findings[0]?.value ?? 0);
  }
  const lat = r.result.metrics.histograms["txn.latency"];
  return {
    mode: r.mode, label: r.label, seed: r.result.seed, traceHash: r.result.traceHash,
    outcome,
    locks: { kinds: [...locks.kinds].sort(), count: locks.count, totalUs: locks.totalUs, maxUs: locks.maxUs, longest: locks.longest, heldAtEnd: locks.heldAtEnd },
    anomalies: { checks, reported, dirtyReads },
    latency: lat ? { count: lat.count, p50Us: lat.p50, p99Us: lat.p99, maxUs: lat.max } : { count: 0, p50Us: 0, p99Us: 0, maxUs: 0 },
  };
}

/** A duration for the table: `37.2ms`, `1.04s`. */
function dur(us: number): string {
  return formatMicros(Math.round(us));
}

/** The anomalies cell: the checks that failed and the modes' own reports, or `none`. */
function anomalyText(a: ComparisonRow["anomalies"]): string {
  const parts = [
    ...Object.entries(a.checks).map(([k, n]) => (k === "no-dirty-read" ? `${a.dirtyReads} dirty read(s)` : `${k} ×${n}`)),
    ...Object.entries(a.reported).map(([k, n]) => `${n} ${k} reported`),
  ];
  return parts.length === 0 ? "none" : parts.join("; ");
}

/** What the table's header says about the runs. */
export interface ComparisonContext {
  seed: string | number;
  fault: string;
  /** Modes that could not run (their kinds are not in this build), by label. */
  missing: readonly string[];
}

/** The comparison as a markdown document: one table, one row per mode, and what was left out. */
export function comparisonMarkdown(rows: readonly ComparisonRow[], ctx: ComparisonContext): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [
    `# Place order as ${rows.map((r) => r.mode).join(", ")}: seed ${ctx.seed}, fault ${ctx.fault}`,
    "",
    "| mode | committed | rolled back | rollback failed | unknown | still open | locks (kind) | lock time, total | longest lock | held at end | anomalies | latency p50 | latency p99 |",
    "|---|---:|---:|---:|---:|---:|---|---:|---|---:|---|---:|---:|",
    ...rows.map((r) => `| ${esc(r.label)} | ${r.outcome.committed} | ${r.outcome.rolledBack} | ${r.outcome.rollbackFailed} | ${r.outcome.unknown} | ${r.outcome.open} | ${r.locks.count} (${r.locks.kinds.join(", ") || "none"}) | ${dur(r.locks.totalUs)} | ${r.locks.longest ? `${dur(r.locks.maxUs)} on ${esc(r.locks.longest)}` : "none"} | ${r.locks.heldAtEnd} | ${esc(anomalyText(r.anomalies))} | ${dur(r.latency.p50Us)} | ${dur(r.latency.p99Us)} |`),
    "",
    `Each mode ran ${rows[0]?.outcome.started ?? 0} place-order transactions on the same seed and fault; the trace hashes are ${rows.map((r) => `${r.mode} \`${r.traceHash ?? "none"}\``).join(", ")}.`,
  ];
  if (ctx.missing.length > 0) lines.push("", `Not run (their kinds are not in this build): ${ctx.missing.join(", ")}.`);
  return lines.join("\n") + "\n";
}
