import { beforeAll, describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";
import { EcsFlat, EcsVersion } from "@elastic/ecs";
import { ecsLog, ECS_VERSION } from "./ecs";
import { parseEpoch } from "./export-epoch";
import { forgetVoteRun } from "./fixtures/forget-vote-run";
import { quietRun } from "./fixtures/quiet-run";
import type { RunReport } from "./report-input";

type Doc = Record<string, unknown>;
interface EcsField { flat_name: string; type: string; ignore_above?: number; normalize?: string[]; allowed_values?: Array<{ name: string }>; required?: boolean }

/** RFC 3339 in UTC, as Elasticsearch's default `strict_date_optional_time` reads it. */
const RFC3339 = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$";

/** The JSON Schema of one ECS field, from its definition in the official fields (ecs_flat.yml, as @elastic/ecs ships it). */
function fieldSchema(f: EcsField): Doc {
  const one = ((): Doc => {
    switch (f.type) {
      case "keyword": case "constant_keyword": case "wildcard":
        return { type: "string", ...(f.ignore_above ? { maxLength: f.ignore_above } : {}), ...(f.allowed_values ? { enum: f.allowed_values.map((v) => v.name) } : {}) };
      case "text": case "match_only_text": case "ip": return { type: "string" };
      case "date": return { type: "string", pattern: RFC3339 };
      case "long": case "integer": case "short": case "byte": case "unsigned_long": return { type: "integer" };
      case "float": case "double": case "scaled_float": case "half_float": return { type: "number" };
      case "boolean": return { type: "boolean" };
      default: return { type: "object" };
    }
  })();
  return f.normalize?.includes("array") ? { anyOf: [one, { type: "array", items: one }] } : one;
}

/**
 * A schema of a flattened ECS document (dotted paths as keys): every ECS field with its type, our
 * own `clustersim.*` namespace, and `labels.*` as ECS defines labels (flat keywords). Anything
 * else is an error, so a misspelt ECS field cannot pass as a custom one. The ecs-logging spec's
 * required fields (`@timestamp`, `log.level`, `message`, `ecs.version`) must be there.
 */
function ecsSchema(): Doc {
  const properties: Record<string, Doc> = {};
  for (const f of Object.values(EcsFlat as unknown as Record<string, EcsField>)) if (f.type !== "object" && f.type !== "nested") properties[f.flat_name] = fieldSchema(f);
  return {
    type: "object",
    properties,
    patternProperties: { "^labels\\.[A-Za-z0-9_]+$": { type: "string", maxLength: 1024 }, "^clustersim\\.[a-z_]+$": { type: ["string", "integer"] } },
    additionalProperties: false,
    required: ["@timestamp", "log.level", "message", "ecs.version"],
  };
}

/** A document as Elasticsearch indexes it: nested objects and dotted keys both become dotted paths. */
function flatten(doc: Doc, prefix = "", out: Doc = {}): Doc {
  for (const [k, v] of Object.entries(doc)) {
    const key = prefix === "" ? k : `${prefix}.${k}`;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) flatten(v as Doc, key, out);
    else out[key] = v;
  }
  return out;
}

const lines = (text: string): Doc[] => text.trimEnd().split("\n").map((l) => JSON.parse(l) as Doc);

let run: RunReport;
let validate: ValidateFunction;
beforeAll(async () => {
  run = await forgetVoteRun();
  validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(ecsSchema());
});

