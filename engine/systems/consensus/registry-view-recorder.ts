import type { Json } from "../../core/json";

/**
 * The key layout of the CP registries (registry/backends/), shared by the state machines that
 * record what a discovery query would return and by the clients that write and read it:
 *
 * - `/services/<service>/<id>` (the id URI-encoded): the instance record (its InstanceInfo as the value). etcd puts it
 *   under the instance's lease; ZooKeeper makes it an ephemeral znode; Consul's catalog and
 *   Nacos's persistent instances keep it until it is deregistered.
 * - `/checks/<service>/<id>`: Consul's TTL health check, put under a lease of the check's TTL;
 *   an instance whose record asks for a check (`check: true`) is routed to only while it exists.
 * - `/health/<service>/<id>`: Nacos's health verdict for a persistent instance, written by the
 *   server's health checker; `false` takes the instance out of discovery answers.
 */
export const REGISTRY_ROOTS = { services: "/services", checks: "/checks", health: "/health" } as const;

/** The key of an instance under a root; the id is URI-encoded, since instance ids are addresses (`b1/api`). */
export function registryKey(root: keyof typeof REGISTRY_ROOTS, service: string, id: string): string {
  return `${REGISTRY_ROOTS[root]}/${service}/${encodeURIComponent(id)}`;
}

/** The service and instance id a registry key is about, and which kind of key it is; null for any other key. */
export function registryKeyOf(key: string): { root: keyof typeof REGISTRY_ROOTS; service: string; id: string } | null {
  const parts = key.split("/");
  if (parts.length !== 4 || parts[0] !== "") return null;
  const root = (Object.keys(REGISTRY_ROOTS) as Array<keyof typeof REGISTRY_ROOTS>).find((r) => REGISTRY_ROOTS[r] === `/${parts[1]}`);
  if (!root || parts[2] === "" || parts[3] === "") return null;
  return { root, service: parts[2], id: decodeURIComponent(parts[3]) };
}

/** Whether an instance record is routable given its check and health keys (the rule every CP backend applies). */
export function routableRecord(record: Json | undefined, hasCheck: boolean, health: Json | undefined): boolean {
  if (record === undefined || record === null || typeof record !== "object" || Array.isArray(record)) return false;
  const r = record as Record<string, Json>;
  if (r.check === true && !hasCheck) return false;
  if (health === false) return false;
  return r.status === undefined || r.status === "UP";
}

/**
 * Records `registry-view` (role server) whenever the routable instances of a service change in a
 * CP store's applied state, in the form the registry servers record it, so that
 * `no-stale-routing` and `registry-converges` judge a CP registry as they judge an AP one. Each
 * replica records as it applies, so "removed on some server" is "removed by a committed entry
 * that this replica applied". The last view is memory only: a restarted replica records its
 * views again as it re-applies its log.
 */
export class RegistryViewRecorder {
  private readonly last = new Map<string, string[]>();

  constructor(private readonly record: (event: string, fields: Record<string, Json>) => void) {}

  /** Records the service's routable ids if they differ from the last recorded; `cause` says why. */
  update(service: string, ids: readonly string[], cause: string): void {
    const now = [...ids].sort();
    const before = this.last.get(service) ?? [];
    if (now.length === before.length && now.every((id, i) => id === before[i])) return;
    this.last.set(service, now);
    const added = now.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !now.includes(id));
    this.record("registry-view", { role: "server", service, ids: now, added, removed, cause });
  }
}
