import type { Micros } from "../../core/time";
import type { Rng } from "../../core/rng";
import type { RegistryServerOptions } from "./server-options";
import type { LeaseRecord, RegistryStore } from "./registry-store";
import type { InstanceInfo, InstanceStatus, InstanceView, RegistryCommand, ServiceSnapshot } from "./registry-types";
import { SelfPreservation } from "./self-preservation";

/** Where a command came from: a client, a peer's replication, or the start-up sync. */
export type CommandOrigin = "client" | "replication" | "sync";

/** What applying one command did. */
export interface ApplyResult {
  /** False when a renew or status update named an instance the server does not have. */
  found: boolean;
  /** Services whose records changed in a way a query can see. */
  changed: string[];
}

/** What one expiry run did. */
export interface ExpiryResult {
  /** Removed records (evicted, or deleted after being unhealthy too long). */
  removed: LeaseRecord[];
  /** Records newly marked unhealthy. */
  marked: LeaseRecord[];
  /** True when self-preservation stopped the run. */
  preserved: boolean;
}

/**
 * The registry's state machine: it applies `RegistryCommand`s to a store and runs lease expiry.
 * It reads no clock and draws from the rng it is handed, so a server, a test, or (later) a
 * replicated log can drive it. The rules are Eureka's AbstractInstanceRegistry (register,
 * renew, cancel, statusUpdate, evict) and Nacos's beat check (unhealthy, then deleted).
 */
export class RegistryState {
  readonly sp: SelfPreservation;
  private lastEvictionRun: Micros | null = null;

  constructor(readonly options: RegistryServerOptions, readonly store: RegistryStore, now: Micros) {
    this.sp = new SelfPreservation(
      options.selfPreservation, options.renewalPercentThreshold, options.expectedClientRenewalIntervalUs,
      options.expectedClientsAtStart, now,
    );
  }

  /** Applies one command at the server's local time `now`. */
  apply(cmd: RegistryCommand, now: Micros): ApplyResult {
    switch (cmd.op) {
      case "register": return this.register(cmd.info, now);
      case "renew": return this.renew(cmd.service, cmd.id, now);
      case "cancel": return this.cancel(cmd.service, cmd.id);
      case "status": return this.status(cmd.service, cmd.id, cmd.status, cmd.dirty, now);
    }
  }

  /**
   * Eureka's register: the larger lastDirtyTimestamp wins (ties go to the incoming record), a
   * record the server did not have counts towards the expected renewals, and the lease starts
   * afresh either way.
   */
  private register(incoming: InstanceInfo, now: Micros): ApplyResult {
    const existing = this.store.get(incoming.service, incoming.id);
    const info = existing && existing.info.dirty > incoming.dirty ? existing.info : { ...incoming };
    if (!existing) this.sp.onNewRegistration();
    this.store.put({ info, registeredAt: now, lastUpdate: now, lastHeard: now, healthy: true });
    return { found: true, changed: [incoming.service] };
  }

  private renew(service: string, id: string, now: Micros): ApplyResult {
    const r = this.store.get(service, id);
    if (!r) return { found: false, changed: [] };
    this.sp.onRenew(now);
    this.touch(r, now);
    if (!r.healthy) {
      r.healthy = true;
      return { found: true, changed: [service] };
    }
    return { found: true, changed: [] };
  }

  private cancel(service: string, id: string): ApplyResult {
    if (!this.store.delete(service, id)) return { found: false, changed: [] };
    this.sp.onRemoval();
    return { found: true, changed: [service] };
  }

  private status(service: string, id: string, status: InstanceStatus, dirty: Micros, now: Micros): ApplyResult {
    const r = this.store.get(service, id);
    if (!r) return { found: false, changed: [] };
    this.touch(r, now);
    if (r.info.status === status) return { found: true, changed: [] };
    r.info = { ...r.info, status, dirty: Math.max(dirty, r.info.dirty) };
    return { found: true, changed: [service] };
  }

  /** Lease.renew(): with Eureka's bug the lease's last update is set one duration ahead. */
  private touch(r: LeaseRecord, now: Micros): void {
    r.lastUpdate = this.options.eurekaLeaseBug ? now + this.options.leaseDurationUs : now;
    r.lastHeard = now;
  }

  /** Lease.isExpired(additional): strictly after last update + duration + additional. */
  isExpired(r: LeaseRecord, now: Micros, additionalUs: Micros = 0): boolean {
    return now > r.lastUpdate + this.options.leaseDurationUs + additionalUs;
  }

  /**
   * One run of the expiry task at `now`. `evict` follows AbstractInstanceRegistry.evict: nothing
   * while self-preservation holds; otherwise the expired leases, at most the eviction limit of
   * them, chosen at random (a partial Fisher-Yates shuffle, as Eureka's). The compensation for a
   * late run (a paused server) is Eureka's: the time beyond one interval since the last run.
   * `mark-unhealthy` follows Nacos's beat check: silent past the lease, unhealthy; past
   * `deleteAfterUs`, deleted.
   */
  expire(now: Micros, rng: Rng): ExpiryResult {
    const additional = this.lastEvictionRun === null ? 0 : Math.max(0, now - this.lastEvictionRun - this.options.evictionIntervalUs);
    this.lastEvictionRun = now;
    if (!this.sp.leaseExpirationEnabled(now)) return { removed: [], marked: [], preserved: true };
    if (this.options.onExpiry === "evict") {
      const expired = this.store.all().filter((r) => this.isExpired(r, now, additional));
      const limit = this.options.limitEvictionsPerRun ? this.sp.evictionLimit(this.store.size()) : expired.length;
      const toEvict = Math.min(expired.length, limit);
      const removed: LeaseRecord[] = [];
      for (let i = 0; i < toEvict; i++) {
        const j = i + rng.int(expired.length - i);
        [expired[i], expired[j]] = [expired[j], expired[i]];
        const r = expired[i];
        this.store.delete(r.info.service, r.info.id);
        this.sp.onRemoval();
        removed.push(r);
      }
      return { removed, marked: [], preserved: false };
    }
    const removed: LeaseRecord[] = [];
    const marked: LeaseRecord[] = [];
    for (const r of this.store.all()) {
      const silence = now - r.lastHeard;
      if (this.options.deleteAfterUs > 0 && silence > this.options.deleteAfterUs) {
        this.store.delete(r.info.service, r.info.id);
        this.sp.onRemoval();
        removed.push(r);
      } else if (r.healthy && silence > this.options.leaseDurationUs) {
        r.healthy = false;
        marked.push(r);
      }
    }
    return { removed, marked, preserved: false };
  }

  /**
   * A service's instances as a query answers them, with Nacos's protection threshold: when
   * healthy/all <= threshold, every instance is returned as healthy and the answer says so.
   */
  snapshot(service: string, now: Micros, server: string): ServiceSnapshot {
    const records = this.store.list(service);
    let instances: InstanceView[] = records.map((r) => ({ ...r.info, healthy: r.healthy }));
    let isProtected = false;
    const t = this.options.protectThreshold;
    if (t !== null && records.length > 0) {
      const healthy = records.filter((r) => r.healthy).length;
      if (healthy / records.length <= t) {
        isProtected = true;
        instances = instances.map((i) => (i.healthy ? i : { ...i, healthy: true }));
      }
    }
    return { service, instances, protected: isProtected, server, asOf: now };
  }
}
