import { beforeAll, describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";
import { gelfLog } from "./gelf";
import { ecsLog } from "./ecs";
import { forgetVoteRun } from "./fixtures/forget-vote-run";
import { quietRun } from "./fixtures/quiet-run";
import type { RunReport } from "./report-input";

type Msg = Record<string, unknown>;

/**
 * GELF 1.1 as a JSON Schema, transcribed from the specification (Graylog docs, "GELF Payload
 * Specification") and the checks Graylog's GELF codec makes on input: `version` "1.1", `host`
 * and `short_message` present and not empty; `full_message` a string; `timestamp` seconds since
 * the Unix epoch (a number, decimals allowed); `level` a syslog severity 0..7; the deprecated
 * `facility`, `line` and `file` not sent; every other field an additional field, named
 * `_` + word characters, dots or dashes, never `_id`, with a string or number value (no nested
 * objects: Graylog does not index them).
 */
const GELF_SCHEMA = {
  type: "object",
  properties: {
    version: { const: "1.1" },
    host: { type: "string", minLength: 1 },
    short_message: { type: "string", minLength: 1 },
    full_message: { type: "string" },
    timestamp: { type: "number", minimum: 0 },
    level: { type: "integer", minimum: 0, maximum: 7 },
  },
  propertyNames: { not: { const: "_id" } },
  patternProperties: { "^_[\\w.\\-]+$": { type: ["string", "number"] } },
  additionalProperties: false,
  required: ["version", "host", "short_message"],
};

const lines = (text: string): Msg[] => text.trimEnd().split("\n").map((l) => JSON.parse(l) as Msg);

let run: RunReport;
let validate: ValidateFunction;
beforeAll(async () => {
  run = await forgetVoteRun();
  validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(GELF_SCHEMA);
});

describe("gelf export", () => {
  it("gelf: every line of a real run is a GELF 1.1 message as the specification and Graylog's codec define it", () => {
    const msgs = lines(gelfLog(run));
    expect(msgs.length).toBeGreaterThan(100);
    for (const m of msgs) {
      const ok = validate(m);
      expect(ok ? [] : validate.errors, JSON.stringify(m)).toEqual([]);
    }
  });

  it("gelf: the schema refuses what Graylog refuses: no host, an empty short message, _id, a nested field, a deprecated field", () => {
    const good = lines(gelfLog(run))[0];
    expect(validate(good)).toBe(true);
    const { host: _host, ...noHost } = good;
    expect(validate(noHost)).toBe(false);
    expect(validate({ ...good, short_message: "" })).toBe(false);
    expect(validate({ ...good, _id: "x" })).toBe(false);
    expect(validate({ ...good, _nested: { a: 1 } })).toBe(false);
    expect(validate({ ...good, facility: "clustersim" })).toBe(false);
    expect(validate({ ...good, level: 8 })).toBe(false);
  });

  it("gelf: level is the syslog severity of the event (3 error, 4 warning, 6 informational, 7 debug)", () => {
    const msgs = lines(gelfLog(run));
    const levels = (dataset: string) => new Set(msgs.filter((m) => m._dataset === dataset).map((m) => m.level));
    expect(levels("clustersim.send")).toEqual(new Set([7]));
    expect(levels("clustersim.record")).toEqual(new Set([6]));
    expect(levels("clustersim.crash")).toEqual(new Set([4]));
    const checks = msgs.filter((m) => m._dataset === "clustersim.check");
    expect(new Set(checks.filter((m) => m._field_status === "violated").map((m) => m.level))).toEqual(new Set([3]));
    expect(new Set(checks.filter((m) => m._field_status === "held").map((m) => m.level))).toEqual(new Set([6]));
  });

  it("gelf: timestamp is seconds on the epoch with the virtual microseconds, the same instant as the ECS @timestamp", () => {
    const g = lines(gelfLog(run));
    const e = lines(ecsLog(run));
    expect(g).toHaveLength(e.length);
    for (let i = 0; i < g.length; i++) {
      const t = g[i]._t_us as number;
      expect(g[i].timestamp).toBeCloseTo(Date.UTC(2026, 0, 1) / 1000 + t / 1e6, 6);
      expect(Date.parse(e[i]["@timestamp"] as string)).toBe(Date.UTC(2026, 0, 1) + Math.floor(t / 1000));
    }
  });

  it("gelf: calls carry _trace_id and _span_id, the same ids as in the ECS export", () => {
    const g = lines(gelfLog(run));
    const e = lines(ecsLog(run));
    const calls = g.map((m, i) => [m, e[i]] as const).filter(([m]) => m._span_id !== undefined);
    expect(calls.length).toBeGreaterThan(10);
    for (const [m, d] of calls) {
      expect(m._trace_id).toBe((d.trace as { id: string }).id);
      expect(m._span_id).toBe((d.span as { id: string }).id);
    }
  });

  it("gelf: a run without its trace gives its faults and verdicts; a long short message is cut and kept whole in full_message", () => {
    const msgs = lines(gelfLog(quietRun("quiet", 3)));
    expect(msgs.length).toBeGreaterThan(0);
    for (const m of msgs) expect(validate(m)).toBe(true);
    const long = lines(gelfLog(run)).find((m) => m.full_message !== undefined);
    if (long !== undefined) {
      expect((long.short_message as string).length).toBeLessThanOrEqual(250);
      expect((long.full_message as string).startsWith((long.short_message as string).slice(0, -1))).toBe(true);
    }
  });
});
