import { describe, expect, it } from "vitest";
import { SECOND } from "../core/time";
import type { OptionTable } from "./option-table";
import { defaultsOf, optionsDoc, optionsSchema, readOptions } from "./option-table";
import { ServiceConfigError } from "./option-values";

const TABLE = {
  replicas: { type: "int", default: 3, min: 1, max: 7, description: "Replicas per key.", source: "Dynamo N" },
  timeoutUs: { type: "duration", default: 2 * SECOND, min: 1, description: "How long to wait." },
  repair: { type: "bool", default: true, description: "Repair on read." },
  share: { type: "ratio", default: 0.5, description: "Share of reads." },
} as const satisfies OptionTable;

describe("option table", () => {
  it("option table: absent options take the declared default, present ones are read in engine units", () => {
    expect(readOptions(TABLE, {}, "p")).toEqual(defaultsOf(TABLE));
    expect(readOptions(TABLE, { replicas: 5, timeoutUs: "250ms", repair: false, share: "10%" }, "p")).toEqual({ replicas: 5, timeoutUs: 250_000, repair: false, share: 0.1 });
  });

  it("option table: a value outside its declared range is a CS701 error naming the process and the option", () => {
    const errorOf = (config: Record<string, unknown>) => {
      try { readOptions(TABLE, config, "n1/store"); } catch (e) { return e as ServiceConfigError; }
      throw new Error("no error");
    };
    expect(errorOf({ replicas: 8 })).toMatchObject({ code: "CS701", message: expect.stringContaining("n1/store: replicas must be a whole number from 1 to 7") });
    expect(errorOf({ timeoutUs: 0 }).message).toContain("timeoutUs must be a duration of at least 1us");
    expect(errorOf({ share: 2 }).code).toBe("CS701");
  });

  it("option table: the schema and the docs carry each default and range from the one declaration", () => {
    const schema = optionsSchema(TABLE);
    expect(schema.replicas).toMatchObject({ type: "integer", minimum: 1, maximum: 7, default: 3 });
    expect(schema.timeoutUs).toMatchObject({ default: 2 * SECOND });
    expect(String(schema.replicas.description)).toContain("(Dynamo N) Default 3.");
    const doc = optionsDoc(TABLE);
    expect(doc).toContain("| `replicas` | int | count | 3 | 1..7 | Replicas per key. | Dynamo N |");
    expect(doc).toContain("| `timeoutUs` | duration | µs (or text: 250ms, 30s) | 2s | ≥ 1us | How long to wait. |  |");
  });

  it("option table: a nullable option reads an explicit null as off, and a base (a profile) replaces the declared defaults", () => {
    const T = {
      thresholdRatio: { type: "ratio", default: null, nullable: true, description: "Off when null." },
      waitUs: { type: "duration", default: SECOND, description: "Wait." },
    } as const satisfies OptionTable;
    expect(readOptions(T, {}, "p")).toEqual({ thresholdRatio: null, waitUs: SECOND });
    const profile = readOptions(T, { thresholdRatio: "5%" }, "profile x");
    expect(readOptions(T, { waitUs: "2s" }, "p", profile)).toEqual({ thresholdRatio: 0.05, waitUs: 2 * SECOND });
    expect(readOptions(T, { thresholdRatio: null }, "p", profile).thresholdRatio).toBeNull();
    expect(optionsSchema(T).thresholdRatio).toMatchObject({ anyOf: [{ type: "null" }, { type: ["number", "string"] }], default: null });
    expect(optionsDoc(T)).toContain("| `thresholdRatio` | ratio | 0..1 (or 5%) | none | 0..1 or null | Off when null. |  |");
  });

  it("option table: only a nullable option may default to null", () => {
    const T = { waitUs: { type: "duration", default: null, description: "Wait." } } as const satisfies OptionTable;
    expect(() => defaultsOf(T)).toThrow("only a nullable option may default to null");
  });
});
