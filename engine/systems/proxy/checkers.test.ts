import { describe, expect, it } from "vitest";
import { replayChecker } from "../../check/replay-checker";
import type { OnlineChecker } from "../../check/checker";
import { SECOND } from "../../core/time";
import { contextOf } from "../../testing/kits/checker-test-kit";
import type { Row } from "../../testing/kits/checker-test-kit";
import { breakerProbes } from "./breaker-probes";
import { callsMeetDeadlines } from "./calls-meet-deadlines";
import { instancesShareLoad } from "./instances-share-load";
import { noStaleRouting } from "../registry/no-stale-routing";
import { registryConverges } from "../registry/registry-converges";

const attempt = (t: number, instance: string, extra: Record<string, string> = {}): Row => [t, "c1/client", "call-attempt", { n: t, attempt: 1, service: "api", instance, address: instance, ...extra }];
const view = (t: number, role: "server" | "client", address: string, ids: string[], removed: string[] = [], added: string[] = [], cause = "evict"): Row =>
  [t, address, "registry-view", { role, service: "api", ids, removed, added, cause }];

describe("no-stale-routing", () => {
  const removal = view(10 * SECOND, "server", "r1/registry", ["b1/api"], ["b2/api"]);
  it("no-stale-routing: an attempt within the bound after a removal is fine, one after it is a violation", () => {
    const c = noStaleRouting({ bound: "5s" });
    expect(replayChecker(c, contextOf([removal, attempt(15 * SECOND, "b2/api")])).violations).toEqual([]);
    const v = replayChecker(c, contextOf([removal, attempt(15 * SECOND + 1, "b2/api")])).violations;
    expect(v.length).toBe(1);
    expect(v[0].message).toContain("b2/api");
    expect(v[0].history).toEqual([0, 1]);
  });

  it("no-stale-routing: a new registration clears the removal", () => {
    const back = view(12 * SECOND, "server", "r1/registry", ["b1/api", "b2/api"], [], ["b2/api"], "register");
    expect(replayChecker(noStaleRouting({ bound: "1s" }), contextOf([removal, back, attempt(20 * SECOND, "b2/api")])).violations).toEqual([]);
  });

  it("no-stale-routing: a replicated add does not clear it (only the instance itself can say it is back)", () => {
    const replicated = view(12 * SECOND, "server", "r2/registry", ["b1/api", "b2/api"], [], ["b2/api"], "replicate");
    expect(replayChecker(noStaleRouting({ bound: "1s" }), contextOf([removal, replicated, attempt(20 * SECOND, "b2/api")])).violations.length).toBe(1);
  });
});

describe("breaker-probes", () => {
  const tr = (t: number, to: string): Row => [t, "c1/client", "breaker-transition", { breaker: "api", from: "x", to, reason: "r", permits: 2 }];
  const a = (t: number) => attempt(t, "b1/api", { breaker: "api", state: "HALF_OPEN" });
  it("breaker-probes: two probes in HALF_OPEN with two permits hold; a third is a violation", () => {
    expect(replayChecker(breakerProbes({}), contextOf([tr(1, "OPEN"), tr(2, "HALF_OPEN"), a(3), a(4)])).violations).toEqual([]);
    expect(replayChecker(breakerProbes({}), contextOf([tr(1, "OPEN"), tr(2, "HALF_OPEN"), a(3), a(4), a(5)])).violations.length).toBe(1);
  });
  it("breaker-probes: an attempt while OPEN is a violation, whatever state the attempt claims", () => {
    expect(replayChecker(breakerProbes({}), contextOf([tr(1, "OPEN"), a(3)])).violations.length).toBe(1);
  });
  it("breaker-probes: a new HALF_OPEN period starts a new count", () => {
    const rows = [tr(1, "OPEN"), tr(2, "HALF_OPEN"), a(3), a(4), tr(5, "OPEN"), tr(6, "HALF_OPEN"), a(7), a(8)];
    expect(replayChecker(breakerProbes({}), contextOf(rows)).violations).toEqual([]);
  });
});

describe("calls-meet-deadlines", () => {
  const start = (t: number, n: number): Row => [t, "c1/client", "call-start", { n, service: "api", deadlineUs: 100 }];
  const end = (t: number, n: number, latency: number): Row => [t, "c1/client", "call-end", { n, ok: false, latency }];
  it("calls-meet-deadlines: a call that ends after its deadline is a violation", () => {
    expect(replayChecker(callsMeetDeadlines({}), contextOf([start(0, 1), end(100, 1, 100)])).violations).toEqual([]);
    expect(replayChecker(callsMeetDeadlines({}), contextOf([start(0, 1), end(101, 1, 101)])).violations.length).toBe(1);
  });
  it("calls-meet-deadlines: a call left open past its deadline is a violation, unless its caller crashed", () => {
    expect(replayChecker(callsMeetDeadlines({}), contextOf([start(0, 1)], { endedAt: 1000 })).violations.length).toBe(1);
    expect(replayChecker(callsMeetDeadlines({}), contextOf([start(0, 1)], { endedAt: 1000, faults: [{ action: "crash", node: "c1", at: 50 }] })).violations).toEqual([]);
  });
});

