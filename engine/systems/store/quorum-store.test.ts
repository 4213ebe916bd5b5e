import { describe, expect, it } from "vitest";
import { replayChecker } from "../../check/replay-checker";
import { SECOND } from "../../core/time";
import { simulate } from "../../index";
import type { FaultSpec } from "../../scenario";
import type { Simulation } from "../../run-options";
import { contextOf } from "../../testing/kits/checker-test-kit";
import type { Row } from "../../testing/kits/checker-test-kit";
import { noStaleReads, readYourWrites } from "./no-stale-reads";
import { storeScenario, testCatalog, testCheckers } from "../../testing/kits/store-test-kit";

const S = SECOND;
const split: FaultSpec = { at: 10 * S, action: "partition", groups: [["r1", "c1"], ["r2", "r3", "c2"]], duration: 20 * S };
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;
const run = (client: Record<string, unknown>, faults: FaultSpec[] = [split], seed = 1) =>
  simulate(storeScenario({ duration: 40 * S, client, faults, seed }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });

describe("quorum store (Dynamo): R + W against N under a partition", () => {
  it("store: R = W = 1 of N = 3 keeps both sides writing and reading, and reads on one side miss writes acknowledged on the other", async () => {
    const sim = await run({ r: 1, w: 1 });
    const c = sim.result.metrics.counters;
    expect([c["kv.read.failed"] ?? 0, c["kv.write.failed"] ?? 0]).toEqual([0, 0]);
    const stale = check(sim, "no-stale-reads");
    expect(stale.status).toBe("violated");
    expect(stale.findings[0].message).toBe("829 successful read(s) checked, 188 stale; the stalest began 1.414s after the write it missed was acknowledged");
    // Every stale read happened while the sides could not talk.
    expect(stale.violations.every((v) => v.t >= 10 * S && v.t <= 30 * S + 10_000)).toBe(true);
  });

  it("store: R = W = 2 of N = 3 has no stale read; the price is that c1, with only r1, can neither read nor write during the partition", async () => {
    const sim = await run({ r: 2, w: 2 });
    expect(check(sim, "no-stale-reads").status).toBe("held");
    expect(check(sim, "read-your-writes").status).toBe("held");
    const failed = sim.history.filter((h) => h.event === "kv-end" && h.fields.ok === false);
    expect(failed.length).toBe(209 + 213);
    expect(failed.every((h) => h.address === "c1/client" && h.t >= 10 * S && h.t <= 30 * S + 5 * S)).toBe(true);
    expect(new Set(failed.map((h) => h.fields.failure))).toEqual(new Set(["1 of the 2 answers needed", "1 of the 2 acks needed"]));
  });

  it("store: over several seeds, R + W <= N always shows stale reads under the partition, and R + W > N never does", async () => {
    for (const seed of [2, 3, 4]) {
      expect(check(await run({ r: 1, w: 2 }, [split], seed), "no-stale-reads").status, `r1 w2 seed ${seed}`).toBe("violated");
      expect(check(await run({ r: 2, w: 2 }, [split], seed), "no-stale-reads").status, `r2 w2 seed ${seed}`).toBe("held");
      expect(check(await run({ r: 1, w: 3 }, [split], seed), "no-stale-reads").status, `r1 w3 seed ${seed}`).toBe("held");
    }
  });

  it("store: without faults and with equal link latencies even R = W = 1 reads every acknowledged write (all replicas get it at once)", async () => {
    const sim = await run({ r: 1, w: 1 }, []);
    expect(check(sim, "no-stale-reads").status).toBe("held");
  });
});

describe("no-stale-reads and read-your-writes (checker on hand-made histories)", () => {
  const v = (ts: number, writer: string) => ({ ts, writer, seq: ts });
  const write = (t0: number, t1: number, address: string, key: string, n: number): Row[] => [
    [t0, address, "kv-start", { n, op: "write", key }],
    [t1, address, "kv-end", { n, op: "write", key, ok: true, version: v(t0, address) }],
  ];
  const read = (t0: number, t1: number, address: string, key: string, n: number, got: ReturnType<typeof v> | null): Row[] => [
    [t0, address, "kv-start", { n, op: "read", key }],
    [t1, address, "kv-end", { n, op: "read", key, ok: true, version: got }],
  ];

  it("checker: a read that began after an ack must see it; one that began before the ack need not; other keys do not count", () => {
    const rows = [...write(0, 10, "c1/client", "k", 1), ...read(5, 12, "c2/client", "k", 1, null), ...read(11, 13, "c2/client", "k", 2, null), ...read(11, 13, "c2/client", "j", 3, null)]
      .sort((a, b) => a[0] - b[0]);
    const r = replayChecker(noStaleReads({}), contextOf(rows));
    expect(r.violations.map((x) => x.message)).toEqual(["c2/client read k at 11us and got nothing, but c1/client's write of 0us by c1/client #0 was acknowledged at 10us, before the read began"]);
    expect(r.findings![0].message).toBe("3 successful read(s) checked, 1 stale; the stalest began 1us after the write it missed was acknowledged");
  });

  it("checker: a newer version than the acknowledged write is fine; read-your-writes ignores other clients' writes", () => {
    const rows = [...write(0, 10, "c1/client", "k", 1), ...write(20, 30, "c2/client", "k", 1), ...read(40, 41, "c1/client", "k", 2, v(0, "c1/client")), ...read(40, 42, "c2/client", "k", 2, v(20, "c2/client"))];
    expect(replayChecker(noStaleReads({}), contextOf(rows)).violations.length).toBe(1);
    expect(replayChecker(readYourWrites({}), contextOf(rows)).violations).toEqual([]);
    const own = [...write(0, 10, "c1/client", "k", 1), ...read(20, 21, "c1/client", "k", 2, null)];
    expect(replayChecker(readYourWrites({}), contextOf(own)).violations.length).toBe(1);
  });
});
