import type { Kernel } from "../core/kernel";
import type { ProcessHost } from "../node/process-host";
import type { SimMessage } from "../net/sim-message";
import type { TriggerMatch, TriggerSpec } from "../scenario";

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
  fire: (k: Kernel) => void;
}

/**
 * Event-triggered faults and narration. Each watcher counts its matches and fires once, at its
 * `nth` match, inside the event that matched, so a crash stops the rest of that handler.
 */
export class TriggerSet {
  private readonly armed: Armed[] = [];

  add(index: number, match: TriggerMatch, fire: (k: Kernel) => void): void {
    this.armed.push({ index, match, seen: 0, done: false, fire });
  }

  get size(): number {
    return this.armed.length;
  }

  onMessage(k: Kernel, on: "send" | "deliver", msg: SimMessage): void {
    for (const a of this.armed) {
      if (a.done || !matchesEvent(a.match, on, msg.from, msg.to, msg.type)) continue;
      this.hit(k, a);
    }
  }

  onRecord(k: Kernel, host: ProcessHost, event: string): void {
    for (const a of this.armed) {
      if (a.done || !matchesEvent(a.match, "record", host.address, undefined, event)) continue;
      this.hit(k, a);
    }
  }

  private hit(k: Kernel, a: Armed): void {
    a.seen++;
    if (a.seen < (a.match.nth ?? 1)) return;
    a.done = true;
    a.fire(k);
  }
}

/** The triggers of a scenario, for the result's replayable schedule. */
export function describeTrigger(t: TriggerSpec): string {
  const w = t.when;
  return `when ${w.on} ${w.type ?? "*"} ${w.from ?? "*"} -> ${w.to ?? "*"}${w.nth ? ` #${w.nth}` : ""}: ${t.do.action}`;
}
