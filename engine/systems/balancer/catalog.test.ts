import { describe, expect, test } from "vitest";
import { BalancerError } from "./balancer-error";
import { ServiceConfigError } from "../../options/option-values";
import { createStrategy, isStrategyName, STRATEGY_NAMES } from "./catalog";
import { numbered } from "./test-instances";
import { testRng } from "./test-rng";

/** The catalogued error a call throws: the balancer's own (strategy names, keys) or the option tables' (values). */
function errorOf(fn: () => unknown): BalancerError | ServiceConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BalancerError || e instanceof ServiceConfigError) return e;
    throw e;
  }
  throw new Error("expected a BalancerError");
}

describe("catalog", () => {
  test("catalog: every name creates a working strategy under that name", () => {
    expect(STRATEGY_NAMES.length).toBe(13);
    for (const name of STRATEGY_NAMES) {
      const s = createStrategy(name, undefined, testRng(1));
      expect(s.name).toBe(name);
      expect(numbered(3).map((i) => i.id)).toContain(s.pick(numbered(3), { now: 0, key: "k", uri: "/", sourceIp: "10.0.0.1" })?.id);
    }
  });

  test("catalog: an unknown name lists the valid ones and suggests the nearest", () => {
    const e = errorOf(() => createStrategy("least-conections", undefined, testRng(1)));
    expect(e.code).toBe("CS703");
    expect(e.message).toContain('did you mean "least-connections"?');
    expect(e.message).toContain("valid strategies: round-robin, smooth-weighted-round-robin");
  });

  test("catalog: names users know from nginx, HAProxy and Envoy point to ours", () => {
    expect(errorOf(() => createStrategy("leastconn", undefined, testRng(1))).message).toContain('"least-connections-haproxy"');
    expect(errorOf(() => createStrategy("ip_hash", undefined, testRng(1))).message).toContain('"ip-hash"');
    expect(errorOf(() => createStrategy("least_request", undefined, testRng(1))).message).toContain('"power-of-two-choices"');
    expect(errorOf(() => createStrategy("ring_hash", undefined, testRng(1))).message).toContain('"ketama"');
  });

  test("catalog: a name far from every strategy gets no suggestion", () => {
    expect(errorOf(() => createStrategy("zookeeper", undefined, testRng(1))).message).not.toContain("did you mean");
  });

  test("catalog: an unknown option names the strategy and suggests the right key", () => {
    const e = errorOf(() => createStrategy("maglev", { tablesize: 7 }, testRng(1)));
    expect(e.code).toBe("CS702");
    expect(e.message).toBe('maglev: unknown option "tablesize" (did you mean "tableSize"?); valid options: tableSize, key.');
    expect(errorOf(() => createStrategy("round-robin", { weights: true }, testRng(1))).message).toContain("it takes no options");
  });

  test("catalog: a bad option value says what would be right", () => {
    expect(errorOf(() => createStrategy("maglev", { tableSize: 1000 }, testRng(1))).message).toContain("must be a prime");
    expect(errorOf(() => createStrategy("least-connections", { bug: "leak" }, testRng(1))).message).toContain('must be one of "none", "leak-on-timeout"');
    const e = errorOf(() => createStrategy("power-of-two-choices", { choiceCount: "2" }, testRng(1)));
    expect(e.code).toBe("CS701");
    expect(e.message).toContain("power-of-two-choices: choiceCount must be a whole number of at least 1, got \"2\"");
  });

  test("catalog: isStrategyName accepts catalog names only", () => {
    expect(isStrategyName("maglev")).toBe(true);
    expect(isStrategyName("toString")).toBe(false);
  });
});
