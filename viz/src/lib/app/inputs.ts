import type { FaultSpec, Seed } from "../../../../engine/scenario";
import { formatTime } from "../format/format-time";

/** Parses a seed a person typed: an integer, else the text itself (seeds may be strings). */
export function parseSeed(text: string): Seed | undefined {
  const s = text.trim();
  if (s === "") return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : s;
}

/** `a=b` lines (or `;`-separated) to a list of overrides. */
export function parseSets(text: string): string[] {
  return text.split(/[\n;]/).map((s) => s.trim()).filter((s) => s !== "");
}

/** A fault as a short phrase, for the page's messages. */
export function describeFault(f: FaultSpec): string {
  const at = formatTime(f.at);
  const dur = f.duration !== undefined ? ` for ${formatTime(f.duration)}` : "";
  switch (f.action) {
    case "cut": return `cut ${f.from} → ${f.to} at ${at}${dur}`;
    case "crash": case "restart": case "pause": case "resume": case "isolate": return `${f.action} ${f.node} at ${at}${dur}`;
    default: return `${f.action} at ${at}${dur}`;
  }
}
