import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createStrategy, STRATEGY_NAMES, type StrategyName } from "./catalog";
import { PassiveHealth, withPassiveHealth } from "./passive-health";
import type { Instance, PickRequest, Strategy } from "./strategy";
import { testRng } from "./test-rng";

/** Smaller Maglev tables keep the property runs quick; everything else runs with its defaults. */
const OPTIONS: Partial<Record<StrategyName, object>> = { maglev: { tableSize: 251 } };

const arbList: fc.Arbitrary<Instance[]> = fc
  .array(
    fc.record({
      weight: fc.integer({ min: 0, max: 5 }),
      down: fc.boolean(),
      maxConns: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    }),
    { maxLength: 7 },
  )
  .map((xs) => xs.map((x, i) => ({ id: `i${i}`, address: `n${i}/svc`, ip: `10.0.0.${i + 1}`, ...x })));

type Op =
  | { kind: "pick"; sourceIp: string; uri: string; key: string; tried: number; start: boolean }
  | { kind: "end"; which: number; ok: boolean; timeout: boolean; latency: number }
  | { kind: "list"; list: Instance[] };

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("pick" as const), sourceIp: fc.ipV4(), uri: fc.webPath(), key: fc.string({ maxLength: 8 }), tried: fc.nat({ max: 127 }), start: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("end" as const), which: fc.nat(), ok: fc.boolean(), timeout: fc.boolean(), latency: fc.integer({ min: 1, max: 2_000_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("list" as const), list: arbList }) },
);

/** Runs `ops` against `s`, calling `check` after every pick with the test's own load model. */
function drive(
  s: Strategy,
  first: Instance[],
  ops: Op[],
  check: (list: Instance[], req: PickRequest, got: Instance | undefined, usable: (i: Instance) => boolean) => void,
): (string | undefined)[] {
  let list = first;
  const inflight: string[] = [];
  const active = new Map<string, number>();
  const picks: (string | undefined)[] = [];
  ops.forEach((op, step) => {
    const now = step * 1000;
    if (op.kind === "list") {
      list = op.list;
    } else if (op.kind === "end") {
      if (inflight.length === 0) return;
      const [id] = inflight.splice(op.which % inflight.length, 1);
      active.set(id, active.get(id)! - 1);
      s.onEnd(id, { ok: op.ok, timeout: !op.ok && op.timeout, latency: op.latency, now });
    } else {
      const tried = new Set(list.filter((_, i) => op.tried & (1 << i)).map((i) => i.id));
      const req: PickRequest = { now, sourceIp: op.sourceIp, uri: op.uri, key: op.key, tried };
      const usable = (i: Instance) =>
        !i.down && i.weight > 0 && !tried.has(i.id) && !(i.maxConns !== undefined && (active.get(i.id) ?? 0) >= i.maxConns);
      const got = s.pick(list, req);
      check(list, req, got, usable);
      picks.push(got?.id);
      if (got !== undefined && op.start) {
        s.onStart(got.id);
        inflight.push(got.id);
        active.set(got.id, (active.get(got.id) ?? 0) + 1);
      }
    }
  });
  return picks;
}

describe("every strategy", () => {
  for (const name of STRATEGY_NAMES) {
    test(`${name}: returns a usable member of the list, or undefined only when none is usable`, () => {
      fc.assert(
        fc.property(arbList, fc.array(arbOp, { maxLength: 40 }), fc.nat(), (list, ops, seed) => {
          const s = createStrategy(name, OPTIONS[name], testRng(seed));
          drive(s, list, ops, (l, _req, got, usable) => {
            if (got === undefined) expect(l.some(usable)).toBe(false);
            else {
              expect(l).toContain(got);
              expect(usable(got)).toBe(true);
            }
          });
        }),
        { numRuns: 60 },
      );
    });

    test(`${name}: the same seed and the same calls give the same picks`, () => {
      fc.assert(
        fc.property(arbList, fc.array(arbOp, { maxLength: 30 }), fc.nat(), (list, ops, seed) => {
          const run = () => drive(createStrategy(name, OPTIONS[name], testRng(seed)), list, ops, () => {});
          expect(run()).toEqual(run());
        }),
        { numRuns: 30 },
      );
    });

    test(`${name}: behind passive health, never returns an ejected instance`, () => {
      fc.assert(
        fc.property(arbList, fc.array(arbOp, { maxLength: 40 }), fc.nat(), fc.boolean(), (list, ops, seed, nginx) => {
          const health = new PassiveHealth(nginx ? { maxFails: 2 } : { mode: "consecutive", consecutiveFailures: 2, maxEjectionPercent: 50 });
          const s = withPassiveHealth(createStrategy(name, OPTIONS[name], testRng(seed)), health);
          drive(s, list, ops, (l, req, got, usable) => {
            if (got === undefined) expect(l.some((i) => usable(i) && !health.isEjected(i.id, req.now))).toBe(false);
            else expect(health.isEjected(got.id, req.now)).toBe(false);
          });
        }),
        { numRuns: 30 },
      );
    });
  }
});
