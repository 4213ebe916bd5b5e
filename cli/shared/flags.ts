/** A flag: its long name (without `--`), what it takes, and the line `help` shows for it. */
export interface FlagSpec {
  type: "boolean" | "string" | "integer";
  /** Placeholder for the value in help: `N`, `A..B`, `i/n`. */
  value?: string;
  /** May be given several times; the values are collected in order. */
  repeatable?: boolean;
  /** One-letter alias (`-h`). */
  short?: string;
  description: string;
}

/** Every flag the CLI knows, once. Commands list which of them they accept. */
export const FLAGS = {
  seed: { type: "string", value: "N", description: "run this seed instead of the file's" },
  seeds: { type: "string", value: "A..B", description: "seeds to run: a range 1..500, a list 1,5,9, or one seed (default: each file's own)" },
  workers: { type: "integer", value: "N", description: "worker threads; 0 runs in this thread (default: one per core, or none for a few runs)" },
  shard: { type: "string", value: "i/n", description: "run only the i-th of n round-robin parts of the scenario × seed list (for CI matrices)" },
  determinism: { type: "boolean", description: "run every seed twice in different workers and fail on any trace difference" },
  set: { type: "string", value: "path=value", repeatable: true, description: "override a scenario value, e.g. --set workload.rate=200/s (repeatable)" },
  report: { type: "string", value: "KINDS", description: "write reports: any of json,md,junit,html,perfetto,text,ecs,gelf,openmetrics (comma-separated)" },
  epoch: { type: "string", value: "ISO", description: "the wall-clock time virtual time 0 stands for in ecs, gelf and openmetrics reports (default 2026-01-01T00:00:00Z)" },
  out: { type: "string", value: "PATH", description: "where reports (run, check) or the shrunk scenario (shrink) go (default: out/ for reports, stdout for shrink)" },
  trace: { type: "string", value: "PATH", description: "write the canonical trace (one JSON event a line, what `view` opens) to PATH; a directory when several files run" },
  json: { type: "boolean", description: "print the machine-readable result on stdout, and nothing else there" },
  timeout: { type: "string", value: "DURATION", description: "wall-clock limit, e.g. 60s (default 60s; 0 for none): of the whole command for run and replay, of each run for check" },
  fault: { type: "string", value: "FAULT", description: "compare-transactions: what happens to the payment service mid-transaction: none, crash or partition (default crash)" },
  "max-runs": { type: "integer", value: "N", description: "most runs a shrink may spend (default 200)" },
  model: { type: "string", value: "MODEL", description: "the data type a history is checked against: kv, register or cas-register" },
  budget: { type: "string", value: "STEPS", description: "search steps before the answer is unknown, e.g. 1000000 or 50M (default 50M; deterministic)" },
  independent: { type: "boolean", description: "a Jepsen independent history: each value is a [key, value] tuple" },
  lang: { type: "string", value: "en|zh", description: "the language of scenario texts: descriptions in list, teaching notes in the md and html reports (default en; a text without a translation is shown in English)" },
  help: { type: "boolean", short: "h", description: "show help" },
  version: { type: "boolean", short: "v", description: "print the version" },
} as const satisfies Record<string, FlagSpec>;

/** A flag name. */
export type FlagName = keyof typeof FLAGS;

/** Parsed flag values: booleans, strings, integers, or lists for repeatable flags. */
export type FlagValues = { [K in FlagName]?: (typeof FLAGS)[K] extends { repeatable: true } ? string[] : (typeof FLAGS)[K]["type"] extends "boolean" ? boolean : (typeof FLAGS)[K]["type"] extends "integer" ? number : string };
