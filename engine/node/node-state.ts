import type { NodeClock } from "./node-clock";

const DOWN = 1, PAUSED = 2;

/**
 * What the kernel knows of a node. `down` and `paused` live in a typed array shared by all nodes
 * of the run, so the hot path reads one byte per node instead of following an object.
 */
export class NodeState {
  /** Process indices hosted here. */
  readonly procs: number[] = [];
  /** Events that arrived while paused, run in order at resume. */
  deferred: unknown[] = [];

  constructor(
    private readonly flags: Uint8Array,
    readonly index: number,
    readonly name: string,
    readonly zone: string,
    readonly ip: string,
    readonly clock: NodeClock,
  ) {}

  get down(): boolean {
    return (this.flags[this.index] & DOWN) !== 0;
  }

  set down(v: boolean) {
    this.flags[this.index] = v ? this.flags[this.index] | DOWN : this.flags[this.index] & ~DOWN;
  }

  get paused(): boolean {
    return (this.flags[this.index] & PAUSED) !== 0;
  }

  set paused(v: boolean) {
    this.flags[this.index] = v ? this.flags[this.index] | PAUSED : this.flags[this.index] & ~PAUSED;
  }
}

/** Flag bits of `Kernel.nodeFlags`. */
export const NODE_DOWN = DOWN, NODE_PAUSED = PAUSED;

/** The deterministic IPv4 of the i-th node (0-based): 10.0.0.1, 10.0.0.2, ... */
export function defaultIp(i: number): string {
  const x = i + 1;
  return `10.${(x >> 16) & 255}.${(x >> 8) & 255}.${x & 255}`;
}
