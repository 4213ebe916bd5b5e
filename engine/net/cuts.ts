/**
 * Which directed node pairs a network fault cuts. Nodes are indices; `cuts(a, b)` says whether a
 * message from `a` to `b` is lost. One instance per fault, so healing one fault leaves the
 * others in force.
 */
export interface CutSet {
  /** A description for the trace: `partition [a b] [c]`. */
  readonly label: string;
  cuts(from: number, to: number): boolean;
  /** The cut directed pairs, for the trace and the visualizer (small node counts only). */
  pairs(nodeCount: number): Array<[number, number]>;
}

function pairsOf(set: CutSet, n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (n > 64) return out;
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b && set.cuts(a, b)) out.push([a, b]);
  return out;
}

/** Groups that cannot reach each other; nodes in no group form one more group. */
export function groupsCut(label: string, groupOf: Int32Array): CutSet {
  const set: CutSet = {
    label,
    cuts: (a, b) => groupOf[a] !== groupOf[b],
    pairs: (n) => pairsOf(set, n),
  };
  return set;
}

/** One direction only. */
export function oneWayCut(label: string, from: number, to: number): CutSet {
  const set: CutSet = { label, cuts: (a, b) => a === from && b === to, pairs: (n) => pairsOf(set, n) };
  return set;
}

/** Two sides that reach each other only through the bridge node, which reaches both. */
export function bridgeCut(label: string, side: Int32Array, bridge: number): CutSet {
  const set: CutSet = {
    label,
    cuts: (a, b) => a !== bridge && b !== bridge && side[a] !== side[b],
    pairs: (n) => pairsOf(set, n),
  };
  return set;
}

/**
 * Jepsen's majorities ring: nodes in a ring, each sees the nearest nodes on both sides, as few as
 * make a majority with itself; every node sees a majority and no two see the same one.
 */
export function ringCut(label: string, position: Int32Array, members: number): CutSet {
  const majority = Math.floor(members / 2) + 1;
  const reach = Math.ceil((majority - 1) / 2);
  const set: CutSet = {
    label,
    cuts: (a, b) => {
      const pa = position[a], pb = position[b];
      if (pa < 0 || pb < 0) return false;
      const d = Math.abs(pa - pb);
      return Math.min(d, members - d) > reach;
    },
    pairs: (n) => pairsOf(set, n),
  };
  return set;
}
