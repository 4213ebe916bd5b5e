import type { Instance } from "./strategy";

/**
 * Instances for the balancer's tests: `instances("a", "b")` or `instances({ a: 5, b: 1 })` for
 * weights. Each gets address `n-<id>/svc` and IP 10.0.0.<position + 1>. Not for engine use.
 */
export function instances(...spec: (string | Record<string, number>)[]): Instance[] {
  const out: Instance[] = [];
  const add = (id: string, weight: number) =>
    out.push({ id, address: `n-${id}/svc`, ip: `10.0.0.${out.length + 1}`, weight });
  for (const s of spec) {
    if (typeof s === "string") add(s, 1);
    else for (const [id, w] of Object.entries(s)) add(id, w);
  }
  return out;
}

/** `n` instances named s0..s(n-1), weight 1. */
export function numbered(n: number): Instance[] {
  return instances(...Array.from({ length: n }, (_, i) => `s${i}`));
}

/** A copy of `list` with the named instances marked down. */
export function withDown(list: readonly Instance[], ...ids: string[]): Instance[] {
  return list.map((inst) => (ids.includes(inst.id) ? { ...inst, down: true } : inst));
}

/** Picks `n` times at `now` 0 with `req` and returns the chosen ids. */
export function pickIds(
  strategy: { pick(list: readonly Instance[], req: { now: number }): Instance | undefined },
  list: readonly Instance[],
  n: number,
  req: Record<string, unknown> = {},
): (string | undefined)[] {
  return Array.from({ length: n }, () => strategy.pick(list, { now: 0, ...req })?.id);
}
