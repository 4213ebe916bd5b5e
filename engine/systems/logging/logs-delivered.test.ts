import { describe, expect, it } from "vitest";
import { replayChecker } from "../../check/replay-checker";
import { SECOND } from "../../core/time";
import { contextOf } from "../../testing/kits/checker-test-kit";
import type { Row } from "../../testing/kits/checker-test-kit";
import { logsDelivered } from "./logs-delivered";

const S = SECOND;
const line = (t: number, seq: number): Row => [t, "a1/agent", "log-line", { seq }];
const stored = (t: number, seqs: number[], duplicates = 0): Row => [t, "logs/collector", "log-stored", { agent: "a1/agent", chunk: 1, seqs, duplicates }];
const dropped = (t: number, seqs: number[]): Row => [t, "a1/agent", "log-dropped", { seqs, reason: "drop_oldest_chunk" }];

describe("logs-delivered (checker on hand-made histories)", () => {
  it("logs-delivered: stored in time holds, stored after the deadline is late, never stored is lost, dropped is only reported", () => {
    const rows = [line(0, 0), line(0, 1), line(0, 2), line(0, 3), stored(5 * S, [0]), stored(20 * S, [1]), dropped(1 * S, [3])];
    const r = replayChecker(logsDelivered({ within: "10s" }), contextOf(rows, { healedAt: 0, endedAt: 60 * S }));
    expect(r.violations.map((v) => v.message)).toEqual([
      "a1/agent line 1, written at 0us, was stored only at 20s, after its deadline 10s",
      "a1/agent line 2, written at 0us, was neither stored by a collector nor dropped by its buffer by 10s",
    ]);
    expect(r.findings![0].message).toBe("a1/agent: 4 lines written, 2 stored, 1 dropped (1 by drop_oldest_chunk), 1 lost, 1 late, 0 too recent to judge; slowest delivery 20s");
  });

  it("logs-delivered: the deadline counts from the heal, lines whose deadline is after the end are pending, and maxDropped turns drops into a failure", () => {
    const rows = [line(0, 0), line(50 * S, 1), stored(25 * S, [0]), dropped(51 * S, [2]), line(51 * S, 2)];
    const r = replayChecker(logsDelivered({ within: "10s", maxDropped: 0 }), contextOf(rows, { healedAt: 20 * S, endedAt: 55 * S }));
    expect(r.violations.map((v) => v.message)).toEqual(["1 line(s) were dropped by buffer policies, more than the 0 allowed"]);
    // Line 0 is due at 30 s (10 s after the heal) and made it; line 1 is due at 60 s, after the end.
    expect(r.findings![0].message).toBe("a1/agent: 3 lines written, 1 stored, 1 dropped (1 by drop_oldest_chunk), 1 too recent to judge; slowest delivery 25s");
  });

  it("logs-delivered: duplicates received are counted, and a line stored twice is reported", () => {
    const r = replayChecker(logsDelivered({}), contextOf([line(0, 0), stored(1, [0]), stored(2, [], 1), stored(3, [0], 1)], { endedAt: 200 * S }));
    expect(r.violations).toEqual([]);
    expect(r.findings!.at(-1)!.message).toBe("collectors received 2 duplicate line(s) and stored 1 line(s) more than once");
  });
});