describe("ecs export", () => {
  it("ecs: every line of a real run is an ECS document, valid against the official field definitions of the version it names", () => {
    expect(ECS_VERSION).toBe(EcsVersion);
    const docs = lines(ecsLog(run));
    expect(docs.length).toBeGreaterThan(100);
    for (const d of docs) {
      const ok = validate(flatten(d));
      expect(ok ? [] : validate.errors, JSON.stringify(d)).toEqual([]);
    }
    // ecs-logging puts these four first, in this order.
    expect(Object.keys(docs[0]).slice(0, 4)).toEqual(["@timestamp", "log.level", "message", "ecs.version"]);
  });

  it("ecs: the schema derived from the field definitions refuses a misspelt field, a wrong type and a level with no ECS meaning", () => {
    const good = flatten(lines(ecsLog(run))[0]);
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, "host.nmae": "n1" })).toBe(false);
    expect(validate({ ...good, "event.sequence": "7" })).toBe(false);
    expect(validate({ ...good, "event.kind": "happening" })).toBe(false);
    expect(validate({ ...good, "@timestamp": "yesterday" })).toBe(false);
  });

  it("ecs: @timestamp is virtual time on the epoch, with microseconds, and --epoch moves it", () => {
    const docs = lines(ecsLog(run));
    for (const d of docs) {
      const t = (d.clustersim as { t_us: number }).t_us;
      expect(d["@timestamp"]).toBe(new Date(Date.UTC(2026, 0, 1) + Math.floor(t / 1000)).toISOString().slice(0, -1) + String(t % 1000).padStart(3, "0") + "Z");
    }
    const moved = lines(ecsLog(run, { epochMs: parseEpoch("2026-03-01T08:00:00+08:00") }));
    expect(moved[0]["@timestamp"]).toBe("2026-03-01T00:00:00.000000Z");
  });

  it("ecs: a call's request, its delivery and its reply share one trace.id and span.id; other lines have none", () => {
    const docs = lines(ecsLog(run));
    const calls = docs.filter((d) => d.trace !== undefined);
    expect(calls.length).toBeGreaterThan(10);
    for (const d of calls) {
      expect((d.trace as { id: string }).id).toMatch(/^[0-9a-f]{32}$/);
      expect((d.span as { id: string }).id).toMatch(/^[0-9a-f]{16}$/);
      expect((d.trace as { id: string }).id.endsWith((d.span as { id: string }).id)).toBe(true);
    }
    const replies = calls.filter((d) => String((d.event as { action?: string }).action).endsWith(".reply"));
    expect(replies.length).toBeGreaterThan(0);
    const requestSpans = new Set(calls.filter((d) => !String((d.event as { action?: string }).action).endsWith(".reply")).map((d) => (d.span as { id: string }).id));
    for (const r of replies) expect(requestSpans.has((r.span as { id: string }).id)).toBe(true);
    expect(docs.filter((d) => (d.event as { dataset: string }).dataset === "clustersim.record").every((d) => d.trace === undefined)).toBe(true);
  });

  it("ecs: levels follow the event: sends debug, faults and drops warn, a violated check error", () => {
    const docs = lines(ecsLog(run));
    const level = (dataset: string) => new Set(docs.filter((d) => (d.event as { dataset: string }).dataset === dataset).map((d) => d["log.level"]));
    expect(level("clustersim.send")).toEqual(new Set(["debug"]));
    expect(level("clustersim.crash")).toEqual(new Set(["warn"]));
    expect(level("clustersim.drop")).toEqual(new Set(["warn"]));
    expect(docs.find((d) => (d.event as { dataset: string }).dataset === "clustersim.check")!["log.level"]).toBe("error");
  });

  it("ecs: the export is bounded: past maxLines it stops and its last line says how many it cut", () => {
    const docs = lines(ecsLog(run, { maxLines: 50 }));
    expect(docs).toHaveLength(51);
    expect(docs[50].message).toMatch(/^\d+ more log line\(s\) cut \(maxLines 50\)/);
    expect(validate(flatten(docs[50]))).toBe(true);
  });

  it("ecs: a run reported without its trace still gives its faults and check verdicts, each a valid document", () => {
    const docs = lines(ecsLog(quietRun("quiet", 3)));
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) expect(validate(flatten(d))).toBe(true);
    expect(docs.every((d) => (d.labels as Doc).seed === "3")).toBe(true);
  });
});
