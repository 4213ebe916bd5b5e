import type { Json } from "../../core/json";
import type { LogEntry } from "./raft-messages";

/** One log entry as the state panel shows it: its index, its term, and what it carries in a few words. */
export interface LogTailEntry {
  index: number;
  term: number;
  what: string;
}

/** How many of the newest entries a server publishes (enough to see a term change and what is not committed yet). */
export const LOG_TAIL_LENGTH = 4;

/**
 * A few words for an entry: `no-op`, `config n1,n2,n3 (+n4)`, or the command's operation and
 * key when it has them (`put k0`, `create /lock/n-0002`), else its JSON cut to 32 characters.
 */
export function describeEntry(e: LogEntry): string {
  if (e.kind === "noop") return "no-op";
  if (e.kind === "config") {
    const m = e.config;
    if (!m) return "config";
    return `config ${m.voters.map(short).join(",")}${m.learners.length > 0 ? ` (+${m.learners.map(short).join(",")})` : ""}`;
  }
  const c = e.cmd as Json;
  const body = c !== null && typeof c === "object" && !Array.isArray(c) && c.write !== null && typeof c.write === "object" && !Array.isArray(c.write) ? c.write : c;
  if (body !== null && typeof body === "object" && !Array.isArray(body) && typeof body.op === "string") {
    const target = typeof body.key === "string" ? body.key : typeof body.path === "string" ? body.path : "";
    return target ? `${body.op} ${target}` : body.op;
  }
  const text = JSON.stringify(c) ?? "";
  return text.length > 32 ? `${text.slice(0, 31)}…` : text;
}

/** `n1/etcd` → `n1`: configurations name servers by address, the panel by node. */
function short(address: string): string {
  const slash = address.indexOf("/");
  return slash < 0 ? address : address.slice(0, slash);
}
