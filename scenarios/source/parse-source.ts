import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq, visit } from "yaml";
import type { Document, Node as YamlNode } from "yaml";
import { scenarioError } from "../errors";
import type { ScenarioError, SourcePos } from "../errors";
import { findDeepNesting } from "./nesting-depth";
import { pathText } from "./source-node";
import type { MapEntry, PathSegment, SourceNode } from "./source-node";

/**
 * Bounds that keep the loader fast on any input: a scenario is a page or two of YAML, so
 * anything near these limits is a mistake or an attack (a billion-laughs alias bomb), and is
 * refused with CS003 instead of being expanded.
 */
export const SOURCE_LIMITS = {
  /** Characters of text. */
  maxChars: 1_000_000,
  /** Values after alias expansion. */
  maxNodes: 100_000,
  /** Nesting of lists and mappings. */
  maxDepth: 64,
  /**
   * Nesting as estimated from the raw text before parsing (`findDeepNesting`): the YAML parser
   * recurses per level and would exhaust the stack some hundreds of levels down, at a depth
   * that depends on the host. Far above `maxDepth`, so only absurd texts meet it.
   */
  maxTextDepth: 256,
};

/** What parsing a text gives: a tree with positions, or the errors that stopped it. */
export type ParseResult = { ok: true; root: SourceNode } | { ok: false; errors: ScenarioError[] };

/** YAML core tags; anything else (`!!binary`, `!custom`) is not part of the format. */
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

/** Parses YAML or JSON text into a tree of values that keep their file, line and column. */
export function parseSource(text: string, file: string): ParseResult {
  const top: SourcePos = { file, line: 1, column: 1 };
  if (text.length > SOURCE_LIMITS.maxChars) {
    return fail(scenarioError("CS003", top, "", `the document has ${text.length} characters; the limit is ${SOURCE_LIMITS.maxChars}`));
  }
  const deep = findDeepNesting(text, SOURCE_LIMITS.maxTextDepth);
  if (deep) {
    return fail(scenarioError("CS003", { file, line: deep.line, column: deep.column }, "", `values are nested more than ${SOURCE_LIMITS.maxTextDepth} levels deep here; the format allows ${SOURCE_LIMITS.maxDepth}`));
  }
  // Each alias is at least one value once expanded, so more aliases than the value budget is
  // over it for sure; counted in the raw text, because parsing 100,000 aliases alone costs the
  // YAML parser over a second. (A `*word` in prose counts too; 100,000 of them is no scenario.)
  const aliases = countAliasTokens(text, SOURCE_LIMITS.maxNodes);
  if (aliases > SOURCE_LIMITS.maxNodes) {
    return fail(scenarioError("CS003", top, "", `the document uses more than ${SOURCE_LIMITS.maxNodes} aliases; it would expand to more than ${SOURCE_LIMITS.maxNodes} values`));
  }
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: false, keepSourceTokens: false });
  } catch (e) {
    // The YAML composer recurses per nesting level; only absurd nesting exhausts the stack.
    if (e instanceof RangeError) return fail(scenarioError("CS003", top, "", "the document is nested too deeply to read"));
    throw e;
  }
  const at = (offset: number, end?: number): SourcePos => {
    const p = lines.linePos(Math.max(0, Math.min(offset, text.length)));
    const pos: SourcePos = { file, line: p.line, column: p.col };
    if (end !== undefined && end > offset) {
      const q = lines.linePos(Math.min(end, text.length));
      pos.endLine = q.line;
      pos.endColumn = q.col;
    }
    return pos;
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const pos = at(e.pos[0], e.pos[1]);
        if (e.code === "DUPLICATE_KEY") return scenarioError("CS004", pos, "", "this key appears twice in the same mapping");
        if (/maximum call stack/i.test(e.message)) return scenarioError("CS003", pos, "", "the document is nested too deeply to read");
        if (e.code === "MULTIPLE_DOCS") return scenarioError("CS001", pos, "", "a scenario file holds one YAML document; remove the second `---` document");
        return scenarioError("CS001", pos, "", firstLine(e.message));
      }),
    };
  }
  if (doc.contents === null) return fail(scenarioError("CS002", top, "", "the document is empty; a scenario is a mapping with at least `name`, `duration` and `nodes`"));
  const builder = new TreeBuilder(doc, at);
  let root: SourceNode | undefined;
  try {
    root = builder.build(doc.contents as YamlNode, 0);
  } catch (e) {
    if (e instanceof RangeError) return fail(scenarioError("CS003", top, "", "the document is nested too deeply to read"));
    throw e;
  }
  if (builder.errors.length > 0 || !root) return { ok: false, errors: builder.errors };
  return { ok: true, root };
}

