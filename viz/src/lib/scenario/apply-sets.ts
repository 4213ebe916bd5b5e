import type { SourceProblem } from "../../worker/protocol";

/** A `path=value` override's value: JSON when it parses (numbers, true, lists), else the text. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function problem(message: string, path: string): SourceProblem {
  return { code: "CS501", severity: "error", message, line: 1, column: 1, path };
}

/**
 * Applies `path=value` overrides (`processes.3.config.strategy=least-connections`) to a typed
 * scenario object, in place. YAML scenarios get the same overrides from the loader; this is the
 * same idea for the scenarios written as objects. Returns what could not be applied.
 */
export function applySetsToObject(target: Record<string, unknown>, sets: readonly string[]): SourceProblem[] {
  const problems: SourceProblem[] = [];
  for (const set of sets) {
    const eq = set.indexOf("=");
    if (eq <= 0) {
      problems.push(problem(`override "${set}" is not path=value, for example processes.0.config.rate=200`, set));
      continue;
    }
    const path = set.slice(0, eq).trim().split(".");
    const value = parseValue(set.slice(eq + 1).trim());
    let node: unknown = target;
    let ok = true;
    for (let i = 0; i < path.length - 1; i++) {
      const next = (node as Record<string, unknown>)[path[i]];
      if (next === null || typeof next !== "object") {
        problems.push(problem(`override "${set}": ${path.slice(0, i + 1).join(".")} is not a mapping or list`, set));
        ok = false;
        break;
      }
      node = next;
    }
    if (ok) (node as Record<string, unknown>)[path[path.length - 1]] = value;
  }
  return problems;
}
