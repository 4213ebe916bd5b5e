import { describe, expect, it } from "vitest";
import type { Json } from "../../core/json";
import { replayChecker } from "../../check/replay-checker";
import { contextOf } from "../../testing/kits/checker-test-kit";
import type { Row } from "../../testing/kits/checker-test-kit";
import { noAcknowledgedWriteLost, noReadOfLostWrite } from "./lost-writes";
import { sessionMonotonicReads, sessionReadYourWrites } from "./session-reads";

let process = 0;
const op = (t0: number, t1: number, address: string, f: "append" | "read", key: string, type: "ok" | "fail" | "info", value: Json, final = false): Row[] => {
  const p = ++process;
  return [
    [t0, address, "op", { type: "invoke", process: p, f, key, value: f === "read" ? null : value, ...(final ? { final } : {}) }],
    [t1, address, "op", { type, process: p, f, key, value, ...(final ? { final } : {}) }],
  ];
};
const sorted = (rows: Row[][]) => rows.flat().sort((a, b) => a[0] - b[0]);
const run = (factory: typeof noAcknowledgedWriteLost, rows: Row[][]) => replayChecker(factory({}), contextOf(sorted(rows)));

describe("no-acknowledged-write-lost and no-read-of-lost-write (hand-made list-append histories)", () => {
  it("replication checks: an acknowledged append missing from the final read is lost; a failed or unknown one demands nothing; one after the last read is not judged", () => {
    const out = run(noAcknowledgedWriteLost, [
      op(1, 2, "c1/client", "append", "k", "ok", "a"),
      op(3, 4, "c1/client", "append", "k", "ok", "b"),
      op(5, 6, "c1/client", "append", "k", "info", "c"),
      op(5, 6, "c2/client", "append", "k", "fail", "d"),
      op(10, 11, "c2/client", "read", "k", "ok", ["a"], true),
      op(12, 13, "c1/client", "append", "k", "ok", "e"),
      // Acknowledged while the final read ran: it may have come after the read's snapshot.
      op(8, 10.5, "c1/client", "append", "k", "ok", "f"),
    ]);
    expect(out.violations.map((v) => v.message)).toEqual(["c1/client's append of b to k was acknowledged at 4us, but the final read of k (c2/client at 11us, 1 values) does not hold it"]);
    expect(out.findings![0]).toEqual({ message: "2 acknowledged write(s) judged against the final state, 1 lost (acknowledged from 4us to 4us); 2 with no read of their key begun after them, not judged", value: 1 });
  });

  it("replication checks: a read that saw a value the final state lacks read a lost write, acknowledged or not", () => {
    const out = run(noReadOfLostWrite, [
      op(1, 2, "c1/client", "append", "k", "info", "a"),
      op(3, 4, "c1/client", "read", "k", "ok", ["a"]),
      op(5, 6, "c2/client", "read", "k", "ok", []),
      op(10, 11, "c2/client", "read", "k", "ok", [], true),
    ]);
    expect(out.violations.length).toBe(1);
    expect(out.violations[0].message).toMatch(/^c1\/client read k at 4us and saw a, which the final read of k/);
  });
});

describe("session-read-your-writes and session-monotonic-reads", () => {
  it("session checks: a client's read after its own acknowledged append must hold it; another client's read need not", () => {
    const rows = [op(1, 2, "c1/client", "append", "k", "ok", "a"), op(3, 4, "c2/client", "read", "k", "ok", []), op(5, 6, "c1/client", "read", "k", "ok", [])];
    const out = run(sessionReadYourWrites, rows);
    expect(out.violations.map((v) => v.message)).toEqual(["c1/client read k at 5us without a, which its own append acknowledged at 2us wrote"]);
  });

  it("session checks: a client's later read must hold what its earlier read returned", () => {
    const out = run(sessionMonotonicReads, [op(1, 2, "c1/client", "read", "k", "ok", ["a", "b"]), op(3, 4, "c1/client", "read", "k", "ok", ["a"]), op(3, 4, "c2/client", "read", "k", "ok", [])]);
    expect(out.violations.map((v) => v.message)).toEqual(["c1/client read k at 3us without b, which its own read completed at 2us had returned"]);
  });
});
