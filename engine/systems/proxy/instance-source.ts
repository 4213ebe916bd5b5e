import type { Micros } from "../../core/time";
import type { Message, Runtime } from "../../node/runtime-api";
import type { Instance } from "../balancer/strategy";
import type { InstanceView } from "../registry/registry-types";
import type { RegistryClientOptions } from "../registry/client-options";
import { RegistryClient } from "../registry/registry-client";

/**
 * Where a proxy's instance lists come from: a static list per service (Ribbon's listOfServers),
 * or the registry client's cache. Lists are handed to the balancer as immutable values: the same
 * array while the membership is unchanged, a new one when it changes, which is what the
 * strategies' membership caches rely on.
 */
export class InstanceSource {
  private registry: RegistryClient | null = null;
  private readonly fixed = new Map<string, Instance[]>();
  private readonly mapped = new Map<string, { from: readonly InstanceView[]; to: Instance[] }>();

  constructor(private readonly rt: Runtime, statics: Record<string, string[]>, private readonly registryOptions: RegistryClientOptions) {
    const dir = rt.directory();
    for (const [service, addresses] of Object.entries(statics)) {
      this.fixed.set(service, addresses.map((address) => {
        const p = dir.find((d) => d.address === address);
        if (!p) throw new Error(`${rt.address}: instances.${service} names "${address}", which is not a process in this scenario`);
        return { id: address, address, ip: p.ip, weight: 1, zone: p.zone };
      }));
    }
  }

  /** True when `service` has a static list. */
  isStatic(service: string): boolean {
    return this.fixed.has(service);
  }

  /** The registry client, created on first use (a proxy with only static lists never has one). */
  client(): RegistryClient {
    if (!this.registry) this.registry = new RegistryClient(this.rt, this.registryOptions);
    return this.registry;
  }

  /** Waits, at most `maxWait`, until the registry has answered about `service` once. */
  async ready(service: string, maxWait: Micros): Promise<void> {
    if (this.fixed.has(service)) return;
    const c = this.client();
    if (!c.hasAnswer(service)) await c.whenReady(service, maxWait);
  }

  /** The current instances of `service`, as balancer instances. */
  list(service: string): readonly Instance[] {
    const f = this.fixed.get(service);
    if (f) return f;
    const views = this.client().instances(service);
    const m = this.mapped.get(service);
    if (m && m.from === views) return m.to;
    const to = views.map((v): Instance => ({ id: v.id, address: v.address, ip: v.ip, weight: v.weight, zone: v.zone }));
    const prev = m?.to;
    const same = prev !== undefined && prev.length === to.length &&
      prev.every((p, i) => p.id === to[i].id && p.address === to[i].address && p.weight === to[i].weight);
    const out = same ? prev! : to;
    this.mapped.set(service, { from: views, to: out });
    return out;
  }

  /** Hands registry pushes to the registry client. */
  handleMessage(msg: Message): boolean {
    return this.registry ? this.registry.handleMessage(msg) : false;
  }
}