describe("instances-share-load", () => {
  const rows = (counts: Record<string, number>): Row[] => {
    const out: Row[] = [];
    let t = 20 * SECOND;
    for (const [id, n] of Object.entries(counts)) for (let i = 0; i < n; i++) out.push(attempt(t++, id));
    return out.sort((x, y) => x[0] - y[0]);
  };
  it("instances-share-load: an even spread holds, a starved instance is a violation", () => {
    const c = instancesShareLoad({ settle: "1s" });
    expect(replayChecker(c, contextOf(rows({ "b1/api": 100, "b2/api": 90, "b3/api": 110 }), { endedAt: 30 * SECOND })).violations).toEqual([]);
    const v = replayChecker(c, contextOf(rows({ "b1/api": 150, "b2/api": 5, "b3/api": 145 }), { endedAt: 30 * SECOND })).violations;
    expect(v.map((x) => x.message.includes("b2/api"))).toEqual([true]);
  });
  it("instances-share-load: an instance whose node was down in the window is not judged", () => {
    const ctx = contextOf(rows({ "b1/api": 150, "b2/api": 0, "b3/api": 150 }).concat([attempt(1, "b2/api")]).sort((x, y) => x[0] - y[0]), {
      endedAt: 30 * SECOND, faults: [{ action: "crash", node: "b2", at: 25 * SECOND }],
    });
    expect(replayChecker(instancesShareLoad({ settle: "1s" }), ctx).violations).toEqual([]);
  });
});

describe("registry-converges", () => {
  const start = (t: number, address: string, role: string): Row => [t, address, "registry-start", { role }];
  it("registry-converges: servers and clients that agree at healedAt + bound hold", () => {
    const rows = [view(1, "server", "r1/registry", ["b1/api"]), view(2, "server", "r2/registry", ["b1/api"]), view(3, "client", "c1/client", ["b1/api"])];
    expect(replayChecker(registryConverges({ bound: "10s" }), contextOf(rows, { endedAt: 20 * SECOND })).violations).toEqual([]);
  });
  it("registry-converges: a client still holding a removed instance at healedAt + bound is a violation", () => {
    const rows = [view(1, "server", "r1/registry", ["b1/api", "b2/api"]), view(3, "client", "c1/client", ["b1/api", "b2/api"]), view(5, "server", "r1/registry", ["b1/api"], ["b2/api"])];
    const v = replayChecker(registryConverges({ bound: "10s" }), contextOf(rows, { endedAt: 20 * SECOND })).violations;
    expect(v.length).toBe(1);
    expect(v[0].message).toContain("c1/client");
  });
  it("registry-converges: a restarted client has no view until it records one; servers that disagree are a violation", () => {
    const rows = [view(1, "server", "r1/registry", ["b1/api"]), view(2, "server", "r2/registry", []), view(3, "client", "c1/client", ["x"]), start(4, "c1/client", "client")];
    const v = replayChecker(registryConverges({ bound: "10s" }), contextOf(rows, { endedAt: 20 * SECOND })).violations;
    expect(v.map((x) => x.message.includes("servers disagree"))).toEqual([true]);
  });
  it("registry-converges online: judges the views as they stood at healedAt + bound, and a later fault moves that moment", () => {
    // Agreement at 1 s; the server gains b2 at 15 s, past healedAt (0) + 10 s, and the client never does.
    const rows = [view(1, "server", "r1/registry", ["b1/api"]), view(2, "client", "c1/client", ["b1/api"]), view(15 * SECOND, "server", "r1/registry", ["b1/api", "b2/api"])];
    const ctx = contextOf(rows, { endedAt: 30 * SECOND });
    const live = (healedAtFrom: (t: number) => number) => {
      let now = 0;
      const o = (registryConverges({ bound: "10s" }) as OnlineChecker).start({ scenario: "test", seed: 1, params: {}, get now() { return now; }, get healedAt() { return healedAtFrom(now); } });
      for (const h of ctx.history) { now = h.t; o.record(h); }
      return o.finish({ ...ctx, healedAt: healedAtFrom(30 * SECOND) });
    };
    // No fault: the copy taken at 10 s holds, though the views disagree by the end.
    expect(live(() => 0).violations).toEqual([]);
    // A fault that heals at 16 s, seen at 16 s: the moment is 26 s, the copy is dropped, the client lags.
    const late = live((t) => (t >= 16 * SECOND ? 16 * SECOND : 0));
    expect(late.violations.map((v) => v.message)).toEqual([expect.stringContaining("c1/client sees")]);
    expect(replayChecker(registryConverges({ bound: "10s" }), { ...ctx, healedAt: 16 * SECOND }).violations.length).toBe(1);
  });
  it("registry-converges: a run too short to judge says so and finds nothing wrong", () => {
    const out = replayChecker(registryConverges({ bound: "10s" }), contextOf([], { healedAt: 15 * SECOND, endedAt: 20 * SECOND }));
    expect(out.violations).toEqual([]);
    expect(out.findings![0].message).toContain("too early");
  });
});
