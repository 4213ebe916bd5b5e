import { describe, expect, it } from "vitest";
import { LogBuffer } from "./log-buffer";
import type { OverflowAction } from "./log-buffer";
import { SeenRanges } from "./seen-ranges";
import { retryInterval } from "./logging-options";

const buffer = (overflowAction: OverflowAction) => new LogBuffer({ chunkLimitLines: 2, totalLimitLines: 4, overflowAction });
const fill = (b: LogBuffer, seqs: number[]) => seqs.map((s) => b.append(s, 0).kind);

describe("log buffer (Fluentd's chunks and overflow_action)", () => {
  it("log buffer: a chunk closes when full and is queued; the flush closes a partial one; one chunk at a time is in flight", () => {
    const b = buffer("throw_exception");
    fill(b, [0, 1, 2]);
    expect(b.next()?.seqs).toEqual([0, 1]);
    expect(b.next()).toBeNull();
    b.closeStaged();
    b.ack(1);
    expect(b.next()?.seqs).toEqual([2]);
    expect(b.size).toBe(1);
  });

  it("log buffer: throw_exception refuses the new line, block asks it to wait, and both keep the buffered lines", () => {
    expect(fill(buffer("throw_exception"), [0, 1, 2, 3, 4])).toEqual(["buffered", "buffered", "buffered", "buffered", "refused"]);
    const b = buffer("block");
    expect(fill(b, [0, 1, 2, 3, 4])).toEqual(["buffered", "buffered", "buffered", "buffered", "blocked"]);
    expect(b.size).toBe(4);
  });

  it("log buffer: drop_oldest_chunk drops the oldest queued chunk to make room, never the one in flight", () => {
    const b = buffer("drop_oldest_chunk");
    fill(b, [0, 1, 2, 3]);
    expect(b.next()?.seqs).toEqual([0, 1]);
    const r = b.append(4, 0);
    expect(r).toMatchObject({ kind: "buffered", dropped: [{ seqs: [2, 3] }] });
    expect(b.chunks().map((c) => c.seqs)).toEqual([[0, 1], [4]]);
    b.append(5, 0);
    // [0, 1] is in flight and [4, 5] is the only other chunk: it goes, and 6 starts a new one.
    expect(b.append(6, 0)).toMatchObject({ kind: "buffered", dropped: [{ seqs: [4, 5] }] });
  });

  it("log buffer: a failed send puts the chunk back at the head of the queue; restore queues chunks from disk in id order", () => {
    const b = buffer("block");
    fill(b, [0, 1, 2, 3]);
    const c = b.next()!;
    b.retry(c.id);
    expect(b.next()!.id).toBe(c.id);
    const r = new LogBuffer({ chunkLimitLines: 2, totalLimitLines: 4, overflowAction: "block" });
    r.restore([{ id: 7, seqs: [9], createdAt: 0 }, { id: 3, seqs: [5, 6], createdAt: 0 }]);
    expect([r.size, r.next()!.id]).toEqual([3, 3]);
    expect(r.append(10, 0)).toMatchObject({ into: { id: 8 } });
  });
});

describe("seen ranges (the collector's dedup set)", () => {
  it("seen ranges: consecutive numbers merge into one range, out-of-order ones fill gaps, a repeat is refused", () => {
    const s = new SeenRanges();
    expect([5, 6, 7, 9, 3].map((n) => s.add(n))).toEqual([true, true, true, true, true]);
    expect(s.toJSON()).toEqual([[3, 3], [5, 7], [9, 9]]);
    expect(s.add(8)).toBe(true);
    expect(s.add(4)).toBe(true);
    expect(s.toJSON()).toEqual([[3, 9]]);
    expect([s.add(6), s.has(2), s.has(9)]).toEqual([false, false, true]);
  });
});

describe("retry interval (Fluentd's exponential backoff)", () => {
  it("retry interval: 1, 2, 4, 8 s, capped by retry_max_interval when set", () => {
    const o = { retryWaitUs: 1_000_000, retryExponentialBackoffBase: 2, retryMaxIntervalUs: null };
    expect([1, 2, 3, 4].map((r) => retryInterval(o, r))).toEqual([1_000_000, 2_000_000, 4_000_000, 8_000_000]);
    expect(retryInterval({ ...o, retryMaxIntervalUs: 5_000_000 }, 4)).toBe(5_000_000);
  });
});
