import { describe, expect, it } from "vitest";
import { simulate } from "../../../../engine/index";
import { FIXTURES } from "../scenario/fixtures";
import { BundleBuilder } from "./bundle-builder";
import { LineText } from "./line-text";
import { K } from "./event-kinds";
import { DELIVERED, DROPPED, IN_FLIGHT, type TraceBundle } from "./trace-bundle";
import type { TraceEvent } from "../../../../engine/trace/trace-event";

async function bundleOf(index: number): Promise<{ b: TraceBundle; events: TraceEvent[]; sim: Awaited<ReturnType<typeof simulate>> }> {
  const s = FIXTURES[index];
  const sim = await simulate(s);
  const events = sim.trace!.events();
  const builder = new BundleBuilder({ name: s.name, seed: sim.result.seed, nodeOrder: s.nodes.map((n) => n.name), result: sim.result });
  const lines = new LineText();
  for (const ev of events) {
    builder.add(ev);
    lines.push(JSON.stringify(ev));
  }
  const l = lines.finish();
  return { b: builder.finish(sim.result.traceHash!, l.text, l.lineStart, l.lineEnd), events, sim };
}

describe("trace bundle", () => {
  it("bundle: one arrow per delivery and drop plus one per message in flight, matching the run's counts", async () => {
    const { b, sim } = await bundleOf(0);
    const st = sim.result.stats.messages;
    const count = (s: number) => b.arrows.status.filter((x) => x === s).length;
    expect(count(DELIVERED)).toBe(st.delivered);
    expect(count(DROPPED)).toBe(st.dropped);
    expect(count(IN_FLIGHT)).toBe(st.inFlight);
    expect(b.arrows.count).toBe(st.delivered + st.dropped + st.inFlight);
    for (let i = 1; i < b.arrows.count; i++) expect(b.arrows.sendT[i]).toBeGreaterThanOrEqual(b.arrows.sendT[i - 1]);
    for (let i = 0; i < b.arrows.count; i++) expect(b.arrows.endT[i] - b.arrows.sendT[i]).toBeLessThanOrEqual(b.arrows.maxSpan);
  });

  it("bundle: lanes follow the scenario's node order, one per process", async () => {
    const { b } = await bundleOf(0);
    expect(b.lanes.map((l) => l.address)).toEqual(["s1/echo", "s2/echo", "s3/echo", "c1/client", "c2/client"]);
    expect(b.nodes).toEqual(["s1", "s2", "s3", "c1", "c2"]);
  });

  it("bundle: arrows start on the sender's lane and end on the receiver's, drops where the message died", async () => {
    const { b, events } = await bundleOf(0);
    const lane = (address: string) => b.lanes.findIndex((l) => l.address === address);
    for (let i = 0; i < b.arrows.count; i++) {
      const send = events[b.arrows.sendSeq[i]];
      expect(b.arrows.fromLane[i]).toBe(lane(String(send.from)));
      if (b.arrows.status[i] === DELIVERED) expect(b.arrows.toLane[i]).toBe(lane(String(send.to)));
      if (b.arrows.status[i] === DROPPED) {
        const drop = events[b.arrows.endSeq[i]];
        expect(b.lanes[b.arrows.toLane[i]].node).toBe(drop.node);
        expect(b.reasons[b.arrows.reason[i]]).toBe(drop.reason);
      }
    }
  });

  it("bundle: the crash, the downtime and the partition become bands that match the faults", async () => {
    const { b } = await bundleOf(0);
    expect(b.bands.map((x) => [x.kind, x.node, x.t0, x.t1])).toEqual([
      ["down", 0, 2_000_000, 5_000_000],
      ["partition", -1, 4_000_000, 6_000_000],
    ]);
    expect(b.bands[1].label).toBe("partition [c1 s1 s2] [c2 s3]");
    expect(b.bands[1].cuts).toContainEqual([b.nodes.indexOf("c1"), b.nodes.indexOf("s3")]);
  });

  it("bundle: columns agree with the events: time, kind, lane, node, and each message's arrow", async () => {
    const { b, events } = await bundleOf(1);
    expect(b.count).toBe(events.length);
    events.forEach((ev, i) => {
      expect(b.t[i]).toBe(ev.t);
      if (ev.kind === "deliver" || ev.kind === "drop") expect(b.arrows.endSeq[b.arrow[i]]).toBe(i);
      if (ev.kind === "send") expect(b.arrows.sendSeq[b.arrow[i]]).toBe(i);
      if (ev.proc && ev.kind !== "drop") expect(b.lanes[b.lane[i]].address).toBe(`${ev.node}/${ev.proc}`);
      if (ev.kind === "timer") expect(b.kind[i]).toBe(K.timer);
    });
  });

  it("bundle: the text holds every event's line at its byte range", async () => {
    const { b, events } = await bundleOf(1);
    const dec = new TextDecoder();
    for (const i of [0, 1, Math.floor(events.length / 2), events.length - 1]) {
      expect(JSON.parse(dec.decode(b.text.subarray(b.lineStart[i], b.lineEnd[i])))).toEqual(events[i]);
    }
  });

  it("bundle: a lossy link's drops carry the reason loss", async () => {
    const { b, sim } = await bundleOf(1);
    expect(b.reasons).toEqual(["loss"]);
    expect(b.arrows.status.filter((s) => s === DROPPED).length).toBe(sim.result.stats.drops.loss);
  });
});
