import { describe, expect, it } from "vitest";
import { simulate } from "../../../../engine/index";
import { FIXTURES } from "../scenario/fixtures";
import { hashLines, parseTraceFile, TraceFileError } from "./parse-trace-file";

const enc = new TextEncoder();

describe("trace files", () => {
  it("trace file: a canonical trace hashes exactly as the run that wrote it", async () => {
    const sim = await simulate(FIXTURES[1]);
    const b = parseTraceFile(enc.encode(sim.trace!.toJSONL()), "run.jsonl");
    expect(b.count).toBe(sim.trace!.length);
    expect(b.hash).toBe(sim.result.traceHash);
    expect(hashLines(b)).toBe(sim.result.traceHash);
    const late = parseTraceFile(enc.encode(sim.trace!.toJSONL()), "run.jsonl", { hash: false });
    expect(late.hash).toBe("");
    expect(hashLines(late)).toBe(sim.result.traceHash);
  });

  it("trace file: CRLF line ends, blank lines and a result line are accepted", async () => {
    const sim = await simulate(FIXTURES[1]);
    const lines = sim.trace!.toJSONL().trim().split("\n");
    const text = [JSON.stringify(sim.result), "", ...lines, ""].join("\r\n");
    const b = parseTraceFile(enc.encode(text), "crlf.jsonl");
    expect(b.count).toBe(lines.length);
    expect(b.hash).toBe(sim.result.traceHash);
    expect(b.result?.seed).toBe(3);
    expect(b.name).toBe("echo-lossy-link");
  });

  it("trace file: a JSON array or an {events} document is read too", () => {
    const events = [{ t: 0, seq: 0, kind: "start", node: "a", proc: "p" }, { t: 5, seq: 1, kind: "crash", node: "a" }];
    expect(parseTraceFile(enc.encode(JSON.stringify(events)), "a.json").count).toBe(2);
    expect(parseTraceFile(enc.encode(JSON.stringify({ events }, null, 2)), "b.json").bands).toHaveLength(1);
  });

  it("trace file: errors name the file and line and say what a trace looks like", () => {
    const bad = '{"t":0,"kind":"start","node":"a","proc":"p"}\n{"t":1,"kind":\n';
    expect(() => parseTraceFile(enc.encode(bad), "bad.jsonl")).toThrow(TraceFileError);
    expect(() => parseTraceFile(enc.encode(bad), "bad.jsonl")).toThrow(/^bad\.jsonl:2: not JSON/);
    expect(() => parseTraceFile(enc.encode("\n\n"), "empty.jsonl")).toThrow(/empty/);
    expect(() => parseTraceFile(enc.encode("[1,2]\n"), "x.jsonl")).toThrow(/has no `kind` and `t`/);
    const backwards = '{"t":5,"kind":"start","node":"a"}\n{"t":1,"kind":"crash","node":"a"}\n';
    expect(() => parseTraceFile(enc.encode(backwards), "late.jsonl")).toThrow(/late\.jsonl:2: .*time order/);
  });
});
