/** What a dropped or picked file is. */
export type FileKind = "scenario-yaml" | "scenario-object" | "trace";

/**
 * Decides what a file is from its name and its first bytes: YAML is a scenario; JSON lines and
 * a JSON array are a trace; a JSON object with `nodes` and `processes` is a typed scenario, one
 * with `events` a trace, anything else JSON goes to the scenario loader (which accepts JSON).
 */
export function classifyFile(name: string, head: string): FileKind {
  const lower = name.toLowerCase();
  if (/\.(ya?ml)$/.test(lower)) return "scenario-yaml";
  if (/\.(jsonl|ndjson|trace)$/.test(lower)) return "trace";
  const text = head.trimStart();
  if (text.startsWith("[")) return "trace";
  if (text.startsWith("{")) {
    const firstLine = text.split("\n", 1)[0];
    try {
      const v = JSON.parse(firstLine) as Record<string, unknown>;
      if (typeof v.kind === "string" && typeof v.t === "number") return "trace";
    } catch {
      // A pretty-printed document: look at its keys below.
    }
    if (/"events"\s*:/.test(text)) return "trace";
    if (/"processes"\s*:/.test(text) && /"nodes"\s*:/.test(text) && /"duration"\s*:\s*\d/.test(text)) return "scenario-object";
    return "scenario-yaml";
  }
  return "scenario-yaml";
}
