import { describe, expect, it } from "vitest";
import { MS, SECOND } from "../../core/time";
import { defaultsOf } from "../../options/option-table";
import { retryWaits } from "./retry-schedule";
import { destinationMatches } from "./spring-config-client";
import { SPRING_BUS_BROKER_OPTIONS, SPRING_CONFIG_CLIENT_OPTIONS, resolveSpringConfigServerOptions } from "./spring-config-options";

describe("spring cloud config: documented defaults and rules", () => {
  it("spring.cloud.config.retry defaults: initial-interval 1000 ms, multiplier 1.1, max-interval 2000 ms, max-attempts 6", () => {
    const d = defaultsOf(SPRING_CONFIG_CLIENT_OPTIONS);
    expect([d.retryInitialIntervalUs, d.retryMultiplier, d.retryMaxIntervalUs, d.retryMaxAttempts]).toEqual([1000 * MS, 1.1, 2000 * MS, 6]);
  });

  it("spring retry: six attempts wait 1000, 1100, 1210, 1331 and 1464.1 ms between them, 6.1051 s in all", () => {
    const w = retryWaits(1000 * MS, 1.1, 2000 * MS, 6);
    expect(w).toEqual([1_000_000, 1_100_000, 1_210_000, 1_331_000, 1_464_100]);
    expect(w.reduce((a, b) => a + b, 0)).toBe(6_105_100);
  });

  it("spring retry: max-interval caps every wait, and max-attempts 1 never waits", () => {
    expect(retryWaits(1500 * MS, 2, 2000 * MS, 4)).toEqual([1_500_000, 2_000_000, 2_000_000]);
    expect(retryWaits(1000 * MS, 1.1, 2000 * MS, 1)).toEqual([]);
  });

  it("spring.cloud.config.fail-fast is false by default, retry needs spring-retry, the label is main, timeouts 10 s connect and 185 s read", () => {
    const d = defaultsOf(SPRING_CONFIG_CLIENT_OPTIONS);
    expect([d.failFast, d.retry, d.label, d.profile]).toEqual([false, false, "main", "default"]);
    expect([d.requestConnectTimeoutUs, d.requestReadTimeoutUs]).toEqual([10 * SECOND, 185 * SECOND]);
  });

  it("spring cloud bus: the broker closes a connection after the 60 s heartbeat timeout", () => {
    expect(defaultsOf(SPRING_BUS_BROKER_OPTIONS).heartbeatUs).toBe(60 * SECOND);
  });

  it("spring cloud bus: a destination names an application (app:**), and none or ** means every instance", () => {
    expect(destinationMatches(null, "orders")).toBe(true);
    expect(destinationMatches("**", "orders")).toBe(true);
    expect(destinationMatches("orders:**", "orders")).toBe(true);
    expect(destinationMatches("users:**", "orders")).toBe(false);
  });

  it("spring config server: a commit sets the keys it names and keeps the rest; commits are sorted by time", () => {
    const o = resolveSpringConfigServerOptions({ repository: { main: { a: 1 } }, commits: [{ at: "20s", items: { b: 2 } }, { at: "5s", items: { a: 3 } }] }, "test");
    expect(o.commits.map((c) => [c.atUs, c.label, c.items])).toEqual([[5 * SECOND, "main", { a: "3" }], [20 * SECOND, "main", { b: "2" }]]);
    expect(() => resolveSpringConfigServerOptions({ commits: [{ at: "1s", items: {}, labl: "x" }] }, "test")).toThrow(/labl/);
  });
});
