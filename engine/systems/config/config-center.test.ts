import { describe, expect, it } from "vitest";
import { simulate } from "../../index";
import type { FaultSpec } from "../../scenario";
import type { Simulation } from "../../run-options";
import { configScenario, S, testCatalog, testCheckers } from "../../testing/kits/config-test-kit";

const applied = (sim: Simulation, address: string) =>
  sim.history.filter((h) => h.event === "config-applied" && h.address === address).map((h) => [h.t, h.fields.version, h.fields.source]);
const isolate = (node: string, at: number, duration: number) => ({ action: "isolate", node, at, duration }) as FaultSpec;

describe("config center (Apollo): push, long poll and local cache", () => {
  it("config: a release reaches every client at the next release scan (1 s), through the held long poll", async () => {
    const sim = await simulate(configScenario({ releasesAt: [5 * S], duration: 10 * S }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    // Fetched at start over 1 ms links (connect + fetch), then the poll is held at the server.
    // The release lands at 5.001 s; the scanner runs on whole seconds and answers the polls at
    // 6 s; each client then connects and fetches: 4 ms of 1 ms hops.
    for (const a of ["a1/app", "a2/app", "a3/app"]) expect(applied(sim, a)).toEqual([[4_000, 1, "server"], [6_005_000, 2, "server"]]);
    expect(sim.result.metrics.counters["config.polls.notified"]).toBe(3);
  });

  it("config: with nothing released a poll is held 60 s and answered 304, and the client polls again at once", async () => {
    const sim = await simulate(configScenario({ clients: 1, releasesAt: [], duration: 125 * S }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    const c = sim.result.metrics.counters;
    // The first poll (at 2 s, notification id -1) is answered at once; the next ones are held 60 s.
    expect(c["config.polls"]).toBe(4);
    expect(c["config.polls.held"]).toBe(3);
    expect(applied(sim, "a1/app")).toEqual([[4_000, 1, "server"]]);
  });

  it("config: a client cut off while its poll is held learns of a release only when the poll's 90 s read timeout expires", async () => {
    const sim = await simulate(configScenario({ releasesAt: [5 * S, 20 * S], duration: 120 * S, faults: [isolate("a2", 10 * S, 30 * S)], checks: [{ name: "config-converges", params: { bound: "90s" } }] }),
      { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    expect(applied(sim, "a1/app").at(-1)).toEqual([21_005_000, 3, "server"]);
    // a2's poll went out at 6.009 s, after it fetched version 2; the server answered it at 21 s
    // into the partition, and a2 waited until 6.009 + 90 s to ask again.
    expect(applied(sim, "a2/app").at(-1)).toEqual([97_015_000, 3, "server"]);
    const check = sim.result.checks.find((c) => c.name === "config-converges")!;
    expect(check.status).toBe("held");
    expect(check.findings.map((f) => f.message)).toContain("a2/app application: behind the server for 78.018s in all, longest 77.014s (from 20.001s to 97.015s)");
  });

  it("config: the same run judged with a 30 s bound fails: a2 still holds version 2 at 70 s", async () => {
    const sim = await simulate(configScenario({ releasesAt: [5 * S, 20 * S], duration: 120 * S, faults: [isolate("a2", 10 * S, 30 * S)], checks: [{ name: "config-converges", params: { bound: "30s" } }] }),
      { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    const check = sim.result.checks.find((c) => c.name === "config-converges")!;
    expect(check.violations.map((v) => v.message)).toEqual(["at 70s a2/app holds application version 2, but version 3 was released"]);
  });

  it("config: a client restarted while cut off starts from its local cache file, then backs off 1, 2, 4 s and catches up 8 ms after the heal", async () => {
    const faults = [isolate("a3", 10 * S, 30 * S), { action: "crash", node: "a3", at: 25 * S, duration: 2 * S } as FaultSpec];
    const sim = await simulate(configScenario({ releasesAt: [5 * S, 20 * S], duration: 60 * S, faults }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    // Restarted at 27 s: the fetch's connect times out at 28 s, so it takes version 2 from its
    // cache; polls at 30 s (+1 s connect timeout), 32 s, 35 s fail; the one at 40 s gets through.
    expect(applied(sim, "a3/app").slice(-2)).toEqual([[28 * S, 2, "cache"], [40_008_000, 3, "server"]]);
    expect(sim.history.filter((h) => h.event === "config-fallback").map((h) => h.fields)).toEqual([{ namespace: "application", version: 2 }]);
    expect(sim.result.metrics.counters["config.client.poll-failed"]).toBe(3);
  });

  it("config: without a local cache the restarted client has no config at all until the server is back", async () => {
    const faults = [isolate("a1", 10 * S, 30 * S), { action: "crash", node: "a1", at: 25 * S, duration: 2 * S } as FaultSpec];
    const sim = await simulate(configScenario({ clients: 1, releasesAt: [5 * S], duration: 60 * S, faults, client: { localCache: false } }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    expect(sim.history.filter((h) => h.event === "config-fallback").map((h) => h.fields)).toEqual([{ namespace: "application", version: null }]);
    expect(applied(sim, "a1/app").at(-1)).toEqual([40_008_000, 2, "server"]);
  });

  it("config: a release survives a crash of the server (synced before the ack), a retried release counts once, and the client whose held poll died with the server learns of it 90 s later", async () => {
    // The server crashes right after it records release 2 and before its answer leaves: the
    // admin retries under the same release key, and the restarted server recognises it.
    const sim = await simulate(configScenario({
      clients: 1, releasesAt: [5 * S], duration: 100 * S,
      triggers: [{ when: { on: "record", type: "config-release", from: "cs/config", nth: 2 }, do: { action: "crash", node: "cs" }, duration: 3 * S }],
    }), { catalog: testCatalog, checkers: testCheckers, recording: "off" });
    const releases = sim.history.filter((h) => h.event === "config-release").map((h) => h.fields.version);
    expect(releases).toEqual([1, 2]);
    expect(sim.history.filter((h) => h.event === "config-published").map((h) => h.fields.version)).toEqual([2]);
    expect(sim.result.metrics.counters["config.release.retries"]).toBeGreaterThanOrEqual(1);
    // a1's poll, held since 2.015 s, died with the server. Its 90 s read timeout expires at
    // 92.014 s; a failed poll waits 1 s, so a1 asks again at 93.014 s and fetches version 2.
    expect(applied(sim, "a1/app")).toEqual([[4_000, 1, "server"], [93_022_000, 2, "server"]]);
  });
});
