import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { simulate } from "../../../../engine/index";
import { canonicalJson } from "../../../../engine/trace/canonical";
import { FIXTURES } from "../scenario/fixtures";
import { LineScanner } from "./line-scanner";

const enc = new TextEncoder();
const FIELDS = ["t", "kind", "node", "proc", "id", "from", "to", "type", "reason"] as const;

/** What the scanner must agree with: the fields the bundle reads, as JSON.parse gives them. */
function expected(line: string): Record<string, unknown> {
  const v = JSON.parse(line) as Record<string, unknown>;
  return Object.fromEntries(FIELDS.filter((f) => v[f] !== undefined).map((f) => [f, v[f]]));
}

function scanned(s: LineScanner, line: string): Record<string, unknown> | null {
  const b = enc.encode(line);
  const ev = s.scan(b, 0, b.length);
  if (!ev) return null;
  return Object.fromEntries(FIELDS.filter((f) => ev[f] !== undefined).map((f) => [f, ev[f]]));
}

describe("line scanner", () => {
  it("scanner: reads every line of real traces as JSON.parse does, or declines", async () => {
    const s = new LineScanner();
    let fast = 0;
    for (const fx of FIXTURES) {
      const sim = await simulate(fx);
      for (const line of sim.trace!.toJSONL().trim().split("\n")) {
        const got = scanned(s, line);
        if (got === null) continue;
        fast++;
        expect(got).toEqual(expected(line));
      }
    }
    expect(fast).toBeGreaterThan(1000);
  });

  it("scanner: agrees with JSON.parse on generated events with awkward bodies and names", () => {
    const name = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }));
    const body = fc.jsonValue({ maxDepth: 3 });
    const s = new LineScanner();
    fc.assert(fc.property(
      fc.constantFrom("send", "deliver", "drop", "timer", "crash", "state", "log", "record", "metric"),
      fc.integer({ min: 0, max: 2 ** 40 }), name, name, fc.integer({ min: 0, max: 1e9 }), name, name, body, fc.option(name),
      (kind, t, node, proc, id, from, type, extra, reason) => {
        const ev: Record<string, unknown> = { t, seq: 1, kind, node, proc, id, from, to: `${node}/${proc}`, type, body: extra, fields: { to: "elsewhere", kind: "nested" } };
        if (reason !== null) ev.reason = reason;
        const line = canonicalJson(ev);
        const got = scanned(s, line);
        if (got !== null) expect(got).toEqual(expected(line));
        if (["state", "metric"].includes(kind)) expect(got).toBeNull();
      },
    ), { numRuns: 400 });
  });

  it("scanner: declines what it cannot be sure of", () => {
    const s = new LineScanner();
    expect(scanned(s, '{"kind":"send","t":1.5}')).toBeNull();
    expect(scanned(s, '{"kind":"send","node":"a\\"b","t":1}')).toBeNull();
    expect(scanned(s, '{"kind":"partition","t":1,"cuts":[["a","b"]]}')).toBeNull();
    expect(scanned(s, '{"t":1}')).toBeNull();
    expect(scanned(s, "not json")).toBeNull();
    expect(scanned(s, '{"kind":"send","t":1,"body":{"x":"}"}}')).toEqual({ kind: "send", t: 1 });
  });

  it("scanner: the same name is the same string object, however many lines carry it", () => {
    const s = new LineScanner();
    const a = enc.encode('{"kind":"timer","node":"n1","t":1}');
    const b = enc.encode('{"kind":"timer","node":"n1","t":2}');
    expect(s.scan(a, 0, a.length)!.node).toBe(s.scan(b, 0, b.length)!.node);
  });
});
