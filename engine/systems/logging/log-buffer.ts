import type { Micros } from "../../core/time";

/**
 * What a full buffer does with a new line: Fluentd's `overflow_action`. `throw_exception` (its
 * default) refuses the new line, which the input loses; `block` pauses the input, so lines wait
 * in the application's log file until there is room (Filebeat's memory queue does the same);
 * `drop_oldest_chunk` throws away the oldest chunk waiting to be sent to make room.
 */
export type OverflowAction = "throw_exception" | "block" | "drop_oldest_chunk";

/** A chunk: lines buffered together and sent as one batch. */
export interface LogChunk {
  id: number;
  /** The lines' sequence numbers, in the order they were written. */
  seqs: number[];
  createdAt: Micros;
}

/** What happened to a line offered to the buffer. */
export type AppendResult =
  /** In `into` (which may have just been closed and queued); `dropped` made room for it. */
  | { kind: "buffered"; into: LogChunk; dropped: LogChunk[] }
  /** `throw_exception`: the line is lost. */
  | { kind: "refused" }
  /** `block`: the line must wait outside the buffer and be offered again later. */
  | { kind: "blocked" };

/** The buffer's limits and policy. */
export interface LogBufferOptions {
  chunkLimitLines: number;
  totalLimitLines: number;
  overflowAction: OverflowAction;
}

/**
 * Fluentd's buffer, counted in lines: a staged chunk takes new lines until it is full or the
 * flush timer closes it, then joins the queue of chunks waiting to be sent, oldest first. At
 * most `totalLimitLines` lines are buffered, staged and queued together; one chunk at a time is
 * in flight to the collector and stays buffered until it is acknowledged. When a line would go
 * over the limit, `overflowAction` decides. `drop_oldest_chunk` never drops the chunk in flight
 * (its answer may still come); when nothing else can go, the new line is refused instead.
 */
export class LogBuffer {
  private staged: LogChunk | null = null;
  private readonly queue: LogChunk[] = [];
  private inFlight: LogChunk | null = null;
  private lines = 0;

  constructor(readonly options: LogBufferOptions, private nextId = 1) {
    if (!(options.chunkLimitLines >= 1 && options.totalLimitLines >= options.chunkLimitLines)) {
      throw new Error(`log buffer: need 1 <= chunkLimitLines <= totalLimitLines, got ${options.chunkLimitLines} and ${options.totalLimitLines}`);
    }
  }

  /** Lines buffered: staged, queued and in flight. */
  get size(): number {
    return this.lines;
  }

  /** Offers one line. A staged chunk that becomes full is closed and queued. */
  append(seq: number, now: Micros): AppendResult {
    const dropped: LogChunk[] = [];
    if (this.lines + 1 > this.options.totalLimitLines) {
      if (this.options.overflowAction === "block") return { kind: "blocked" };
      if (this.options.overflowAction === "throw_exception") return { kind: "refused" };
      while (this.lines + 1 > this.options.totalLimitLines) {
        const oldest = this.queue.shift() ?? this.takeStaged();
        if (!oldest) return { kind: "refused" };
        this.lines -= oldest.seqs.length;
        dropped.push(oldest);
      }
    }
    if (!this.staged) this.staged = { id: this.nextId++, seqs: [], createdAt: now };
    const into = this.staged;
    into.seqs.push(seq);
    this.lines++;
    if (into.seqs.length >= this.options.chunkLimitLines) this.closeStaged();
    return { kind: "buffered", into, dropped };
  }

  /** The flush timer: closes the staged chunk (if it has lines) so it can be sent. */
  closeStaged(): void {
    if (this.staged && this.staged.seqs.length > 0) this.queue.push(this.takeStaged()!);
  }

  /** The chunk to send now (the oldest queued), or null when one is already in flight or none waits. */
  next(): LogChunk | null {
    if (this.inFlight || this.queue.length === 0) return null;
    this.inFlight = this.queue.shift()!;
    return this.inFlight;
  }

  /** The collector acknowledged the chunk in flight: it leaves the buffer. */
  ack(id: number): LogChunk {
    const c = this.inFlight;
    if (!c || c.id !== id) throw new Error(`log buffer: ack for chunk ${id}, but ${c ? `chunk ${c.id}` : "nothing"} is in flight`);
    this.inFlight = null;
    this.lines -= c.seqs.length;
    return c;
  }

  /** Sending the chunk in flight failed: it goes back to the head of the queue, to be tried again. */
  retry(id: number): void {
    const c = this.inFlight;
    if (!c || c.id !== id) throw new Error(`log buffer: retry of chunk ${id}, but ${c ? `chunk ${c.id}` : "nothing"} is in flight`);
    this.inFlight = null;
    this.queue.unshift(c);
  }

  /** Every chunk, staged last: what the agent keeps on disk. */
  chunks(): LogChunk[] {
    return [...(this.inFlight ? [this.inFlight] : []), ...this.queue, ...(this.staged ? [this.staged] : [])];
  }

  /** Restores chunks read from disk after a restart: all of them are queued, oldest first. */
  restore(chunks: LogChunk[]): void {
    for (const c of [...chunks].sort((a, b) => a.id - b.id)) {
      this.queue.push(c);
      this.lines += c.seqs.length;
      this.nextId = Math.max(this.nextId, c.id + 1);
    }
  }

  /** The staged chunk's id, if it has one. */
  stagedId(): number | null {
    return this.staged?.id ?? null;
  }

  private takeStaged(): LogChunk | undefined {
    const s = this.staged ?? undefined;
    this.staged = null;
    return s;
  }
}
