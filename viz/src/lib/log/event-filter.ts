/** What the event log shows. Empty sets mean "all". */
export interface EventFilter {
  /** Node indices. */
  nodes: ReadonlySet<number>;
  /** Kind codes. */
  kinds: ReadonlySet<number>;
  /** Message text: a message id (`#412` or `412`), a message type, or words to find in the event. */
  text: string;
}

/** The columns a filter reads. */
export interface FilterColumns {
  count: number;
  kind: Uint8Array;
  node: Int32Array;
  arrow: Int32Array;
  arrows: { type: Uint16Array; id: Float64Array };
  types: string[];
}

/** An empty filter: every event passes. */
export const NO_FILTER: EventFilter = { nodes: new Set(), kinds: new Set(), text: "" };

/**
 * The sequence numbers of the events that pass, in order. Node and kind are read from the
 * columns; the text matches a message id exactly, a message type exactly, or else any event
 * whose line contains it (case-insensitive), which needs the lines and so is the slow path.
 */
export function filterEvents(cols: FilterColumns, f: EventFilter, lineOf: (seq: number) => string): Int32Array {
  const text = f.text.trim();
  const idMatch = /^#?(\d+)$/.exec(text);
  const wantId = idMatch ? Number(idMatch[1]) : null;
  const typeIndex = !idMatch && text !== "" ? cols.types.indexOf(text) : -1;
  const needle = text.toLowerCase();
  const out = new Int32Array(cols.count);
  let n = 0;
  for (let i = 0; i < cols.count; i++) {
    if (f.kinds.size > 0 && !f.kinds.has(cols.kind[i])) continue;
    if (f.nodes.size > 0 && !f.nodes.has(cols.node[i])) continue;
    if (text !== "") {
      const a = cols.arrow[i];
      if (wantId !== null) {
        if (a < 0 || cols.arrows.id[a] !== wantId) continue;
      } else if (typeIndex >= 0) {
        if (a < 0 || cols.arrows.type[a] !== typeIndex) continue;
      } else if (!lineOf(i).toLowerCase().includes(needle)) {
        continue;
      }
    }
    out[n++] = i;
  }
  return out.slice(0, n);
}
