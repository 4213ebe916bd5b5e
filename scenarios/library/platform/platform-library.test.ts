import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { simulate } from "../../../engine/index";
import { SECOND } from "../../../engine/core/time";
import type { HistoryEntry } from "../../../engine/check/checker";
import type { Simulation } from "../../../engine/run-options";
import { expectEverySeedPasses, loadLibraryFile } from "../library-kit";

const dir = fileURLToPath(new URL(".", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
const S = SECOND;

/** Loads a library file with the built-in catalogs, failing the test with the loader's errors. */
const load = (file: string, sets: string[] = []) => loadLibraryFile(dir, file, sets);

const run = (file: string, seed: number, sets: string[] = []) => simulate(load(file, sets).scenario, { seed });
const check = (sim: Simulation, name: string) => sim.result.checks.find((c) => c.name === name)!;
const counter = (sim: Simulation, name: string) => sim.result.metrics.counters[name] ?? 0;
const requests = (sim: Simulation, pred: (h: HistoryEntry) => boolean) => sim.history.filter((h) => h.event === "gateway-request" && pred(h));
const statuses = (list: HistoryEntry[]) => {
  const out: Record<string, number> = {};
  for (const h of list) out[String(h.fields.status)] = (out[String(h.fields.status)] ?? 0) + 1;
  return out;
};

describe("platform library: every scenario loads and passes over its seeds", () => {
  it("platform library: the nine scenarios are there", () => {
    expect(files).toEqual([
      "api-gateway.yaml", "bulkhead-thread-isolation.yaml", "config-center-partition.yaml", "gateway-bug-auth-after-routing.yaml",
      "log-collection-partition.yaml", "quorum-consistent-reads.yaml", "quorum-stale-reads.yaml",
      "spring-cloud-bus-partition.yaml", "spring-config-fail-fast.yaml",
    ]);
  });

  for (const file of files) {
    it(`platform library: ${file} passes for each of its seeds, with a description, a topic and narration that is shown`, async () => {
      const r = load(file);
      expect(r.scenario.description!.length).toBeGreaterThan(400);
      expect(r.scenario.tags?.topic).toBeTypeOf("string");
      expect(r.scenario.narration!.length).toBeGreaterThanOrEqual(3);
      expect(r.seeds).toEqual([1, 2, 3]);
      await expectEverySeedPasses(file, r);
    }, 120_000);
  }
});

describe("platform library: what the scenarios show, measured", () => {
  it("api-gateway: 401s never leave the gateway, bob alone is rate limited, and the slow users route never hurts /orders", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("api-gateway.yaml", seed);
      const by = (caller: string) => statuses(requests(sim, (h) => h.fields.caller === caller));
      // Every request of mallory and eve is a 401, and none of their ids was ever sent upstream.
      expect(Object.keys(by("mallory/client")), `seed ${seed}`).toEqual(["401"]);
      expect(Object.keys(by("eve/client"))).toEqual(["401"]);
      const refused = new Set(requests(sim, (h) => h.fields.status === 401).map((h) => h.fields.id));
      expect(sim.history.filter((h) => h.event === "call-attempt" && h.address === "gw/gateway" && refused.has(h.fields.n)).length).toBe(0);
      expect(check(sim, "gateway-auth").findings[0].value).toBe(refused.size);
      // bob asks 100/s (Poisson) against a 50/s bucket: about half of his requests get 429; alice never.
      const bob = by("bob/client");
      const bobTotal = Object.values(bob).reduce((a, b) => a + b, 0);
      expect(bob[429] / bobTotal).toBeGreaterThan(0.45);
      expect(bob[429] / bobTotal).toBeLessThan(0.6);
      expect(by("alice/client")[429]).toBeUndefined();
      // /orders: no 5xx at all, before or after the users service turns slow at 20 s.
      expect(requests(sim, (h) => h.fields.route === "orders" && Number(h.fields.status) >= 500).length).toBe(0);
      // /users after 25 s: nothing but refusals (503: its pool of 20 is full) and timeouts (504).
      const lateUsers = statuses(requests(sim, (h) => h.fields.route === "users" && h.t >= 25 * S && h.fields.status !== 401 && h.fields.status !== 429));
      expect(Object.keys(lateUsers).sort()).toEqual(["503", "504"]);
    }
    const sim = await run("api-gateway.yaml", 1);
    expect(check(sim, "gateway-auth").findings[0].message).toBe("769 request(s) refused with 401: 380 without a key, 389 with an invalid key");
  }, 120_000);

  it("gateway-bug-auth-after-routing: each of mallory's 49 requests reached the backend before its 401; without the bug none does", async () => {
    const buggy = await run("gateway-bug-auth-after-routing.yaml", 1);
    const v = check(buggy, "gateway-auth").violations;
    expect(v.length).toBe(20);
    expect(check(buggy, "gateway-auth").findings.map((f) => f.value)).toEqual([49, 49]);
    expect(v[0].message).toBe("gw/gateway refused request 2 (/orders/1, no API key) with 401 at 108ms, but it was delivered to o1/orders at 102ms");
    expect(counter(buggy, "backend.requests")).toBe(49 + 49);
    const fixed = await run("gateway-bug-auth-after-routing.yaml", 1, ["services.1.config.bug=none"]);
    expect(check(fixed, "gateway-auth").status).toBe("held");
    expect(counter(fixed, "backend.requests")).toBe(49);
    expect(statuses(requests(fixed, (h) => h.fields.caller === "mallory/client"))).toEqual({ 401: 49 });
  });

  it("bulkhead-thread-isolation: with one shared pool over 80 % of orders fail once reports is slow; with a reports bulkhead none do; with a breaker they recover 3 s after it opens", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("bulkhead-thread-isolation.yaml", seed);
      const orders = (gw: string, from: number, to = 40 * S) => {
        const l = requests(sim, (h) => h.address === `${gw}/gateway` && h.fields.route === "orders" && h.t >= from && h.t < to);
        return { failed: l.filter((h) => h.fields.status !== 200).length, total: l.length };
      };
      // Before the slowdown every gateway serves orders perfectly.
      for (const gw of ["gw1", "gw2", "gw3"]) expect(orders(gw, 0, 10 * S).failed, `${gw} seed ${seed}`).toBe(0);
      const shared = orders("gw1", 11 * S);
      expect(shared.failed / shared.total, `shared seed ${seed}`).toBeGreaterThan(0.8);
      expect(requests(sim, (h) => h.address === "gw1/gateway" && h.fields.route === "orders" && h.fields.status !== 200).every((h) => h.fields.outcome === "pool-full")).toBe(true);
      expect(orders("gw2", 0).failed).toBe(0);
      // The breaker opens about 3.2 s after the slowdown, once the first slow calls have ended.
      const open = sim.history.find((h) => h.event === "breaker-transition" && h.address === "gw3/gateway" && h.fields.to === "OPEN")!;
      expect(open.t).toBeGreaterThan(13 * S);
      expect(open.t).toBeLessThan(14 * S);
      expect(orders("gw3", 10 * S, open.t).failed / orders("gw3", 10 * S, open.t).total).toBeGreaterThan(0.7);
      expect(orders("gw3", open.t + 3 * S).failed).toBe(0);
    }
  }, 120_000);

  it("config-center-partition: app2 stays on version 2 for 77 s, until its lost poll times out; app3 restarts from its cache and catches up at the heal", async () => {
    const sim = await run("config-center-partition.yaml", 1);
    const applied = (a: string) => sim.history.filter((h) => h.event === "config-applied" && h.address === a).map((h) => [h.t, h.fields.version, h.fields.source]);
    expect(applied("app1/app").map((x) => x[1])).toEqual([1, 2, 3]);
    expect(applied("app2/app").at(-1)).toEqual([97_015_000, 3, "server"]);
    expect(applied("app3/app").slice(-2)).toEqual([[28 * S, 2, "cache"], [40_008_000, 3, "server"]]);
    const c = check(sim, "config-converges");
    expect(c.status).toBe("held");
    expect(c.findings.map((f) => f.message)).toEqual([
      "app1/app application: behind the server for 2.008s in all, longest 1.004s (from 5.001s to 6.005s)",
      "app2/app application: behind the server for 78.018s in all, longest 77.014s (from 20.001s to 97.015s)",
      "app3/app application: behind the server for 18.011s in all, longest 12.008s (from 28s to 40.008s)",
      "app3/app could not reach a config server at 28s and started from its local cache (application version 2)",
    ]);
    // Asking for convergence within 30 s of the heal fails, and names app2.
    const strict = await run("config-center-partition.yaml", 1, ["checks.0.params.bound=30s"]);
    expect(check(strict, "config-converges").violations.map((v) => v.message)).toEqual(["at 70s app2/app holds application version 2, but version 3 was released"]);
  });

  it("log-collection-partition: the small dropping buffer loses most of the partition's lines, the large one and the blocking one none; duplicates are stored once", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("log-collection-partition.yaml", seed);
      const produced = (a: string) => counter(sim, `logs.agent.${a}.produced`);
      // 1200 lines are written during the 60 s partition; app1 keeps about 300 of them.
      expect(counter(sim, "logs.agent.app1.dropped"), `seed ${seed}`).toBeGreaterThan(850);
      expect(counter(sim, "logs.agent.app1.dropped")).toBeLessThan(1000);
      for (const a of ["app2", "app3"]) {
        expect(counter(sim, `logs.agent.${a}.dropped`)).toBe(0);
        expect(counter(sim, `logs.agent.${a}.acked`)).toBe(produced(a));
      }
      expect(counter(sim, "logs.stored")).toBe(produced("app1") - counter(sim, "logs.agent.app1.dropped") + produced("app2") + produced("app3"));
      expect(counter(sim, "logs.duplicates")).toBeGreaterThan(0);
      expect(check(sim, "logs-delivered").findings.at(-1)!.message).toMatch(/duplicate line\(s\) and stored 0 line\(s\) more than once$/);
      // The lines written during the partition reach the collector within 30 s of the heal (a lost
      // ack costs app2 a 1 s timeout and a retry wait each time).
      const written = new Map(sim.history.filter((h) => h.event === "log-line" && h.address === "app2/agent").map((h) => [h.fields.seq, h.t]));
      const partitionLines = sim.history.filter((h) => h.event === "log-stored" && h.fields.agent === "app2/agent").flatMap((h) => (h.fields.seqs as number[]).filter((s) => written.get(s)! < 70 * S).map(() => h.t));
      expect(Math.max(...partitionLines)).toBeLessThan(100 * S);
    }
  }, 120_000);

  it("quorum stores: R = W = 1 gives over 150 stale reads, all during the partition; R = W = 2 gives none, and c1 alone fails while cut off", async () => {
    for (const seed of [1, 2, 3]) {
      const weak = await run("quorum-stale-reads.yaml", seed);
      const stale = check(weak, "no-stale-reads");
      expect(stale.findings[0].value, `seed ${seed}`).toBeGreaterThan(150);
      expect(stale.violations.every((v) => v.t >= 10 * S && v.t < 31 * S)).toBe(true);
      expect(counter(weak, "kv.read.failed") + counter(weak, "kv.write.failed")).toBe(0);
      const strong = await run("quorum-consistent-reads.yaml", seed);
      expect(check(strong, "no-stale-reads").findings[0].value).toBe(0);
      const failed = strong.history.filter((h) => h.event === "kv-end" && h.fields.ok === false);
      expect(failed.length).toBeGreaterThan(300);
      expect(failed.every((h) => h.address === "c1/client" && h.t >= 10 * S && h.t < 35 * S)).toBe(true);
    }
    const weak = await run("quorum-stale-reads.yaml", 1);
    expect(check(weak, "no-stale-reads").findings[0].message).toBe("829 successful read(s) checked, 186 stale; the stalest began 1.413s after the write it missed was acknowledged");
  }, 120_000);
});

