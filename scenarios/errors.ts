/**
 * Every error and warning the scenario loader can report, written once. Codes are stable: tools
 * and CI logs match on them, so a code is never reused for another meaning. CS0xx are about the
 * text itself, CS1xx about the shape of a value, CS2xx about names in the catalogs and the
 * little languages inside values, CS3xx about references between parts of the scenario, CS4xx
 * about `extends`, CS5xx about `--set`, CS6xx are warnings, CS9xx are bugs in the loader.
 */
export const errorCatalogue = {
  CS001: { severity: "error", title: "YAML syntax error", help: "The text is not valid YAML (or JSON). Fix the syntax at the position shown." },
  CS002: { severity: "error", title: "not a scenario mapping", help: "A scenario file is one YAML mapping (`name: ...`, `duration: ...`) and nothing else." },
  CS003: { severity: "error", title: "input too large", help: "The document is too big, too deeply nested or expands too many aliases; the loader refuses it rather than hang." },
  CS004: { severity: "error", title: "duplicate key", help: "A key appears twice in the same mapping; keep one." },
  CS005: { severity: "error", title: "unsupported YAML value", help: "Only strings, numbers, booleans, null, lists and mappings with string keys are allowed." },
  CS101: { severity: "error", title: "unknown key", help: "The key is not part of the scenario format at this place. Check the spelling against docs/scenario-format.md." },
  CS102: { severity: "error", title: "wrong type", help: "The value has the wrong type (for example a list where a mapping is expected)." },
  CS103: { severity: "error", title: "bad duration", help: "Durations need a unit: `500us`, `250ms`, `2s`, `1m`, `1m30s`. Only 0 may be written without one." },
  CS104: { severity: "error", title: "bad rate", help: "Rates are a number per unit of time: `100/s`, `6000/m`, `10/h`." },
  CS105: { severity: "error", title: "bad ratio", help: "Ratios are a percentage (`1%`) or a number from 0 to 1 (`0.01`)." },
  CS106: { severity: "error", title: "missing key", help: "A required key is absent." },
  CS107: { severity: "error", title: "value not allowed", help: "The value is not one of the allowed choices." },
  CS108: { severity: "error", title: "out of range", help: "The number or list length is outside the allowed range." },
  CS109: { severity: "error", title: "bad latency distribution", help: "Latency is a duration (`5ms`), a shorthand (`uniform(1ms, 5ms)`) or a mapping with `dist`." },
  CS110: { severity: "error", title: "bad seeds", help: "Seeds are an integer, a list of integers, or a range `1..20` (at most 100000 seeds)." },
  CS111: { severity: "error", title: "bad format", help: "The string does not have the required form (a node name, an IPv4 address, a ppm drift...)." },
  CS201: { severity: "error", title: "unknown process kind", help: "The `kind` is not in the process catalog. Built-in kinds are listed by `clustersim list`; your own come from `modules`." },
  CS202: { severity: "error", title: "unknown profile", help: "The kind has no profile of that name." },
  CS203: { severity: "error", title: "invalid process config", help: "The process's `config` does not match the configuration schema of its kind." },
  CS204: { severity: "error", title: "unknown check", help: "The check is not in the checker catalog." },
  CS205: { severity: "error", title: "bad expectation", help: "An expectation reads `stat(metric) op value` or `metric / metric op value`, for example `p99(latency) < 250ms`." },
  CS206: { severity: "error", title: "bad fault action", help: "A fault (or a trigger's `do`) names exactly one action: crash, restart, pause, resume, partition, isolate, cut, bridge, ring, heal, skew, drift or link." },
  CS207: { severity: "error", title: "bad trigger match", help: "`when` names exactly one of `send`, `deliver` or `record`, with the message type or event name." },
  CS208: { severity: "error", title: "bad narration", help: "A narration entry has `text` and exactly one of `at` or `when`." },
  CS209: { severity: "error", title: "bad arrival pattern", help: "Each arrival pattern needs its own keys: `rate` for constant and poisson, `burst` for bursts, `ramp` for ramp, `concurrency` for closed." },
  CS210: { severity: "error", title: "conflicting keys", help: "Two keys that exclude each other are both present (for example a node with both `name` and `count`)." },
  CS301: { severity: "error", title: "unknown node", help: "The name does not match any node in `nodes`." },
  CS302: { severity: "error", title: "duplicate name", help: "Two nodes, two processes on one node, or two IP addresses have the same name." },
  CS303: { severity: "error", title: "beyond the scenario's duration", help: "A time (or a time plus a `for`) lies after the end of the run, so it would never happen." },
  CS304: { severity: "error", title: "`for` not allowed here", help: "`restart`, `resume` and `heal` undo something themselves; they cannot be undone after a while." },
  CS305: { severity: "error", title: "node in two groups", help: "A node can be in only one group of a partition or bridge." },
  CS306: { severity: "error", title: "empty time window", help: "A window's start must come before its end (`from` before `until`)." },
  CS307: { severity: "error", title: "unknown process address", help: "An address `node/process` names no process of the scenario." },
  CS401: { severity: "error", title: "cannot read extended file", help: "The file named by `extends` could not be read." },
  CS402: { severity: "error", title: "extends cycle", help: "Files extend each other in a circle." },
  CS403: { severity: "error", title: "extends too deep", help: "More than 16 files extend each other in a chain." },
  CS501: { severity: "error", title: "bad --set", help: "An override reads `path=value`, for example `--set workload.rate=200/s`." },
  CS502: { severity: "error", title: "--set path not found", help: "The override's path crosses a value that is not a mapping or list, or an index past the end of a list." },
  CS601: { severity: "warning", title: "unknown zone", help: "No node is in this zone, so the setting affects nothing." },
  CS602: { severity: "warning", title: "config not checked", help: "The kind's configSchema could not be compiled, so its config was not checked; this is a bug in the kind's catalog entry." },
  CS900: { severity: "error", title: "internal loader error", help: "The loader itself failed: this is a bug in clustersim; please report it with the file." },
} as const;

/** A stable error code such as `CS101`. */
export type ErrorCode = keyof typeof errorCatalogue;

/** Where in which input something is: 1-based line and column. */
export interface SourcePos {
  /** The file name, `<input>` when the caller gave none, or `--set` for an override. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The source line, when it is not in a file the caller has (an override's text). */
  excerpt?: string;
}

/** One problem in a scenario: a stable code, where, what is wrong and what would be right. */
export interface ScenarioError extends SourcePos {
  code: ErrorCode;
  severity: "error" | "warning";
  /** What is wrong, naming what was expected. */
  message: string;
  /** The path of the value in the scenario: `faults[2].crash`. Empty for the whole document. */
  path: string;
  /** A fix, usually `did you mean "duration"?`. */
  suggestion?: string;
}

/** Makes an error of `code` at `pos`, with the catalogue's severity. */
export function scenarioError(
  code: ErrorCode,
  pos: SourcePos,
  path: string,
  message: string,
  suggestion?: string,
): ScenarioError {
  const e: ScenarioError = { code, severity: errorCatalogue[code].severity, message, path, ...pos };
  if (suggestion !== undefined) e.suggestion = suggestion;
  return e;
}

/** True for a code in the catalogue: what the fuzz tests assert of every error. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(errorCatalogue, code);
}
