import { describe, expect, it } from "vitest";
import { filterEvents, NO_FILTER } from "./event-filter";
import { K } from "../trace/event-kinds";

const lines = [
  '{"kind":"send","node":"a","type":"PREPARE","id":1}',
  '{"kind":"deliver","node":"b","type":"PREPARE","id":1}',
  '{"kind":"crash","node":"b"}',
  '{"kind":"send","node":"b","type":"VOTE","id":2}',
  '{"kind":"drop","node":"a","type":"VOTE","id":2,"reason":"partition"}',
  '{"kind":"log","node":"a","message":"Timeout waiting"}',
];
const cols = {
  count: 6,
  kind: Uint8Array.from([K.send, K.deliver, K.crash, K.send, K.drop, K.log]),
  node: Int32Array.from([0, 1, 1, 1, 0, 0]),
  arrow: Int32Array.from([0, 0, -1, 1, 1, -1]),
  arrows: { type: Uint16Array.from([0, 1]), id: Float64Array.from([1, 2]) },
  types: ["PREPARE", "VOTE"],
};
const seqs = (f: Partial<typeof NO_FILTER>) => Array.from(filterEvents(cols, { ...NO_FILTER, ...f }, (i) => lines[i]));

describe("event log filter", () => {
  it("filter: no filter shows every event", () => {
    expect(seqs({})).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("filter: by node and by kind, together", () => {
    expect(seqs({ nodes: new Set([1]) })).toEqual([1, 2, 3]);
    expect(seqs({ kinds: new Set([K.send]) })).toEqual([0, 3]);
    expect(seqs({ nodes: new Set([1]), kinds: new Set([K.send]) })).toEqual([3]);
  });

  it("filter: a message id (with or without #) finds its send, delivery and drop", () => {
    expect(seqs({ text: "#2" })).toEqual([3, 4]);
    expect(seqs({ text: "1" })).toEqual([0, 1]);
  });

  it("filter: a message type matches exactly; other text searches the events, ignoring case", () => {
    expect(seqs({ text: "VOTE" })).toEqual([3, 4]);
    expect(seqs({ text: "timeout" })).toEqual([5]);
    expect(seqs({ text: "partition" })).toEqual([4]);
  });
});
