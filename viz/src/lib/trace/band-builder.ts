import type { Band } from "./trace-bundle";

/**
 * Turns fault events into bands: crash to restart is downtime, pause to resume a stall,
 * partition to heal a cut network. A heal names the fault it undoes; a heal that names none
 * of the open partitions (the `heal` action) closes them all. Bands still open at the end of
 * the trace run to its end.
 */
export class BandBuilder {
  private bands: Band[] = [];
  private down = new Map<number, Band>();
  private paused = new Map<number, Band>();
  private partitions: Band[] = [];

  crash(t: number, seq: number, node: number): void {
    if (this.down.has(node)) return;
    const b: Band = { kind: "down", node, t0: t, t1: Infinity, seq0: seq, seq1: -1, label: "down" };
    this.down.set(node, b);
    this.bands.push(b);
    // A crash ends a stall: the node is down now, not paused.
    this.close(this.paused, node, t, seq);
  }

  restart(t: number, seq: number, node: number): void {
    this.close(this.down, node, t, seq);
  }

  pause(t: number, seq: number, node: number): void {
    if (this.paused.has(node) || this.down.has(node)) return;
    const b: Band = { kind: "paused", node, t0: t, t1: Infinity, seq0: seq, seq1: -1, label: "paused" };
    this.paused.set(node, b);
    this.bands.push(b);
  }

  resume(t: number, seq: number, node: number): void {
    this.close(this.paused, node, t, seq);
  }

  partition(t: number, seq: number, label: string, cuts: Array<[number, number]>): void {
    const b: Band = { kind: "partition", node: -1, t0: t, t1: Infinity, seq0: seq, seq1: -1, label, cuts };
    this.partitions.push(b);
    this.bands.push(b);
  }

  heal(t: number, seq: number, label: string): void {
    const match = this.partitions.filter((b) => b.label === label);
    const closing = match.length > 0 ? match : this.partitions;
    for (const b of closing) {
      b.t1 = t;
      b.seq1 = seq;
    }
    this.partitions = this.partitions.filter((b) => !closing.includes(b));
  }

  /** True while the node is down (its status segments end at a crash). */
  isDown(node: number): boolean {
    return this.down.has(node);
  }

  /** Every band, those still open ending at `tEnd`. */
  finish(tEnd: number): Band[] {
    for (const b of this.bands) if (b.t1 === Infinity) b.t1 = tEnd;
    return this.bands;
  }

  private close(open: Map<number, Band>, node: number, t: number, seq: number): void {
    const b = open.get(node);
    if (!b) return;
    b.t1 = t;
    b.seq1 = seq;
    open.delete(node);
  }
}
