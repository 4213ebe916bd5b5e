import type { SimMessage } from "../node/sim-message";
import type { TriggerMatch, TriggerSpec } from "./fault-spec";

/** Does an address match a `from`/`to` pattern: the whole address or its node's name? */
function matchesWho(pattern: string | undefined, address: string): boolean {
  if (pattern === undefined) return true;
  if (pattern === address) return true;
  const slash = address.indexOf("/");
  return slash > 0 && address.slice(0, slash) === pattern;
}

/** Whether an event matches, ignoring `nth`. */
export function matchesEvent(m: TriggerMatch, on: TriggerMatch["on"], from: string, to: string | undefined, type: string): boolean {
  return m.on === on && matchesWho(m.from, from) && (to === undefined ? m.to === undefined : matchesWho(m.to, to)) && (m.type === undefined || m.type === type);
}

interface Armed {
  index: number;
  match: TriggerMatch;
  seen: number;
  done: boolean;
  fire: () => void;
}

/**
 * Event-triggered faults and narration. Each watcher counts its matches and fires once, at its
 * `nth` match, inside the event that matched, so a crash stops the rest of that handler. The
 * transport and the history call it through their narrow watcher ports; what a trigger does is
 * the closure it was armed with, so this file knows nothing of the world it acts on.
 */
export class TriggerSet {
  private readonly armed: Armed[] = [];

  /** Arms a watcher; `index` names it (a trigger's position, or -1 - i for the i-th narration). */
  add(index: number, match: TriggerMatch, fire: () => void): void {
    this.armed.push({ index, match, seen: 0, done: false, fire });
  }

  /** Number of armed watchers. */
  get size(): number {
    return this.armed.length;
  }

  /** A message was sent or delivered (the transport's `MessageWatcher` port). */
  onMessage(on: "send" | "deliver", msg: SimMessage): void {
    for (const a of this.armed) {
      if (a.done || !matchesEvent(a.match, on, msg.from, msg.to, msg.type)) continue;
      this.hit(a);
    }
  }

  /** The process at `address` recorded a history event. */
  onRecord(address: string, event: string): void {
    for (const a of this.armed) {
      if (a.done || !matchesEvent(a.match, "record", address, undefined, event)) continue;
      this.hit(a);
    }
  }

  private hit(a: Armed): void {
    a.seen++;
    if (a.seen < (a.match.nth ?? 1)) return;
    a.done = true;
    a.fire();
  }
}

/** The triggers of a scenario, for the result's replayable schedule. */
export function describeTrigger(t: TriggerSpec): string {
  const w = t.when;
  return `when ${w.on} ${w.type ?? "*"} ${w.from ?? "*"} -> ${w.to ?? "*"}${w.nth ? ` #${w.nth}` : ""}: ${t.do.action}`;
}
