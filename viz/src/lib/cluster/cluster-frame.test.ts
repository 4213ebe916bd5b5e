import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "../scenario/fixtures";
import { DROPPED, type TraceBundle } from "../trace/trace-bundle";
import { bundleOfScenario } from "./test-bundle";
import { nodeRoles } from "./cluster-roles";
import { clusterLayout } from "./cluster-layout";
import { badgeLabel, clusterFrame, clusterModel, dotAt, DOWN, UP, type ClusterModel } from "./cluster-frame";
import { FlightIndex } from "./flight-index";
import { stateBadges } from "./state-badges";

const SECOND = 1_000_000;
let b: TraceBundle;
let m: ClusterModel;
beforeAll(async () => {
  b = await bundleOfScenario(FIXTURES[0]);
  m = clusterModel(b, nodeRoles(b, FIXTURES[0]));
});

/** The arrows in flight at `t`, by brute force over the whole table. */
function inFlight(bundle: TraceBundle, t: number): number[] {
  const a = bundle.arrows;
  const out: number[] = [];
  for (let i = 0; i < a.count; i++) if (a.sendT[i] <= t && t < a.endT[i]) out.push(i);
  return out;
}

describe("cluster frame (echo-crash-partition: s1 down 2-5 s, {c1,s1,s2} | {c2,s3} 4-6 s)", () => {
  it("the flight index gives exactly the messages in flight at any time, like a scan of every arrow", () => {
    const idx = new FlightIndex(b.arrows, b.tEnd);
    for (let k = 0; k <= 400; k++) {
      const t = (k / 400) * b.tEnd + 137;
      expect(idx.at(t)).toEqual(inFlight(b, t));
    }
    // And at event times exactly, where a message arrives (gone) or leaves (there).
    for (let i = 0; i < b.arrows.count; i += 17) expect(idx.at(b.arrows.endT[i])).toEqual(inFlight(b, b.arrows.endT[i]));
    expect(idx.entries).toBeLessThan(b.arrows.count * 4);
  });

  it("a message that waits for the whole run is found at every time without widening every search", () => {
    const a = b.arrows;
    const copy = { ...a, endT: a.endT.slice() };
    copy.endT[3] = b.tEnd; // held until the end (a paused receiver, say)
    const idx = new FlightIndex(copy, b.tEnd);
    const t = b.tEnd * 0.77;
    expect(idx.at(t)).toContain(3);
    expect(idx.at(t)).toEqual(inFlight({ ...b, arrows: copy }, t));
  });

  it("dots sit on the line from sender to receiver, as far along as the message is in its flight", () => {
    const l = clusterLayout(m.info, 1000, 500);
    // The middle of the 40th message's flight: a time with something in the air.
    const t = (b.arrows.sendT[40] + b.arrows.endT[40]) / 2;
    const f = clusterFrame(m, l, t, { dropFade: 0 });
    expect(Array.from(f.dots.arrow.subarray(0, f.dots.count))).toEqual(inFlight(b, t));
    expect(f.dots.count).toBeGreaterThan(0);
    const a = b.arrows;
    for (let k = 0; k < f.dots.count; k++) {
      const i = f.dots.arrow[k];
      if (a.status[i] === DROPPED) continue;
      const p = (t - a.sendT[i]) / (a.endT[i] - a.sendT[i]);
      const from = m.fromNode[i], to = m.toNode[i];
      expect(f.dots.x[k]).toBeCloseTo(l.x[from] + p * (l.x[to] - l.x[from]), 3);
      expect(f.dots.y[k]).toBeCloseTo(l.y[from] + p * (l.y[to] - l.y[from]), 3);
      expect(dotAt(f, f.dots.x[k], f.dots.y[k], 0.01)).toBeGreaterThanOrEqual(0);
    }
  });

  it("crashed nodes are down while the band lasts, partitions give their cuts, drops are marked where they die", () => {
    const l = clusterLayout(m.info, 1000, 500);
    const s1 = b.nodes.indexOf("s1"), c2 = b.nodes.indexOf("c2"), s2 = b.nodes.indexOf("s2");
    const before = clusterFrame(m, l, 1.9 * SECOND, { dropFade: 0 });
    expect(before.state[s1]).toBe(UP);
    expect(before.cuts).toEqual([]);
    const during = clusterFrame(m, l, 4.5 * SECOND, { dropFade: 0.5 * SECOND });
    expect(during.state[s1]).toBe(DOWN);
    const pair = [Math.min(c2, s2), Math.max(c2, s2)];
    expect(during.cuts).toContainEqual(pair);
    const after = clusterFrame(m, l, 6.5 * SECOND, { dropFade: 0 });
    expect(after.state[s1]).toBe(UP);
    expect(after.cuts).toEqual([]);
    // Drops in the last half second before 4.5 s: each one the trace dropped then, none other.
    const a = b.arrows;
    const expected: number[] = [];
    for (let i = 0; i < a.count; i++) if (a.status[i] === DROPPED && a.endT[i] > 4 * SECOND && a.endT[i] <= 4.5 * SECOND) expected.push(i);
    expect(during.drops.map((d) => d.arrow).sort((p, q) => p - q)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    for (const d of during.drops) expect(d.age).toBeGreaterThanOrEqual(0);
  });

  it("badges: status labels in force at the time, and term, lease and queue depth read from a state", () => {
    expect(stateBadges({ role: "leader", term: 3, log: [1, 2], queued: 12 })).toEqual(["term 3", "queue 12"]);
    expect(stateBadges({ raft: { currentTerm: 7 }, leaseUntil: 5000000 }, 3)).toEqual(["term 7", "lease 5000000"]);
    expect(stateBadges(null)).toEqual([]);
    // Synthetic status tracks: a breaker open from 1 s to 2 s on c1's lane.
    const lane = b.lanes.findIndex((x) => x.address === "c1/client");
    const withStatus = { ...b, status: [{ lane, key: "breaker.state", value: "open", t0: SECOND, t1: 2 * SECOND, seq: 0 }] };
    const m2 = clusterModel(withStatus, m.info);
    const l = clusterLayout(m.info, 1000, 500);
    const c1 = b.nodes.indexOf("c1");
    expect(clusterFrame(m2, l, 1.5 * SECOND, { dropFade: 0 }).badges[c1]).toEqual(["breaker: open"]);
    expect(clusterFrame(m2, l, 2.5 * SECOND, { dropFade: 0 }).badges[c1]).toBeNull();
    // A value that never changes is not a badge, unless it is a state or a role; top-level keys say what they are.
    const constant = { ...b, status: [{ lane, key: "service", value: "api", t0: 0, t1: b.tEnd, seq: 0 }, { lane, key: "role", value: "follower", t0: 0, t1: b.tEnd, seq: 0 }] };
    expect(clusterFrame(clusterModel(constant, m.info), l, SECOND, { dropFade: 0 }).badges[c1]).toEqual(["follower"]);
    expect(badgeLabel("phase", "prepared")).toBe("phase prepared");
    expect(badgeLabel("breaker.state", "half-open")).toBe("breaker: half-open");
  });
});
