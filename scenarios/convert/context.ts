import type { Micros } from "../../engine/core/time";
import type { Json, JsonObject } from "../../engine/core/json";
import { scenarioError } from "../errors";
import type { ErrorCode, ScenarioError } from "../errors";
import { parseDuration, parsePpm, parseRate, parseRatio } from "../units";
import type { UnitResult } from "../units";
import { pathText, toPlain, valueOf } from "../source/source-node";
import type { PathSegment, SourceNode } from "../source/source-node";

/**
 * What the converters share: the error and warning lists, and readers for values that turn a
 * failed unit into an error at the value's position. Converters run after the schema check, so
 * a value has the right JSON type; the readers still check, so a converter never throws on
 * input the schema let through by mistake.
 */
export class ConvertContext {
  readonly errors: ScenarioError[] = [];
  readonly warnings: ScenarioError[] = [];

  /** Records an error (or a warning, by the code's severity) at `node`. */
  report(code: ErrorCode, node: SourceNode | { pos: SourceNode["pos"] }, path: readonly PathSegment[], message: string, suggestion?: string): void {
    const e = scenarioError(code, node.pos, pathText(path), message, suggestion);
    (e.severity === "warning" ? this.warnings : this.errors).push(e);
  }

  /** The child at `key` of a mapping, with its path. */
  at(map: SourceNode | undefined, path: readonly PathSegment[], key: string): [SourceNode | undefined, PathSegment[]] {
    return [valueOf(map, key), [...path, key]];
  }

  /** A string value, or undefined. */
  string(node: SourceNode | undefined): string | undefined {
    return node?.type === "scalar" && typeof node.value === "string" ? node.value : undefined;
  }

  /** A number value, or undefined. */
  number(node: SourceNode | undefined): number | undefined {
    return node?.type === "scalar" && typeof node.value === "number" ? node.value : undefined;
  }

  /** A boolean value, or undefined. */
  boolean(node: SourceNode | undefined): boolean | undefined {
    return node?.type === "scalar" && typeof node.value === "boolean" ? node.value : undefined;
  }

  /** A list of strings (a single string counts as a list of one), or undefined. */
  strings(node: SourceNode | undefined): string[] | undefined {
    if (node?.type === "scalar" && typeof node.value === "string") return [node.value];
    if (node?.type !== "seq") return undefined;
    const out: string[] = [];
    for (const i of node.items) if (i.type === "scalar" && typeof i.value === "string") out.push(i.value);
    return out;
  }

  /** A JSON object value (config, params), or undefined. */
  object(node: SourceNode | undefined): JsonObject | undefined {
    if (node?.type !== "map") return undefined;
    return toPlain(node) as { [key: string]: Json };
  }

  /** A duration in microseconds; reports CS103 when it does not parse. */
  duration(node: SourceNode | undefined, path: readonly PathSegment[]): Micros | undefined {
    return this.unit(node, path, "CS103", parseDuration);
  }

  /** A duration that may be negative (clock skew). */
  signedDuration(node: SourceNode | undefined, path: readonly PathSegment[]): Micros | undefined {
    return this.unit(node, path, "CS103", (v) => parseDuration(v, { signed: true }));
  }

  /** A rate in events per second; reports CS104. */
  rate(node: SourceNode | undefined, path: readonly PathSegment[]): number | undefined {
    return this.unit(node, path, "CS104", parseRate);
  }

  /** A ratio from 0 to 1; reports CS105. */
  ratio(node: SourceNode | undefined, path: readonly PathSegment[]): number | undefined {
    return this.unit(node, path, "CS105", parseRatio);
  }

  /** A drift in ppm; reports CS111. */
  ppm(node: SourceNode | undefined, path: readonly PathSegment[]): number | undefined {
    return this.unit(node, path, "CS111", parsePpm);
  }

  private unit<T>(node: SourceNode | undefined, path: readonly PathSegment[], code: ErrorCode, parse: (v: unknown) => UnitResult<T>): T | undefined {
    if (!node) return undefined;
    const r = parse(node.type === "scalar" ? node.value : toPlain(node));
    if (r.ok) return r.value;
    this.report(code, node, path, r.message, r.suggestion);
    return undefined;
  }
}
