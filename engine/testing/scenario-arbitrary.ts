import fc from "fast-check";
import type { FaultSpec, Scenario } from "../scenario";
import { MS, SECOND } from "../core/time";

/**
 * fast-check arbitraries for whole scenarios: a few echo servers and clients on nodes in one or
 * two zones, a lossy, duplicating, sometimes FIFO network, and a scripted fault schedule drawn
 * from every fault kind. Used by the engine's property tests (determinism, conservation...).
 */
export function arbitraryScenario(options: { maxNodes?: number; faults?: boolean } = {}): fc.Arbitrary<Scenario> {
  const maxNodes = options.maxNodes ?? 6;
  return fc
    .record({
      nodeCount: fc.integer({ min: 2, max: maxNodes }),
      servers: fc.integer({ min: 1, max: 3 }),
      zones: fc.boolean(),
      lossRatio: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })),
      duplicateRatio: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.3, noNaN: true })),
      fifo: fc.boolean(),
      latency: fc.oneof(
        fc.record({ dist: fc.constant("constant" as const), value: fc.integer({ min: 0, max: 5 * MS }) }),
        fc.record({ dist: fc.constant("exponential" as const), mean: fc.integer({ min: 100, max: 5 * MS }) }),
        fc.record({ dist: fc.constant("lognormal" as const), median: fc.integer({ min: 100, max: 5 * MS }), sigma: fc.double({ min: 0.1, max: 1.5, noNaN: true }) }),
      ),
      rate: fc.integer({ min: 5, max: 80 }),
      faultSeeds: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat({ max: 9 })), { maxLength: options.faults === false ? 0 : 6 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
    })
    .map((p) => {
      const n = p.nodeCount;
      const names = Array.from({ length: n }, (_, i) => `n${i}`);
      const servers = names.slice(0, Math.min(p.servers, n - 1));
      const clients = names.slice(servers.length);
      const duration = 3 * SECOND;
      const faults: FaultSpec[] = p.faultSeeds.map(([a, b, c, kind]) => {
        const at = a % duration;
        const dur = 1 + (b % SECOND);
        const x = names[c % n], y = names[(c + 1 + (a % (n - 1))) % n];
        switch (kind) {
          case 0: return { at, duration: dur, action: "crash", node: x };
          case 1: return { at, duration: dur, action: "pause", node: x };
          case 2: return { at, duration: dur, action: "partition", groups: [names.slice(0, 1 + (b % (n - 1)))] };
          case 3: return { at, duration: dur, action: "isolate", node: x };
          case 4: return { at, duration: dur, action: "cut", from: x, to: y };
          case 5: return { at, duration: dur, action: "ring" };
          case 6: return { at, duration: dur, action: "skew", node: x, offset: (b % 2000) - 1000 };
          case 7: return { at, duration: dur, action: "link", from: x, to: y, link: { lossRatio: 0.5, latency: { dist: "constant", value: 20 * MS } } };
          case 8: return n >= 3 ? { at, duration: dur, action: "bridge", groups: [[names[0]], names.slice(2)], bridge: names[1] } : { at, action: "heal" };
          default: return { at, duration: dur, action: "drift", node: x, ppm: (b % 2000) - 1000 };
        }
      });
      const scenario: Scenario = {
        name: "generated",
        duration,
        seed: p.seed,
        nodes: names.map((name, i) => ({ name, zone: p.zones && i % 2 === 1 ? "b" : "a" })),
        processes: [
          ...servers.map((node) => ({ node, name: "echo", kind: "echo-server", config: { serviceTime: 1 * MS, durableCount: true } })),
          ...clients.map((node) => ({ node, name: "client", kind: "echo-client", config: { targets: servers.map((s) => `${s}/echo`), rate: p.rate, timeout: 200 * MS } })),
        ],
        network: {
          latency: p.latency, lossRatio: p.lossRatio, duplicateRatio: p.duplicateRatio, fifo: p.fifo,
          crossZone: { latency: { dist: "constant", value: 10 * MS } },
        },
        faults,
      };
      return scenario;
    });
}
