import type { Patch } from "immer";

/** One line of a state as the panel shows it: a dotted path and a short value. */
export interface StateRow {
  path: string;
  value: string;
  depth: number;
  /** True when the last state event touched this path, or something inside it. */
  changed: boolean;
}

/** The dotted form of a patch path. */
export function pathText(path: ReadonlyArray<string | number>): string {
  return path.map(String).join(".");
}

function short(v: unknown): string {
  if (v === undefined) return "undefined";
  const s = JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + "…" : s;
}

/**
 * Flattens a state into rows, depth first, at most `maxRows` of them; lists longer than
 * `maxList` show their length instead of their items. A row is marked changed when the last
 * patches touched its path, inside it, or replaced something around it.
 */
export function flattenState(state: unknown, changedBy: readonly Patch[], maxRows = 200, maxList = 12): StateRow[] {
  const changed = changedBy.map((p) => pathText(p.path));
  const isChanged = (path: string) => changed.some((c) => c === path || c === "" || c.startsWith(path + ".") || path.startsWith(c + "."));
  const rows: StateRow[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (rows.length >= maxRows) return;
    if (v !== null && typeof v === "object") {
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v as Record<string, unknown>);
      if (path !== "") {
        const summary = Array.isArray(v) ? `[${v.length}]` : `{${entries.length}}`;
        const simple = entries.length === 0 || (Array.isArray(v) && v.length > maxList);
        rows.push({ path, value: simple ? short(v).length <= 40 ? short(v) : summary : summary, depth, changed: isChanged(path) });
        if (simple) return;
      }
      for (const [k, x] of entries) walk(x, path === "" ? k : `${path}.${k}`, path === "" ? 0 : depth + 1);
      return;
    }
    rows.push({ path, value: short(v), depth, changed: isChanged(path) });
  };
  walk(state, "", 0);
  return rows;
}
