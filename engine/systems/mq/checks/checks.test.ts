import { describe, expect, it } from "vitest";
import { replayChecker } from "../../../check/replay-checker";
import type { CheckContext, Checker, HistoryEntry } from "../../../check/checker";
import type { JsonObject } from "../../../core/json";
import { SECOND } from "../../../core/time";
import { allAccounted } from "./all-accounted";
import { duplicates } from "./duplicates";
import { noAckedLoss } from "./no-acked-loss";
import { partitionOrder } from "./partition-order";

/** A history built by hand: `[t in seconds, address, event, fields]`. */
function history(rows: Array<[number, string, string, Record<string, unknown>]>): HistoryEntry[] {
  return rows.map(([t, address, event, fields], index) => ({
    t: t * SECOND, index, seq: -1, node: address.split("/")[0], proc: address.split("/")[1], address, event, fields: fields as HistoryEntry["fields"],
  }));
}

function run(checker: Checker, rows: Parameters<typeof history>[0], params: JsonObject = {}, endedAt = 60 * SECOND) {
  const ctx: CheckContext = {
    scenario: "t", seed: 1, history: history(rows), faults: [], triggers: [], healedAt: 0, endedAt,
    metrics: { counters: {}, gauges: {}, histograms: {}, timeline: [] } as unknown as CheckContext["metrics"], trace: null, params,
  };
  return replayChecker(checker, ctx);
}

const ack = (t: number, n: number, offset: number, acks = "all"): [number, string, string, Record<string, unknown>] =>
  [t, "p1/producer", "produce-ack", { id: `p#0:${n}`, topic: "t", partition: 0, offset, acks }];
const consume = (t: number, n: number, offset: number, who = "c1/consumer", extra: Record<string, unknown> = {}): [number, string, string, Record<string, unknown>] =>
  [t, who, "consume", { id: `p#0:${n}`, topic: "t", partition: 0, offset, group: "g", generation: 1, key: "k", n, ...extra }];
const processed = (t: number, n: number, offset: number, who = "c1/consumer"): [number, string, string, Record<string, unknown>] =>
  [t, who, "process", { id: `p#0:${n}`, topic: "t", partition: 0, offset, group: "g" }];

