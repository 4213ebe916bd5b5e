import type { Patch } from "immer";
import { StateReplay } from "../lib/state/state-replay";
import { K } from "../lib/trace/event-kinds";

/** Snapshot spacing, in state events per lane; the page's replay uses the same. */
export const SNAPSHOT_INTERVAL = 64;

/**
 * Replays every lane's state patches once and returns the snapshots, for the page to adopt.
 * The worker does this after it has sent the bundle, on its own thread, so the page's first
 * scrub across a long run finds the snapshots ready instead of replaying patches itself.
 */
export function makeSnapshots(kind: Uint8Array, lane: Int32Array, laneCount: number, patchesOf: (seq: number) => readonly Patch[]): Array<Array<[number, unknown]>> {
  const replay = new StateReplay({ count: kind.length, kind, lane }, laneCount, K.state, patchesOf, SNAPSHOT_INTERVAL);
  replay.warm(Infinity, () => 0);
  return replay.exportSnapshots();
}
