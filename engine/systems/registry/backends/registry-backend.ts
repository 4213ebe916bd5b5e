import type { Micros } from "../../../core/time";
import type { Message, Runtime } from "../../../node/runtime-api";
import type { InstanceStatus, InstanceView } from "../registry-types";
import { sameIds, viewIds } from "../routable";

/** What an instance says about itself when it registers; the client fills in the rest. */
export interface Registration {
  service: string;
  /** Default: the process address. */
  id?: string;
  weight?: number;
  status?: InstanceStatus;
}

/**
 * The registry client's interface, whatever store is behind it: this is all the service proxy
 * (through proxy/instance-source.ts) and the backends use, so swapping the store by profile
 * changes neither. `instances` answers from a local cache at once; the store behind decides how
 * the cache is filled (polling, pushes, watches) and what a registration is (a lease, a session,
 * a record).
 */
export interface RegistryBackend {
  register(r: Registration): void;
  deregister(): Promise<void>;
  setStatus(status: InstanceStatus): Promise<void>;
  instances(service: string): readonly InstanceView[];
  hasAnswer(service: string): boolean;
  whenReady(service: string, maxWait: Micros): Promise<void>;
  onChange(listener: (service: string, instances: readonly InstanceView[]) => void): void;
  /** Takes a one-way message from the store (a push, a watch event); false for others. */
  handleMessage(msg: Message): boolean;
}

interface Entry {
  instances: InstanceView[];
  ids: string[];
  answered: boolean;
  waiters: Array<() => void>;
}

/**
 * The discovery cache the CP backends share: one routable list per service, replaced whole by
 * each answer, `registry-view` (role client) recorded when the ids change (what
 * `registry-converges` compares), waiters for the first answer and change listeners. The first
 * lookup of a service calls `track`, which starts whatever keeps it fresh.
 */
export class ViewCache {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners: Array<(service: string, instances: readonly InstanceView[]) => void> = [];

  constructor(private readonly rt: Runtime, private readonly track: (service: string) => void) {}

  /** The services looked up so far. */
  services(): string[] {
    return [...this.entries.keys()];
  }

  private entry(service: string): Entry {
    let e = this.entries.get(service);
    if (!e) {
      e = { instances: [], ids: [], answered: false, waiters: [] };
      this.entries.set(service, e);
      this.track(service);
    }
    return e;
  }

  instances(service: string): readonly InstanceView[] {
    return this.entry(service).instances;
  }

  hasAnswer(service: string): boolean {
    return this.entry(service).answered;
  }

  whenReady(service: string, maxWait: Micros): Promise<void> {
    const e = this.entry(service);
    if (e.answered) return Promise.resolve();
    return Promise.race([new Promise<void>((resolve) => e.waiters.push(resolve)), this.rt.sleep(maxWait)]);
  }

  onChange(listener: (service: string, instances: readonly InstanceView[]) => void): void {
    this.listeners.push(listener);
  }

  /** Takes an answer: the routable instances of `service` as `server` gave them. */
  take(service: string, instances: InstanceView[], server: string): void {
    const e = this.entries.get(service);
    if (!e) return;
    const ids = viewIds(instances);
    const first = !e.answered;
    const changed = first || !sameIds(ids, e.ids);
    e.answered = true;
    if (!changed) return;
    e.instances = instances;
    e.ids = ids;
    this.rt.record("registry-view", { role: "client", service, ids, server });
    for (const l of this.listeners) l(service, instances);
    if (first) for (const w of e.waiters.splice(0)) w();
  }
}

/**
 * The discovery half of `RegistryBackend` that every CP backend answers from its `ViewCache`
 * alike: a backend extends it, builds its cache, and keeps the cache fresh its own way.
 */
export abstract class CachedDiscovery {
  protected abstract readonly cache: ViewCache;

  instances(service: string): readonly InstanceView[] {
    return this.cache.instances(service);
  }

  hasAnswer(service: string): boolean {
    return this.cache.hasAnswer(service);
  }

  whenReady(service: string, maxWait: Micros): Promise<void> {
    return this.cache.whenReady(service, maxWait);
  }

  onChange(listener: (service: string, instances: readonly InstanceView[]) => void): void {
    this.cache.onChange(listener);
  }
}
