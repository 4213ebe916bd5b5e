/**
 * Numbers from a process's published state worth a badge on its node: the consensus term, a
 * lease, a queue's depth. (Roles, breaker states and phases come from the bundle's status
 * segments, which are time-indexed; these need the state replay, so the view asks for them only
 * when there are few nodes.) Read at the top level and one level down (`raft.term`).
 */
const FIELDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(term|currentTerm|epoch)$/, "term"],
  [/^(lease|leaseId|leaseUntil|leaseExpires|leaseExpiry|leaseRemaining)$/, "lease"],
  [/^(queued|queue|queueDepth|depth|backlog|pending|lag|unacked)$/, "queue"],
];

function show(v: unknown): string | null {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(1);
  if (typeof v === "string" && v.length <= 16) return v;
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v)) return String(v.length);
  return null;
}

/** Badges such as `term 3`, `queue 12`, at most `max`, in the order of `FIELDS`. */
export function stateBadges(state: unknown, max = 2): string[] {
  if (state === null || typeof state !== "object" || Array.isArray(state)) return [];
  const found = new Map<string, string>();
  const look = (obj: Record<string, unknown>, depth: number) => {
    for (const [k, v] of Object.entries(obj)) {
      for (const [re, name] of FIELDS) {
        if (found.has(name) || !re.test(k)) continue;
        const text = show(v);
        if (text !== null) found.set(name, `${name} ${text}`);
      }
      if (depth === 0 && v !== null && typeof v === "object" && !Array.isArray(v)) look(v as Record<string, unknown>, 1);
    }
  };
  look(state as Record<string, unknown>, 0);
  const out: string[] = [];
  for (const [, name] of FIELDS) {
    const b = found.get(name);
    if (b !== undefined && out.length < max) out.push(b);
  }
  return out;
}
