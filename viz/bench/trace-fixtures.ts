import { simulate } from "../../engine/index";
import type { Scenario } from "../../engine/scenario";

const MS = 1_000, SECOND = 1_000_000;

/**
 * A busy scenario for the benchmark: three echo servers, two clients at `rate` calls a second
 * each, a crash and a partition, so the trace has every kind of mark. About 7.6 trace events per
 * call, so two clients at 660 calls a second give about 100,000 events in 10 s.
 */
export function busyScenario(rate: number): Scenario {
  return {
    name: "bench-busy", seed: 11, duration: 10 * SECOND,
    nodes: [{ name: "s1" }, { name: "s2" }, { name: "s3" }, { name: "c1" }, { name: "c2" }],
    processes: [
      { node: "s1", name: "echo", kind: "echo-server", config: { serviceTime: 2 * MS } },
      { node: "s2", name: "echo", kind: "echo-server", config: { serviceTime: 2 * MS } },
      { node: "s3", name: "echo", kind: "echo-server", config: { serviceTime: 2 * MS } },
      { node: "c1", name: "client", kind: "echo-client", config: { targets: ["s1/echo", "s2/echo", "s3/echo"], rate } },
      { node: "c2", name: "client", kind: "echo-client", config: { targets: ["s2/echo", "s3/echo", "s1/echo"], rate } },
    ],
    network: { latency: { dist: "lognormal", median: 2 * MS, sigma: 0.5 } },
    faults: [
      { at: 2 * SECOND, action: "crash", node: "s1", duration: 3 * SECOND },
      { at: 6 * SECOND, action: "partition", groups: [["c1", "s1", "s2"], ["c2", "s3"]], duration: 2 * SECOND },
    ],
  };
}

/** A trace of at least `events` events from the engine, as canonical JSON lines. */
export async function engineTrace(events: number): Promise<{ jsonl: string; count: number; hash: string; duration: number }> {
  const s = busyScenario(Math.ceil(events / 150) + 4);
  const sim = await simulate(s);
  return { jsonl: sim.trace!.toJSONL(), count: sim.trace!.length, hash: sim.result.traceHash!, duration: s.duration };
}

/**
 * A long trace made by repeating one trace end to end `times` times, shifting time, sequence
 * numbers and message ids so it stays a consistent trace (sorted, ids unique). Building a
 * million-event trace this way takes seconds; running the engine for it would take minutes.
 */
export function tileTrace(jsonl: string, times: number, period: number): Buffer {
  const lines = jsonl.split("\n").filter((l) => l !== "");
  let maxId = 0;
  const parsed = lines.map((l) => {
    const ev = JSON.parse(l) as Record<string, unknown>;
    if (typeof ev.id === "number" && ev.id > maxId) maxId = ev.id;
    return ev;
  });
  const chunks: Buffer[] = [];
  for (let k = 0; k < times; k++) {
    const out: string[] = [];
    for (const ev of parsed) {
      // The parsed canonical line keeps its sorted key order, so stringify stays canonical.
      const copy: Record<string, unknown> = { ...ev, seq: (ev.seq as number) + k * lines.length, t: (ev.t as number) + k * period };
      if (typeof ev.id === "number") copy.id = ev.id + k * maxId;
      if (typeof ev.reply === "number") copy.reply = ev.reply + k * maxId;
      if (k > 0 && (ev.kind === "check" || ev.kind === "end")) continue;
      out.push(JSON.stringify(copy));
    }
    chunks.push(Buffer.from(out.join("\n") + "\n"));
  }
  return Buffer.concat(chunks);
}
