import type { Micros } from "../../core/time";
import type { FaultSpec } from "../../scenario";

/** When one node was down (crashed) or stopped (paused): [from, until), until null for the rest of the run. */
export interface Downtime {
  node: string;
  from: Micros;
  until: Micros | null;
  why: "crash" | "pause";
}

/**
 * The intervals in which nodes were crashed or paused, from the concrete faults of a run: a
 * crash lasts until its `duration` ends or a `restart`, a pause until its `duration` or a
 * `resume`. Checkers use it to leave out processes that could not have acted.
 */
export function nodeDowntime(faults: readonly FaultSpec[]): Downtime[] {
  const out: Downtime[] = [];
  const open = new Map<string, Downtime>();
  const events: Array<{ t: Micros; node: string; kind: "down" | "up"; why: "crash" | "pause" }> = [];
  for (const f of faults) {
    if (f.action === "crash" || f.action === "pause") {
      events.push({ t: f.at, node: f.node, kind: "down", why: f.action });
      if (f.duration !== undefined) events.push({ t: f.at + f.duration, node: f.node, kind: "up", why: f.action });
    } else if (f.action === "restart" || f.action === "resume") {
      events.push({ t: f.at, node: f.node, kind: "up", why: f.action === "restart" ? "crash" : "pause" });
    }
  }
  events.sort((a, b) => a.t - b.t);
  for (const e of events) {
    const key = `${e.node}\u0000${e.why}`;
    const cur = open.get(key);
    if (e.kind === "down" && !cur) {
      const d: Downtime = { node: e.node, from: e.t, until: null, why: e.why };
      open.set(key, d);
      out.push(d);
    } else if (e.kind === "up" && cur) {
      cur.until = e.t;
      open.delete(key);
    }
  }
  return out;
}

/** True when `node` was down or paused at any moment of [from, to]. */
export function downDuring(downtime: readonly Downtime[], node: string, from: Micros, to: Micros): boolean {
  return downtime.some((d) => d.node === node && d.from <= to && (d.until === null || d.until > from));
}
