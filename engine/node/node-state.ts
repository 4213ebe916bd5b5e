import type { NodeClock } from "./node-clock";

/** What the kernel knows of a node. */
export interface NodeState {
  readonly index: number;
  readonly name: string;
  readonly zone: string;
  readonly ip: string;
  readonly clock: NodeClock;
  /** Process indices hosted here. */
  readonly procs: number[];
  down: boolean;
  paused: boolean;
  /** Events that arrived while paused, run in order at resume. */
  deferred: unknown[];
}

/** The deterministic IPv4 of the i-th node (0-based): 10.0.0.1, 10.0.0.2, ... */
export function defaultIp(i: number): string {
  const x = i + 1;
  return `10.${(x >> 16) & 255}.${(x >> 8) & 255}.${x & 255}`;
}
