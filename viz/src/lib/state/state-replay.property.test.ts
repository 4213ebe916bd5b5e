import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyPatches, enablePatches, produceWithPatches, type Patch } from "immer";
import { StateReplay } from "./state-replay";

enablePatches();

const STATE = 13;

/** A change a process may make to its state. */
type Op = { k: "set"; key: string; v: number } | { k: "del"; key: string } | { k: "push"; v: number } | { k: "phase"; v: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant("set" as const), key: fc.constantFrom("a", "b", "c"), v: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ k: fc.constant("del" as const), key: fc.constantFrom("a", "b", "c") }),
  fc.record({ k: fc.constant("push" as const), v: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ k: fc.constant("phase" as const), v: fc.constantFrom("init", "prepared", "committed") }),
);

/** Builds a trace-like column set: events of two lanes interleaved, state events carrying patches. */
function build(ops: Array<{ lane: number; op: Op; noise: boolean }>) {
  const kind: number[] = [], lane: number[] = [], patches: Patch[][] = [];
  const truth: unknown[][] = [[], []];
  const states: Array<Record<string, unknown>> = [{ list: [] }, { list: [] }];
  const init: Patch[] = [{ op: "replace", path: [], value: { list: [] } }];
  for (const l of [0, 1]) {
    kind.push(STATE); lane.push(l); patches.push(init);
  }
  for (const { lane: l, op: o, noise } of ops) {
    if (noise) {
      kind.push(1); lane.push(l); patches.push([]);
      continue;
    }
    const [next, p] = produceWithPatches(states[l], (d: Record<string, unknown>) => {
      if (o.k === "set") d[o.key] = o.v;
      else if (o.k === "del") delete d[o.key];
      else if (o.k === "push") (d.list as number[]).push(o.v);
      else d.phase = o.v;
    });
    states[l] = next;
    kind.push(STATE); lane.push(l); patches.push(p);
  }
  // The truth at every event: apply everything up to it, from scratch.
  const n = kind.length;
  for (const l of [0, 1]) {
    let s: unknown = {};
    for (let i = 0; i < n; i++) {
      if (kind[i] === STATE && lane[i] === l) s = applyPatches(s as object, patches[i]);
      truth[l].push(s);
    }
  }
  return { cols: { count: n, kind: Uint8Array.from(kind), lane: Int32Array.from(lane) }, patches, truth };
}

describe("state replay", () => {
  it("state replay: any order of seeks gives the state a full replay gives", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ lane: fc.integer({ min: 0, max: 1 }), op, noise: fc.boolean() }), { minLength: 1, maxLength: 120 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        (ops, seeks, interval) => {
          const { cols, patches, truth } = build(ops);
          const replay = new StateReplay(cols, 2, STATE, (seq) => patches[seq], interval);
          for (const s of seeks) {
            const seq = s % cols.count;
            for (const l of [0, 1]) expect(replay.stateAt(l, seq).state).toEqual(truth[l][seq]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("state replay: stepping backwards one event at a time matches a full replay", () => {
    const ops = Array.from({ length: 300 }, (_, i) => ({ lane: i % 2, op: { k: "set", key: "a", v: i % 10 } as Op, noise: i % 7 === 0 }));
    const { cols, patches, truth } = build(ops);
    const replay = new StateReplay(cols, 2, STATE, (seq) => patches[seq], 16);
    for (let seq = cols.count - 1; seq >= 0; seq--) {
      expect(replay.stateAt(0, seq).state).toEqual(truth[0][seq]);
      expect(replay.stateAt(1, seq).state).toEqual(truth[1][seq]);
    }
  });

  it("state replay: reports the last state event and its patches as what changed", () => {
    const { cols, patches } = build([{ lane: 0, op: { k: "phase", v: "prepared" }, noise: false }, { lane: 1, op: { k: "set", key: "b", v: 1 }, noise: false }]);
    const replay = new StateReplay(cols, 2, STATE, (seq) => patches[seq], 64);
    const at = replay.stateAt(0, cols.count - 1);
    expect(at.seq).toBe(2);
    expect(at.patches).toEqual([{ op: "add", path: ["phase"], value: "prepared" }]);
    expect(replay.stateAt(0, -1)).toEqual({ state: {}, seq: -1, patches: [] });
  });

  it("state replay: a patch that does not apply leaves the state as it was", () => {
    const cols = { count: 2, kind: Uint8Array.from([STATE, STATE]), lane: Int32Array.from([0, 0]) };
    const bad: Patch[][] = [[{ op: "add", path: ["x"], value: 1 }], [{ op: "replace", path: ["missing", "deep"], value: 2 }]];
    const replay = new StateReplay(cols, 1, STATE, (seq) => bad[seq]);
    expect(replay.stateAt(0, 1).state).toEqual({ x: 1 });
  });
});

describe("state replay warm-up", () => {
  it("state replay: snapshots built ahead of time give the same states, and warming stops when done", () => {
    const ops = Array.from({ length: 500 }, (_, i) => ({ lane: i % 2, op: { k: "push", v: i % 10 } as Op, noise: false }));
    const { cols, patches, truth } = build(ops);
    let applied = 0;
    const replay = new StateReplay(cols, 2, STATE, (seq) => {
      applied++;
      return patches[seq];
    }, 8);
    let clock = 0;
    let rounds = 0;
    while (replay.warm(5, () => (clock += 1))) rounds++;
    expect(rounds).toBeGreaterThan(3);
    const warmCost = applied;
    expect(replay.warm(5, () => (clock += 1))).toBe(false);
    for (const seq of [cols.count - 1, 3, 250, 17]) {
      for (const l of [0, 1]) expect(replay.stateAt(l, seq).state).toEqual(truth[l][seq]);
    }
    // With every snapshot ready, a seek applies fewer than `interval` patches per lane.
    expect(applied - warmCost).toBeLessThan(4 * 2 * 8 + 8);
  });
});

describe("state replay snapshots from elsewhere", () => {
  it("state replay: adopted snapshots (as the worker sends them) give the same states", () => {
    const ops = Array.from({ length: 400 }, (_, i) => ({ lane: i % 2, op: { k: "set", key: "abc"[i % 3], v: i % 10 } as Op, noise: i % 5 === 0 }));
    const { cols, patches, truth } = build(ops);
    const worker = new StateReplay(cols, 2, STATE, (seq) => patches[seq], 16);
    worker.warm(Infinity, () => 0);
    const sent = structuredClone(worker.exportSnapshots());
    let applied = 0;
    const page = new StateReplay(cols, 2, STATE, (seq) => (applied++, patches[seq]), 16);
    page.adopt(sent, 16);
    for (const seq of [cols.count - 1, 200, 5, 333]) {
      for (const l of [0, 1]) expect(page.stateAt(l, seq).state).toEqual(truth[l][seq]);
    }
    expect(applied).toBeLessThan(4 * 2 * 17);
    const other = new StateReplay(cols, 2, STATE, (seq) => patches[seq], 8);
    other.adopt(sent, 16);
    expect(other.exportSnapshots().every((l) => l.length === 0)).toBe(true);
  });
});
