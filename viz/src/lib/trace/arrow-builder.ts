import { f64, i32, u8 } from "./growable";
import { StringTable } from "./string-table";
import { DELIVERED, DROPPED, IN_FLIGHT, type ArrowTable } from "./trace-bundle";

/**
 * Pairs each delivery or drop with its send (they share the message id) while the trace
 * streams past, and at the end adds one arrow for every message still in flight.
 */
export class ArrowBuilder {
  private sendById = new Map<number, number>();
  private sT = f64();
  private sPid = i32();
  private sToPid = i32();
  private sSeq = i32();
  private sType = i32();
  private sId = f64();
  private sEnds = i32();
  private aSend = i32();
  private aEndT = f64();
  private aEndPid = i32();
  private aStatus = u8();
  private aReason = u8();
  private aEndSeq = i32();
  /** Message types seen. */
  readonly types = new StringTable();
  /** Drop reasons seen. */
  readonly reasons = new StringTable();

  /** A message left `pid` (a provisional lane id) for `toPid`. */
  send(t: number, seq: number, id: number, pid: number, toPid: number, type: string): void {
    const s = this.sT.length;
    this.sendById.set(id, s);
    this.sT.push(t);
    this.sPid.push(pid);
    this.sToPid.push(toPid);
    this.sSeq.push(seq);
    this.sType.push(this.types.id(type));
    this.sId.push(id);
    this.sEnds.push(0);
  }

  /** A message reached `pid`. Returns false when no send had that id (a truncated trace). */
  deliver(t: number, seq: number, id: number, pid: number): boolean {
    return this.end(t, seq, id, pid, DELIVERED, 0);
  }

  /** A message died at `pid`, for `reason`. */
  drop(t: number, seq: number, id: number, pid: number, reason: string): boolean {
    return this.end(t, seq, id, pid, DROPPED, this.reasons.id(reason));
  }

  /** The provisional lane a message with this id was sent from, or -1. */
  senderOf(id: number): number {
    const s = this.sendById.get(id);
    return s === undefined ? -1 : this.sPid.get(s);
  }

  private end(t: number, seq: number, id: number, pid: number, status: number, reason: number): boolean {
    const s = this.sendById.get(id);
    if (s === undefined) return false;
    this.sEnds.set(s, this.sEnds.get(s) + 1);
    this.aSend.push(s);
    this.aEndT.push(t);
    this.aEndPid.push(pid);
    this.aStatus.push(status);
    this.aReason.push(reason);
    this.aEndSeq.push(seq);
    return true;
  }

  /** The arrows sorted by send time, with lanes mapped from provisional ids to final lanes. */
  finish(laneOf: Int32Array, tEnd: number): ArrowTable {
    for (let s = 0; s < this.sT.length; s++) {
      if (this.sEnds.get(s) === 0) {
        this.aSend.push(s);
        this.aEndT.push(tEnd);
        this.aEndPid.push(this.sToPid.get(s));
        this.aStatus.push(IN_FLIGHT);
        this.aReason.push(0);
        this.aEndSeq.push(-1);
      }
    }
    const n = this.aSend.length;
    // Sends were added in trace order, so ordering arrows by (send time, send seq) is ordering
    // them by send index: a counting sort, linear in the number of arrows, stable within a send.
    const sends = this.sT.length;
    const start = new Int32Array(sends + 1);
    for (let a = 0; a < n; a++) start[this.aSend.get(a) + 1]++;
    for (let s = 0; s < sends; s++) start[s + 1] += start[s];
    const order = new Int32Array(n);
    for (let a = 0; a < n; a++) order[start[this.aSend.get(a)]++] = a;
    const sendOf = (a: number) => this.aSend.get(a);
    const table: ArrowTable = {
      count: n,
      sendT: new Float64Array(n), endT: new Float64Array(n),
      fromLane: new Int32Array(n), toLane: new Int32Array(n),
      status: new Uint8Array(n), reason: new Uint8Array(n), type: new Uint16Array(n), id: new Float64Array(n),
      sendSeq: new Int32Array(n), endSeq: new Int32Array(n), maxSpan: 0,
    };
    for (let i = 0; i < n; i++) {
      const a = order[i];
      const s = sendOf(a);
      const from = laneOf[this.sPid.get(s)];
      const endPid = this.aEndPid.get(a);
      table.sendT[i] = this.sT.get(s);
      table.endT[i] = this.aEndT.get(a);
      table.fromLane[i] = from;
      table.toLane[i] = laneOf[endPid];
      table.status[i] = this.aStatus.get(a);
      table.reason[i] = this.aReason.get(a);
      table.type[i] = this.sType.get(s);
      table.id[i] = this.sId.get(s);
      table.sendSeq[i] = this.sSeq.get(s);
      table.endSeq[i] = this.aEndSeq.get(a);
      const span = table.endT[i] - table.sendT[i];
      if (span > table.maxSpan) table.maxSpan = span;
    }
    return table;
  }
}
