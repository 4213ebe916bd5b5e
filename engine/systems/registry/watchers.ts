import type { Micros } from "../../core/time";

/**
 * Subscriptions for push: per service, the watching addresses and until when each watch holds.
 * Watches are soft state (Nacos's push receivers, Consul's blocking queries): a client renews its
 * watch with every fetch, and a watch that is not renewed lapses, so a crashed client is
 * eventually forgotten and a restarted server simply learns its watchers again.
 */
export class Watchers {
  private readonly subs = new Map<string, Map<string, Micros>>();

  /** Adds or renews a watch. */
  add(service: string, address: string, until: Micros): void {
    let m = this.subs.get(service);
    if (!m) {
      m = new Map();
      this.subs.set(service, m);
    }
    m.set(address, until);
  }

  /** The live watchers of a service, sorted; lapsed ones are dropped. */
  targets(service: string, now: Micros): string[] {
    const m = this.subs.get(service);
    if (!m) return [];
    for (const [a, until] of m) if (until < now) m.delete(a);
    return [...m.keys()].sort();
  }

  /** Number of live watches, for the published state. */
  count(now: Micros): number {
    let n = 0;
    for (const service of this.subs.keys()) n += this.targets(service, now).length;
    return n;
  }
}
