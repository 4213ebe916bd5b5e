import type { InstanceView, ServiceSnapshot } from "./registry-types";

/**
 * The instances a client routes to from one answer: healthy ones, and with `filterOnlyUp`
 * (Eureka's shouldFilterOnlyUpInstances, the default) only those whose status is UP. Servers use
 * the same rule to record the view their answers give, so the two can be compared.
 */
export function routable(snapshot: ServiceSnapshot, filterOnlyUp = true): InstanceView[] {
  return snapshot.instances.filter((i) => i.healthy && (!filterOnlyUp || i.status === "UP"));
}

/** The ids of a list of instances, sorted: the form in which views are recorded and compared. */
export function viewIds(instances: readonly { id: string }[]): string[] {
  return instances.map((i) => i.id).sort();
}

/** True when two sorted id lists are equal. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
