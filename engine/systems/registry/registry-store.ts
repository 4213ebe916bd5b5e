import type { Micros } from "../../core/time";
import type { InstanceInfo } from "./registry-types";

/**
 * One registered instance on one server: what it registered plus the server's own lease
 * bookkeeping, in the server's local clock. The bookkeeping never replicates: each server judges
 * leases by the renewals it sees, as Eureka's peers do.
 */
export interface LeaseRecord {
  info: InstanceInfo;
  registeredAt: Micros;
  /**
   * Eureka's Lease.lastUpdateTimestamp: the registration time, then `now + duration` at each
   * renewal when the Eureka lease bug is on (else `now`).
   */
  lastUpdate: Micros;
  /** When the server last heard from the instance (registration or renewal). */
  lastHeard: Micros;
  /** False once a `mark-unhealthy` server stopped hearing from it. */
  healthy: boolean;
}

/**
 * Where a registry server keeps its records. The in-memory store below is what the AP servers
 * use: each server applies commands to its own store and replicates the commands to peers.
 *
 * A CP registry (etcd, ZooKeeper, Consul's Raft catalog) keeps this interface and changes who
 * calls it: request handlers would propose each `RegistryCommand` to a replicated log, and every
 * replica would call `RegistryState.apply` (and so this store) only for committed entries, in log
 * order. Lease expiry would become a command the leader proposes (as etcd's lessor revokes on the
 * leader), so replicas agree on what expired, and reads would go through the leader or a read
 * index instead of the local store. Nothing here assumes it is the only writer's store.
 */
export interface RegistryStore {
  get(service: string, id: string): LeaseRecord | undefined;
  put(record: LeaseRecord): void;
  /** Removes a record; true when it existed. */
  delete(service: string, id: string): boolean;
  /** A service's records, ordered by instance id (answers never depend on insertion order). */
  list(service: string): LeaseRecord[];
  /** Service names, sorted. */
  services(): string[];
  /** Every record, by service then id. */
  all(): LeaseRecord[];
  /** Number of records (Eureka's getLocalRegistrySize). */
  size(): number;
}

/** The in-memory store: a map of services to maps of instances. A crash loses it, as Eureka's. */
export class MemoryRegistryStore implements RegistryStore {
  private readonly byService = new Map<string, Map<string, LeaseRecord>>();
  private count = 0;

  get(service: string, id: string): LeaseRecord | undefined {
    return this.byService.get(service)?.get(id);
  }

  put(record: LeaseRecord): void {
    let m = this.byService.get(record.info.service);
    if (!m) {
      m = new Map();
      this.byService.set(record.info.service, m);
    }
    if (!m.has(record.info.id)) this.count++;
    m.set(record.info.id, record);
  }

  delete(service: string, id: string): boolean {
    const m = this.byService.get(service);
    if (!m || !m.delete(id)) return false;
    this.count--;
    return true;
  }

  list(service: string): LeaseRecord[] {
    const m = this.byService.get(service);
    if (!m) return [];
    return [...m.values()].sort((a, b) => (a.info.id < b.info.id ? -1 : a.info.id > b.info.id ? 1 : 0));
  }

  services(): string[] {
    return [...this.byService.keys()].filter((s) => this.byService.get(s)!.size > 0).sort();
  }

  all(): LeaseRecord[] {
    return this.services().flatMap((s) => this.list(s));
  }

  size(): number {
    return this.count;
  }
}