describe("platform library: Spring Cloud Config and Spring Cloud Bus, as documented", () => {
  const recs = (sim: Simulation, event: string, address?: string) => sim.history.filter((h) => h.event === event && (address === undefined || h.address === address));

  it("spring-config-fail-fast: fail-fast false starts on local config and takes the server's only at a refresh; fail-fast alone fails at once; the retry defaults try 6 times in 6.1 s; max-attempts 5 gives up first", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("spring-config-fail-fast.yaml", seed);
      const applied = (a: string) => recs(sim, "config-applied", a).map((h) => [h.t, h.fields.version, h.fields.source]);
      // app1: fail-fast false (Spring's default) starts on application.yml, never retries on its own.
      expect(recs(sim, "spring-config-attempt-failed", "app1/app").length, `seed ${seed}`).toBe(1);
      expect(applied("app1/app")).toEqual([[2000, 0, "local"], [20_007_000, 2, "server"]]);
      // app2: fail-fast true without spring-retry: one attempt, then the application fails to start.
      expect(recs(sim, "spring-config-start-failed", "app2/app").map((h) => [h.t, h.fields.attempts])).toEqual([[2000, 1]]);
      expect(recs(sim, "config-client-start", "app2/app")).toEqual([]);
      // app3: attempts 1000, 1100, 1210, 1331, 1464.1 ms apart (each refused connection takes 2 ms); the sixth succeeds.
      const starts = recs(sim, "spring-config-attempt-failed", "app3/app").map((h) => h.t - 2000);
      expect(starts).toEqual([0, 1_002_000, 2_104_000, 3_316_000, 4_649_000]);
      expect(applied("app3/app")[0]).toEqual([6_119_100, 1, "server"]);
      // app4: max-attempts 5 ends at 4.651 s, before the server listens at 5 s.
      expect(recs(sim, "spring-config-start-failed", "app4/app").map((h) => [h.t, h.fields.attempts])).toEqual([[4_651_000, 5]]);
      expect(check(sim, "config-converges").status).toBe("held");
    }
  });

  it("spring-cloud-bus-partition: busrefresh fans out to every queue; a 30 s cut gets the event at the heal; past the 60 s heartbeat the auto-delete queue goes with the event and app3 stays on commit 1", async () => {
    for (const seed of [1, 2, 3]) {
      const sim = await run("spring-cloud-bus-partition.yaml", seed);
      const last = (a: string) => recs(sim, "config-applied", a).at(-1)!;
      expect(recs(sim, "bus-published")[0].fields.queues, `seed ${seed}`).toEqual(["app1/app", "app2/app", "app3/app", "app4/app"]);
      for (const a of ["app1/app", "app4/app"]) expect([last(a).t, last(a).fields.version]).toEqual([25_007_000, 2]);
      // The broker redelivers on app2's live connection; the first attempt after the heal at 45 s gets through.
      expect(last("app2/app").fields.version).toBe(2);
      expect(last("app2/app").t).toBeGreaterThanOrEqual(45 * S);
      expect(last("app2/app").t).toBeLessThan(47 * S);
      // app3's connection was silent for 60 s: the queue is deleted with the one event in it.
      expect(recs(sim, "bus-queue-deleted").map((h) => [h.t, h.fields.consumer, h.fields.lost])).toEqual([[75 * S, "app3/app", ["app1/app#1"]]]);
      expect(last("app3/app").fields.version).toBe(1);
      expect(recs(sim, "bus-subscribed", "app3/app").map((h) => h.fields.first)).toEqual([true, false]);
      expect(check(sim, "config-converges").violations.map((v) => v.message)).toEqual(["at 165s app3/app holds main version 1, but version 2 was released"]);
    }
    // With a second busrefresh after the heal, every instance converges.
    const again = await run("spring-cloud-bus-partition.yaml", 1, ["services.3.config.refreshes=[{at: 25s, target: app1/app}, {at: 160s, target: app1/app}]"]);
    expect(check(again, "config-converges").status).toBe("held");
  });
});
