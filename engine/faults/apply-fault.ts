import type { Micros } from "../core/time";
import type { Json } from "../core/json";
import type { Metrics } from "../node/runtime-api";
import type { NodeState } from "../node/node-state";
import type { ProcessHost } from "../node/process-host";
import type { Network } from "../net/network";
import type { FaultAction } from "./fault-spec";
import { bridgeCut, groupsCut, oneWayCut, ringCut, type CutSet } from "../net/cuts";

/** The trace events a fault writes. */
export type FaultTraceKind = "crash" | "restart" | "pause" | "resume" | "partition" | "heal" | "clock" | "link";

/**
 * What a fault acts on: the world implements it. Faults reach the run only through this, so the
 * fault layer needs neither the world nor the loop.
 */
export interface FaultTarget {
  readonly now: Micros;
  readonly nodes: readonly NodeState[];
  readonly hosts: readonly ProcessHost[];
  readonly network: Network;
  readonly metrics: Metrics;
  readonly rec: { node(time: Micros, kind: FaultTraceKind, node: number, fields: Record<string, Json> | null): number } | null;
  /** Puts the events a paused node held back into the queue, in their order, at `now`. */
  release(node: NodeState): void;
}

/** Undoes a fault (restart after crash, heal after partition...). */
export type Undo = () => void;

/** Looks a node name up; the scenario was validated, so a miss is an internal error. */
function nodeIndex(k: FaultTarget, name: string): number {
  const n = k.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`fault names unknown node "${name}"`);
  return n.index;
}

/** Crashes a node: every process on it loses memory, timers and unsynced writes. */
export function crashNode(k: FaultTarget, i: number): boolean {
  const node = k.nodes[i];
  if (node.down) return false;
  node.down = true;
  node.paused = false;
  node.deferred = [];
  let lost = 0;
  for (const p of node.procs) lost += k.hosts[p].crash();
  k.rec?.node(k.now, "crash", i, { lostWrites: lost });
  k.metrics.count("faults.crash");
  return true;
}

/** Restarts a crashed node: its processes are built anew and recover from disk. */
export function restartNode(k: FaultTarget, i: number): void {
  const node = k.nodes[i];
  if (!node.down) return;
  node.down = false;
  k.rec?.node(k.now, "restart", i, null);
  for (const p of node.procs) {
    const host = k.hosts[p];
    // A process that ran, or whose start time came while the node was down, starts now; one whose
    // start time is still ahead keeps it.
    if (host.incarnation >= 0 || host.startMissed) host.start();
  }
}

function pauseNode(k: FaultTarget, i: number): boolean {
  const node = k.nodes[i];
  if (node.down || node.paused) return false;
  node.paused = true;
  k.rec?.node(k.now, "pause", i, null);
  return true;
}

function resumeNode(k: FaultTarget, i: number): void {
  const node = k.nodes[i];
  if (!node.paused) return;
  node.paused = false;
  k.rec?.node(k.now, "resume", i, { held: node.deferred.length });
  k.release(node);
}

function addCut(k: FaultTarget, cut: CutSet): Undo {
  k.network.addCut(cut);
  const pairs = cut.pairs(k.nodes.length).map(([a, b]) => [k.nodes[a].name, k.nodes[b].name]);
  k.rec?.node(k.now, "partition", -1, { fault: cut.label, cuts: pairs as Json });
  k.metrics.count("faults.partition");
  return () => {
    if (k.network.removeCut(cut)) k.rec?.node(k.now, "heal", -1, { fault: cut.label });
  };
}

function groupsOf(k: FaultTarget, groups: string[][]): Int32Array {
  const g = new Int32Array(k.nodes.length).fill(groups.length);
  groups.forEach((members, gi) => { for (const m of members) g[nodeIndex(k, m)] = gi; });
  return g;
}

/** Applies one fault now; returns how to undo it, or null when it has no undo. */
export function applyFault(k: FaultTarget, f: FaultAction): Undo | null {
  switch (f.action) {
    case "crash": {
      const i = nodeIndex(k, f.node);
      return crashNode(k, i) ? () => restartNode(k, i) : null;
    }
    case "restart":
      restartNode(k, nodeIndex(k, f.node));
      return null;
    case "pause": {
      const i = nodeIndex(k, f.node);
      return pauseNode(k, i) ? () => resumeNode(k, i) : null;
    }
    case "resume":
      resumeNode(k, nodeIndex(k, f.node));
      return null;
    case "partition": {
      const label = `partition ${f.groups.map((g) => `[${g.join(" ")}]`).join(" ")}`;
      return addCut(k, groupsCut(label, groupsOf(k, f.groups)));
    }
    case "isolate":
      return addCut(k, groupsCut(`isolate ${f.node}`, groupsOf(k, [[f.node]])));
    case "cut":
      return addCut(k, oneWayCut(`cut ${f.from} -> ${f.to}`, nodeIndex(k, f.from), nodeIndex(k, f.to)));
    case "bridge": {
      const side = groupsOf(k, f.groups);
      const label = `bridge [${f.groups[0].join(" ")}] ${f.bridge} [${f.groups[1].join(" ")}]`;
      return addCut(k, bridgeCut(label, side, nodeIndex(k, f.bridge)));
    }
    case "ring": {
      const pos = Int32Array.from(k.nodes, (_n, i) => i);
      return addCut(k, ringCut("majorities ring", pos, k.nodes.length));
    }
    case "heal": {
      for (const cut of [...k.network.cuts]) {
        k.network.removeCut(cut);
        k.rec?.node(k.now, "heal", -1, { fault: cut.label });
      }
      return null;
    }
    case "skew": {
      const i = nodeIndex(k, f.node);
      const clock = k.nodes[i].clock;
      clock.step(k.now, f.offset);
      k.rec?.node(k.now, "clock", i, { offset: clock.offset(k.now), driftPpm: clock.driftPpm });
      return () => {
        clock.step(k.now, -f.offset);
        k.rec?.node(k.now, "clock", i, { offset: clock.offset(k.now), driftPpm: clock.driftPpm });
      };
    }
    case "drift": {
      const i = nodeIndex(k, f.node);
      const clock = k.nodes[i].clock;
      const before = clock.driftPpm;
      clock.setDrift(k.now, f.ppm);
      k.rec?.node(k.now, "clock", i, { offset: clock.offset(k.now), driftPpm: f.ppm });
      return () => {
        clock.setDrift(k.now, before);
        k.rec?.node(k.now, "clock", i, { offset: clock.offset(k.now), driftPpm: before });
      };
    }
    case "link": {
      const from = f.from === undefined ? -1 : nodeIndex(k, f.from);
      const to = f.to === undefined ? -1 : nodeIndex(k, f.to);
      const token = k.network.override(from, to, f.link);
      const fields = { from: f.from ?? "*", to: f.to ?? "*", link: f.link as unknown as Json };
      k.rec?.node(k.now, "link", -1, fields);
      return () => {
        k.network.revert(token);
        k.rec?.node(k.now, "link", -1, { ...fields, reverted: true });
      };
    }
  }
}
