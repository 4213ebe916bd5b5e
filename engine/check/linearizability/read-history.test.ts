import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { toEDNStringFromSimpleObject } from "edn-data";
import type { Json } from "../../core/json";
import { readHistory } from "./read-history";
import { formatHistoryJsonl, type TimedRecord } from "./history-jsonl";

const value: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 1000 }), fc.string({ maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }));

/** Random well-formed histories: each process invokes, then ends with ok, fail or info. */
const records: fc.Arbitrary<TimedRecord[]> = fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom("read", "write", "cas", "append"), value, value, fc.constantFrom("ok", "fail", "info"), fc.constantFrom("a", "b")), { maxLength: 30 })
  .map((steps) => {
    const out: TimedRecord[] = [];
    const open = new Map<number, TimedRecord>();
    let t = 0;
    let next = 100;
    for (const [p0, f, v1, v2, end, key] of steps) {
      const p = p0;
      const o = open.get(p);
      if (o) {
        out.push({ ...o, type: end as TimedRecord["type"], value: o.f === "read" && end === "ok" ? v1 : o.value, time: t++ });
        open.delete(p);
        continue;
      }
      // Process 4 stands for clients that invoke and never complete: each gets a fresh id.
      const rec: TimedRecord = { type: "invoke", process: p === 4 ? next++ : p, f: f as TimedRecord["f"], key, value: f === "read" ? null : f === "cas" ? [v1, v2] : v1, time: t++ };
      if (rec.process !== p) { out.push(rec); continue; }
      open.set(p, rec);
      out.push(rec);
    }
    return out;
  });

const edn = (rs: TimedRecord[]) => rs.map((r) => toEDNStringFromSimpleObject(r as never)).join("\n") + "\n";

describe("history files", () => {
  it("history: a JSONL history and the same history as Jepsen EDN read into the same operations", () => {
    fc.assert(fc.property(records, (rs) => {
      const a = readHistory(formatHistoryJsonl(rs), "h.jsonl");
      const b = readHistory(edn(rs), "h.edn");
      expect(a.ok && b.ok).toBe(true);
      if (!a.ok || !b.ok) return;
      // Line numbers differ by the header line; everything else is equal.
      const strip = (ops: typeof a.operations) => ops.map(({ callAt: _c, retAt: _r, ...o }) => o);
      expect(strip(b.operations)).toEqual(strip(a.operations));
      expect(a.operations.every((o, i) => o.callAt === b.operations[i].callAt + 1)).toBe(true);
    }), { numRuns: 200 });
  });

  it("history: writing the records read back from a file and reading them again changes nothing", () => {
    fc.assert(fc.property(records, (rs) => {
      const text = formatHistoryJsonl(rs);
      const lines = text.trim().split("\n").slice(1).map((l) => JSON.parse(l) as TimedRecord);
      expect(formatHistoryJsonl(lines)).toBe(text);
    }), { numRuns: 100 });
  });

  it("history: a missing header, a newer version and time going backwards are catalogued errors with their line", () => {
    const noHeader = readHistory('{"type":"invoke","process":0,"f":"read","value":null}\n', "x.jsonl");
    expect(!noHeader.ok && noHeader.errors[0]).toMatchObject({ code: "CH002", line: 1 });
    const v2 = readHistory('{"format":"clustersim-history","version":2}\n', "x.jsonl");
    expect(!v2.ok && v2.errors[0]).toMatchObject({ code: "CH003", line: 1 });
    const back = readHistory('{:process 0 :type :invoke :f :read :value nil :time 5}\n{:process 0 :type :ok :f :read :value nil :time 4}\n', "x.edn");
    expect(!back.ok && back.errors[0]).toMatchObject({ code: "CH102", line: 2, column: 43 });
  });

  it("history: records that do not pair are CH201 at the completing line", () => {
    const r = readHistory('{:process 0 :type :ok :f :read :value 1}\n{:process 1 :type :invoke :f :read :value nil}\n{:process 1 :type :invoke :f :write :value 2}\n', "x.edn");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.line])).toEqual([["CH201", 1], ["CH201", 3]]);
  });

  it("history: Jepsen independent histories take the key from each [key value] tuple", () => {
    const r = readHistory('{:process 0 :type :invoke :f :write :value [3 7]}\n{:process 0 :type :ok :f :write :value [3 7]}\n', "x.edn", { independent: true });
    expect(r.ok && r.operations[0]).toMatchObject({ key: "3", input: 7 });
  });

  it("history: #jepsen.history.Op records, comments and a Knossos-style vector of maps are read", () => {
    const r = readHistory('; a comment\n[#jepsen.history.Op{:index 0 :process 0 :type :invoke :f :write :value 1}\n {:process 0 :type :ok :f :write :value 1}]\n', "x.edn");
    expect(r.ok && r.operations).toHaveLength(1);
  });
});