/** How many `*name` alias tokens the text holds, counting no further than `limit` + 1. */
function countAliasTokens(text: string, limit: number): number {
  const re = /(?:^|[\s[{,])\*[^\s,[\]{}]/g;
  let n = 0;
  while (re.exec(text) !== null) if (++n > limit) break;
  return n;
}

/** Turns yaml's nodes into source nodes, expanding aliases within the budget. */
class TreeBuilder {
  readonly errors: ScenarioError[] = [];
  private nodes = 0;
  /** The outermost alias being expanded: errors inside an expansion point at its use. */
  private aliasSite: SourcePos | undefined;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly at: (offset: number, end?: number) => SourcePos,
  ) {}

  /** The path of the value being built, as segments; turned into text only for an error. */
  private readonly path: PathSegment[] = [];
  private targets: Map<object, YamlNode> | undefined;

  /**
   * Every alias's anchored node, found in one pass over the document: an alias names the last
   * anchor of that name before it, and the visit goes in document order. yaml's own
   * `resolve()` scans the document once per alias, which is quadratic in a file of many aliases.
   */
  private aliasTargets(): Map<object, YamlNode> {
    if (this.targets) return this.targets;
    const targets = new Map<object, YamlNode>();
    const anchors = new Map<string, YamlNode>();
    visit(this.doc, {
      Node: (_key, n) => {
        if (isAlias(n)) {
          const t = anchors.get(n.source);
          if (t) targets.set(n, t);
        } else if (n.anchor) anchors.set(n.anchor, n);
      },
    });
    this.targets = targets;
    return targets;
  }

  build(node: YamlNode, depth: number): SourceNode | undefined {
    const pos = node.range ? this.at(node.range[0], node.range[1]) : this.at(0);
    if (++this.nodes > SOURCE_LIMITS.maxNodes) {
      return this.stop(pos, `the document expands to more than ${SOURCE_LIMITS.maxNodes} values (aliases count each time they are used)`);
    }
    if (depth > SOURCE_LIMITS.maxDepth) return this.stop(pos, `values are nested more than ${SOURCE_LIMITS.maxDepth} levels deep`);
    if (isAlias(node)) {
      const target = this.aliasTargets().get(node) ?? null;
      if (!target) return this.fail(pos, "CS001", `the alias *${node.source} names no anchor`);
      const outer = this.aliasSite === undefined;
      if (outer) this.aliasSite = pos;
      const built = this.build(target, depth + 1);
      if (outer) this.aliasSite = undefined;
      return built;
    }
    if (node.tag && !CORE_TAGS.has(node.tag)) {
      return this.fail(pos, "CS005", `the YAML tag ${node.tag} is not supported; write a plain value`);
    }
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || typeof v === "string" || typeof v === "boolean") return { type: "scalar", pos, value: v };
      if (typeof v === "number") {
        if (Number.isFinite(v)) return { type: "scalar", pos, value: v };
        return this.fail(pos, "CS005", `${String(v)} is not a usable number; write a finite number`);
      }
      return this.fail(pos, "CS005", "this value is not a string, number, boolean or null");
    }
    if (isSeq(node)) {
      const items: SourceNode[] = [];
      for (let i = 0; i < node.items.length; i++) {
        this.path.push(i);
        const child = this.build(node.items[i] as YamlNode, depth + 1);
        this.path.pop();
        if (child) items.push(child);
      }
      return { type: "seq", pos, items };
    }
    if (isMap(node)) {
      const entries: MapEntry[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const keyPos = keyNode?.range ? this.at(keyNode.range[0], keyNode.range[1]) : pos;
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === "object") {
          this.fail(keyPos, "CS005", "mapping keys must be plain strings");
          continue;
        }
        const key = String(keyNode.value);
        const valueNode = pair.value as YamlNode | null;
        this.path.push(key);
        const value: SourceNode | undefined = valueNode
          ? this.build(valueNode, depth + 1)
          : { type: "scalar", pos: keyPos, value: null };
        this.path.pop();
        if (value) entries.push({ key, keyPos, value });
      }
      return { type: "map", pos, entries };
    }
    return this.fail(pos, "CS005", "this value is not a string, number, boolean, list or mapping");
  }

  private fail(pos: SourcePos, code: "CS001" | "CS005", message: string): undefined {
    if (this.errors.length < 50) this.errors.push(scenarioError(code, pos, pathText(this.path), message));
    return undefined;
  }

  private stop(pos: SourcePos, message: string): undefined {
    // One CS003 is enough: after the budget is spent every later value would repeat it.
    if (!this.errors.some((e) => e.code === "CS003")) this.errors.push(scenarioError("CS003", this.aliasSite ?? pos, pathText(this.path), message));
    return undefined;
  }
}

function fail(e: ScenarioError): ParseResult {
  return { ok: false, errors: [e] };
}

function firstLine(message: string): string {
  const line = message.split("\n")[0];
  return line.replace(/ at line \d+, column \d+:?$/, "");
}
