import type { Micros } from "../core/time";
import type { LatencySpec, LinkSpec } from "../net/latency-spec";

/** One fault action. Node names, not addresses: a fault hits a whole machine. */
export type FaultAction =
  | { action: "crash"; node: string }
  | { action: "restart"; node: string }
  | { action: "pause"; node: string }
  | { action: "resume"; node: string }
  /** Split into groups; nodes in no group form one more group. */
  | { action: "partition"; groups: string[][] }
  | { action: "isolate"; node: string }
  /** One direction only: messages from `from` to `to` are lost. */
  | { action: "cut"; from: string; to: string }
  /** Two sides that see each other only through `bridge`, which sees both. */
  | { action: "bridge"; groups: [string[], string[]]; bridge: string }
  /** Every node sees a majority, and no two majorities are the same (Jepsen's majorities ring). */
  | { action: "ring" }
  /** Heals every partition, cut, bridge and ring. */
  | { action: "heal" }
  /** Steps the node's clock by `offset` (local time = virtual time + skew). */
  | { action: "skew"; node: string; offset: Micros }
  | { action: "drift"; node: string; ppm: number }
  /** Changes what links do (slow, lossy, duplicating) between `from` and `to` (all when absent). */
  | { action: "link"; from?: string; to?: string; link: LinkSpec };

/** A scripted fault: at `at` do the action; with `duration`, undo it at `at + duration`. */
export type FaultSpec = FaultAction & { at: Micros; duration?: Micros };

/** The fault kinds the nemesis can draw, with their relative weights. */
export type NemesisKind = "crash" | "pause" | "partition" | "isolate" | "cut" | "bridge" | "ring" | "skew" | "slow" | "loss";

/**
 * A random nemesis. It draws its whole schedule before the run, from its own stream, so its
 * faults are a concrete schedule that replays the run without it.
 */
export interface NemesisSpec {
  mix: Partial<Record<NemesisKind, number>>;
  /** Time between the starts of two faults. */
  interval: LatencySpec;
  /** How long a fault lasts before it is healed. */
  duration: LatencySpec;
  /** Window in which faults start; default from 0 to 80 % of the scenario's duration. */
  from?: Micros;
  until?: Micros;
  /** Nodes the nemesis may touch; default all. */
  targets?: string[];
  /** Most faults in force at once; default 1. */
  maxConcurrent?: number;
  /** Largest clock step for `skew` faults, either way; default 1 s. */
  skewMax?: Micros;
  /** Latency of a `slow` link; default exponential with a 200 ms mean. */
  slowLatency?: LatencySpec;
  /** Loss ratio of a `loss` link; default 0.5. */
  lossRatio?: number;
}

/** What a trigger waits for. Every given field must match. */
export interface TriggerMatch {
  on: "send" | "deliver" | "record";
  /** For send/deliver: sender address or node; for record: the recording process. */
  from?: string;
  to?: string;
  /** Message type (send/deliver) or history event name (record). */
  type?: string;
  /** Fire at the n-th match (1-based, default 1). */
  nth?: number;
}

/**
 * A fault triggered by an event: "when the coordinator sends COMMIT to p1, crash the
 * coordinator". It fires inside the event that matched, so a crash stops the rest of the handler.
 */
export interface TriggerSpec {
  when: TriggerMatch;
  do: FaultAction;
  /** Undo after this long. */
  duration?: Micros;
}