describe("no-acked-loss", () => {
  it("a different record later read at an acknowledged record's offset: the log lost it, even though it had been read", () => {
    const out = run(noAckedLoss({}), [ack(1, 0, 0), consume(1.1, 0, 0), consume(5, 9, 0)]);
    expect(out.violations).toHaveLength(1);
    expect(out.violations[0].message).toMatch(/p#0:0 was acknowledged .* offset 0 .* later read p#0:9 at that offset/);
  });

  it("a consumer read past an acknowledged record that it never received", () => {
    const out = run(noAckedLoss({}), [ack(1, 0, 0), ack(1, 1, 1), consume(2, 1, 1)]);
    expect(out.violations.map((v) => v.message)).toEqual([expect.stringMatching(/p#0:0 .* read t-0 at offset 1 .* never delivered/)]);
  });

  it("a read past the offset before the acknowledgement is no evidence: that offset held an older record then", () => {
    expect(run(noAckedLoss({}), [consume(1, 9, 5), ack(2, 0, 5)]).violations).toHaveLength(0);
  });

  it("params.acks: an acks=1 acknowledgement promises nothing when only all is promised", () => {
    const rows = [ack(1, 0, 0, "1"), consume(5, 9, 0)];
    expect(run(noAckedLoss({}), rows).violations).toHaveLength(1);
    expect(run(noAckedLoss({ acks: ["all"] }), rows).violations).toHaveLength(0);
  });

  it("queues: later messages of the same queue delivered long before the end, this one never: lost", () => {
    const rows: Parameters<typeof history>[0] = [
      [1, "p1/publisher", "produce-ack", { id: "a", queues: ["q"], acks: "confirm" }],
      [1.1, "p1/publisher", "produce-ack", { id: "b", queues: ["q"], acks: "confirm" }],
      [2, "c1/consumer", "consume", { id: "b", queue: "q", group: "q" }],
    ];
    expect(run(noAckedLoss({}), rows).violations).toHaveLength(1);
    // The same, but the later delivery is within the settle window: it may still come.
    expect(run(noAckedLoss({}), rows, {}, 6 * SECOND).violations).toHaveLength(0);
    expect(run(noAckedLoss({}), rows, {}, 6 * SECOND).findings![0].value).toBe(1);
  });

  it("a dead-lettered or discarded message is not lost; an undelivered one with no evidence is only a finding", () => {
    const out = run(noAckedLoss({}), [
      [1, "p1/publisher", "produce-ack", { id: "a", queues: ["q"], acks: "confirm" }],
      [1, "p1/publisher", "produce-ack", { id: "b", queues: ["q"], acks: "confirm" }],
      [1.5, "mq/broker", "dead-letter", { id: "a", queue: "q", reason: "expired", to: ["d"] }],
    ]);
    expect(out.violations).toHaveLength(0);
    expect(out.findings).toHaveLength(1);
  });
});

describe("duplicates", () => {
  const rows = [processed(1, 0, 0), processed(2, 0, 0, "c2/consumer"), processed(3, 1, 1), [3, "c9/consumer", "process", { id: "p#0:1", group: "other" }] as [number, string, string, Record<string, unknown>]];

  it("at-least-once (the default) allows duplicates and reports their count as a finding", () => {
    const out = run(duplicates({}), rows);
    expect(out.violations).toHaveLength(0);
    expect(out.findings).toEqual([expect.objectContaining({ value: 1, message: expect.stringMatching(/1 message\(s\) processed more than once \(1 extra/) })]);
  });

  it("exactly-once and at-most-once allow none: each duplicate is a violation; another group is not a duplicate", () => {
    for (const guarantee of ["exactly-once", "at-most-once"]) {
      const out = run(duplicates({ guarantee }), rows);
      expect(out.violations).toHaveLength(1);
      expect(out.violations[0].message).toMatch(/p#0:0 was processed 2 times by group g/);
    }
  });

  it("event: consume counts deliveries instead", () => {
    expect(run(duplicates({ guarantee: "exactly-once", event: "consume" }), [consume(1, 0, 0), consume(2, 0, 0)]).violations).toHaveLength(1);
  });

  it("a misspelled guarantee is refused with the valid ones", () => {
    expect(() => duplicates({ guarantee: "exactly once" })).toThrow(/"at-most-once", "at-least-once", "exactly-once"/);
  });
});

describe("partition-order", () => {
  it("reading forward one offset at a time, and rewinding, are in order", () => {
    expect(run(partitionOrder({}), [consume(1, 0, 0), consume(1, 1, 1), consume(2, 0, 0), consume(2, 1, 1)]).violations).toHaveLength(0);
  });

  it("a skip forward within a session is a violation, unless the consumer recorded a reset", () => {
    expect(run(partitionOrder({}), [consume(1, 0, 0), consume(1, 5, 5)]).violations[0].message).toMatch(/read t-0 at offset 0 and then at 5/);
    const reset: [number, string, string, Record<string, unknown>] = [1, "c1/consumer", "truncation-detected", { topic: "t", partition: 0, from: 1, to: 5 }];
    expect(run(partitionOrder({}), [consume(1, 0, 0), reset, consume(1, 5, 5)]).violations).toHaveLength(0);
  });

  it("one producer's key: a message created earlier at a higher offset than one created later is reordered", () => {
    const out = run(partitionOrder({}), [consume(1, 1, 0), consume(1, 0, 1)]);
    expect(out.violations[0].message).toMatch(/key k: p#0:0 was created before p#0:1 but sits after it in t-0/);
  });
});

describe("all-accounted", () => {
  const commit = (t: number, offset: number): [number, string, string, Record<string, unknown>] =>
    [t, "c1/consumer", "commit-offset", { group: "g", topic: "t", partition: 0, offset, generation: 1 }];

  it("committed past a delivered but unprocessed record: lost for the group (at-most-once)", () => {
    const out = run(allAccounted({}), [ack(1, 0, 0), consume(2, 0, 0), commit(2, 1)]);
    // A commit past it before it was delivered proves nothing: it may count an older log.
    expect(run(allAccounted({}), [ack(1, 0, 0), commit(2, 1), consume(3, 0, 0)]).violations).toHaveLength(0);
    // Nor does one in the last settle window: the consumer may be about to process it.
    expect(run(allAccounted({}), [ack(1, 0, 0), consume(58, 0, 0), commit(58, 1)]).violations).toHaveLength(0);
    expect(out.violations[0].message).toMatch(/p#0:0 .* is lost for group g: it was delivered to c1\/consumer at 2s but never processed, and the group committed offset 1 past it/);
  });

  it("a commit past the offset from before the acknowledgement is no evidence", () => {
    expect(run(allAccounted({}), [commit(1, 9), ack(2, 0, 5)]).violations).toHaveLength(0);
  });

  it("a later offset processed after the acknowledgement, this one never: lost", () => {
    expect(run(allAccounted({}), [ack(1, 0, 0), ack(1, 1, 1), consume(2, 1, 1), processed(2, 1, 1)]).violations).toHaveLength(1);
  });

  it("queues: a later message processed long before the end while this one was delivered and dropped: lost; still going round: waiting", () => {
    const rows: Parameters<typeof history>[0] = [
      [1, "p1/publisher", "produce-ack", { id: "a", queues: ["q"], acks: "confirm" }],
      [1, "p1/publisher", "produce-ack", { id: "b", queues: ["q"], acks: "confirm" }],
      [2, "c1/consumer", "consume", { id: "a", queue: "q", group: "q" }],
      [2, "c2/consumer", "consume", { id: "b", queue: "q", group: "q" }],
      [2, "c2/consumer", "process", { id: "b", queue: "q", group: "q" }],
    ];
    expect(run(allAccounted({}), rows).violations).toHaveLength(1);
    const cycling = [...rows, [58, "c1/consumer", "consume", { id: "a", queue: "q", group: "q" }] as [number, string, string, Record<string, unknown>]];
    expect(run(allAccounted({}), cycling).violations).toHaveLength(0);
    const retrying = [...rows, [3, "mq/broker", "retry-scheduled", { id: "a", reconsumeTimes: 0 }] as [number, string, string, Record<string, unknown>]];
    expect(run(allAccounted({}), retrying).violations).toHaveLength(0);
  });

  it("dead-lettered counts as accounted; with no evidence the rest are a finding; params.groups narrows the groups", () => {
    const rows = [ack(1, 0, 0), ack(1, 1, 1), consume(2, 0, 0), processed(2, 0, 0), [2, "mq/broker", "discard", { id: "p#0:1", reason: "rejected" }] as [number, string, string, Record<string, unknown>]];
    expect(run(allAccounted({}), rows)).toEqual({ violations: [], findings: [] });
    const waiting = run(allAccounted({}), [ack(1, 0, 0), ack(1, 1, 1), consume(2, 0, 0), processed(2, 0, 0)]);
    expect(waiting.violations).toHaveLength(0);
    expect(waiting.findings![0].value).toBe(1);
    expect(run(allAccounted({ groups: ["nobody"] }), [ack(1, 0, 0), consume(2, 0, 0), commit(2, 1)]).violations).toHaveLength(0);
  });
});
