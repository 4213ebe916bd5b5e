/**
 * A cheap upper estimate of how deeply a YAML (or JSON) text nests its lists and mappings,
 * found by reading the characters once, before the YAML parser sees them.
 *
 * The parser's composer recurses once per level, so a text nested some thousands of levels deep
 * (`{a: {a: {a: ...` or `- - - - ...`) exhausts the call stack inside it, and the stack depth at
 * which that happens depends on the host. Refusing such a text up front gives the same catalogued
 * error (CS003) on every machine and keeps the limit a rule of the format, not of the stack.
 *
 * The estimate counts block levels by indentation (one level for each indentation deeper than
 * the last), compact indicators (`- - x`, `? `) and flow brackets outside quoted scalars,
 * comments and block scalars. It can overcount a little (a plain scalar's continuation line,
 * brackets at the start of one), never by a factor: the caller's bound is well above the format's
 * own depth limit, so no legitimate file comes near it.
 */
export interface DepthFinding {
  /** The estimated depth at its deepest point. */
  depth: number;
  /** 1-based line and column of the first place the estimate passed the bound. */
  line: number;
  column: number;
}

/**
 * Returns where the text first nests deeper than `bound` by the estimate above, or undefined
 * when it never does. Linear in the text's length, and allocation-free but for the indentation
 * stack, which is itself bounded by `bound`.
 */
export function findDeepNesting(text: string, bound: number): DepthFinding | undefined {
  const indents: number[] = [];
  let flow = 0;
  let base = 0;
  let quote: "'" | '"' | "" = "";
  let blockScalarParent = -1;
  let line = 0;
  let pos = 0;
  const n = text.length;
  while (pos <= n) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = n;
    line++;
    let i = pos;
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    const indent = i - pos;
    const blank = i >= end || text[i] === "\r" || (text[i] === "#" && quote === "");
    if (blockScalarParent >= 0) {
      if (blank || indent > blockScalarParent) {
        pos = end + 1;
        continue;
      }
      blockScalarParent = -1;
    }
    if (blank && quote === "") {
      pos = end + 1;
      continue;
    }
    if (flow === 0 && quote === "") {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      base = indents.length;
      // Compact nesting on one line: `- - - x`, `? - x`.
      while (i + 1 < end && (text[i] === "-" || text[i] === "?") && (text[i + 1] === " " || text[i + 1] === "\t")) {
        base++;
        i += 2;
        while (i < end && (text[i] === " " || text[i] === "\t")) i++;
      }
      if (base > bound) return { depth: base, line, column: i - pos + 1 };
    }
    // `tokenStart`: the next character begins a token, so a quote or a bracket there is syntax,
    // not part of a plain scalar such as `it's` or `see [1`.
    let tokenStart = true;
    let lastSignificant = "";
    for (; i < end; i++) {
      const c = text[i];
      if (quote !== "") {
        if (quote === '"' && c === "\\") i++;
        else if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else {
            quote = "";
            tokenStart = false;
          }
        }
        continue;
      }
      if (c === " " || c === "\t") {
        if (lastSignificant === ":" || lastSignificant === "-" || lastSignificant === "?" || lastSignificant === ",") tokenStart = true;
        continue;
      }
      if (c === "#" && (i === pos || text[i - 1] === " " || text[i - 1] === "\t")) break;
      lastSignificant = c;
      if (flow > 0 && (c === "," || c === "[" || c === "{")) tokenStart = true;
      if ((c === "'" || c === '"') && tokenStart) {
        quote = c;
        continue;
      }
      if ((c === "[" || c === "{") && (tokenStart || flow > 0)) {
        flow++;
        if (base + flow > bound) return { depth: base + flow, line, column: i - pos + 1 };
        tokenStart = true;
        continue;
      }
      if ((c === "]" || c === "}") && flow > 0) {
        flow--;
        tokenStart = false;
        continue;
      }
      if (flow === 0 && (c === "|" || c === ">") && tokenStart && isBlockScalarHeader(text, i + 1, end)) {
        blockScalarParent = indent;
        break;
      }
      tokenStart = false;
    }
    pos = end + 1;
  }
  return undefined;
}

/** After `|` or `>`: only chomping and indentation indicators, then a comment or the line's end. */
function isBlockScalarHeader(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === "+" || c === "-" || (c >= "1" && c <= "9") || c === "\r") continue;
    if (c === " " || c === "\t") {
      for (let k = i; k < end; k++) {
        if (text[k] === "#") return true;
        if (text[k] !== " " && text[k] !== "\t" && text[k] !== "\r") return false;
      }
      return true;
    }
    return false;
  }
  return true;
}
