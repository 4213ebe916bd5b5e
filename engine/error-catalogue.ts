/**
 * Every error and warning a user can cause, written once, for the whole project: the scenario
 * loader, component configuration, the command line, reports, share links and trace files.
 * Codes are stable: tools and CI logs match on them, so a code is never reused for another
 * meaning. CS0xx are about a scenario's text, CS1xx about the shape of a value, CS2xx about
 * names in the catalogs and the little languages inside values, CS3xx about references between
 * parts of the scenario, CS4xx about `extends`, CS5xx about `--set`, CS6xx are warnings, CS7xx
 * are component configuration, CS8xx the command line (80x), reports (81x), share links (82x)
 * trace files (83x) and a run's resources (84x), CS9xx are bugs. It lives at the bottom of the house, so that every
 * layer, the engine's components included, throws codes it can name; docs/errors.md lists them
 * all, and a test keeps the two in step.
 */
export const errorCatalogue = {
  CS001: { area: "scenario", severity: "error", title: "YAML syntax error", help: "The text is not valid YAML (or JSON). Fix the syntax at the position shown." },
  CS002: { area: "scenario", severity: "error", title: "not a scenario mapping", help: "A scenario file is one YAML mapping (`name: ...`, `duration: ...`) and nothing else." },
  CS003: { area: "scenario", severity: "error", title: "input too large", help: "The document is too big, too deeply nested or expands too many aliases; the loader refuses it rather than hang." },
  CS004: { area: "scenario", severity: "error", title: "duplicate key", help: "A key appears twice in the same mapping; keep one." },
  CS005: { area: "scenario", severity: "error", title: "unsupported YAML value", help: "Only strings, numbers, booleans, null, lists and mappings with string keys are allowed." },
  CS101: { area: "scenario", severity: "error", title: "unknown key", help: "The key is not part of the scenario format at this place. Check the spelling against docs/scenario-format.md." },
  CS102: { area: "scenario", severity: "error", title: "wrong type", help: "The value has the wrong type (for example a list where a mapping is expected)." },
  CS103: { area: "scenario", severity: "error", title: "bad duration", help: "Durations need a unit: `500us`, `250ms`, `2s`, `1m`, `1m30s`. Only 0 may be written without one." },
  CS104: { area: "scenario", severity: "error", title: "bad rate", help: "Rates are a number per unit of time: `100/s`, `6000/m`, `10/h`." },
  CS105: { area: "scenario", severity: "error", title: "bad ratio", help: "Ratios are a percentage (`1%`) or a number from 0 to 1 (`0.01`)." },
  CS106: { area: "scenario", severity: "error", title: "missing key", help: "A required key is absent." },
  CS107: { area: "scenario", severity: "error", title: "value not allowed", help: "The value is not one of the allowed choices." },
  CS108: { area: "scenario", severity: "error", title: "out of range", help: "The number or list length is outside the allowed range." },
  CS109: { area: "scenario", severity: "error", title: "bad latency distribution", help: "Latency is a duration (`5ms`), a shorthand (`uniform(1ms, 5ms)`) or a mapping with `dist`." },
  CS110: { area: "scenario", severity: "error", title: "bad seeds", help: "Seeds are an integer, a list of integers, or a range `1..20` (at most 100000 seeds)." },
  CS111: { area: "scenario", severity: "error", title: "bad format", help: "The string does not have the required form (a node name, an IPv4 address, a ppm drift...)." },
  CS112: { area: "scenario", severity: "error", title: "bad text language", help: "A description or a narration note's `text` is a string (English) or a mapping of language codes to strings, `{ en: ..., zh: ... }`. The codes are `en` (English, required) and `zh` (Simplified Chinese)." },
  CS201: { area: "scenario", severity: "error", title: "unknown process kind", help: "The `kind` is not in the process catalog. Built-in kinds are listed by `clustersim list`; your own come from `modules`." },
  CS202: { area: "scenario", severity: "error", title: "unknown profile", help: "The kind has no profile of that name." },
  CS203: { area: "scenario", severity: "error", title: "invalid process config", help: "The process's `config` does not match the configuration schema of its kind." },
  CS204: { area: "scenario", severity: "error", title: "unknown check", help: "The check is not in the checker catalog." },
  CS205: { area: "scenario", severity: "error", title: "bad expectation", help: "An expectation reads `stat(metric) op value` or `metric / metric op value`, for example `p99(latency) < 250ms`." },
  CS206: { area: "scenario", severity: "error", title: "bad fault action", help: "A fault (or a trigger's `do`) names exactly one action: crash, restart, pause, resume, partition, isolate, cut, bridge, ring, heal, skew, drift or link." },
  CS207: { area: "scenario", severity: "error", title: "bad trigger match", help: "`when` names exactly one of `send`, `deliver` or `record`, with the message type or event name." },
  CS208: { area: "scenario", severity: "error", title: "bad narration", help: "A narration entry has `text` and exactly one of `at` or `when`." },
  CS209: { area: "scenario", severity: "error", title: "bad arrival pattern", help: "Each arrival pattern needs its own keys: `rate` for constant and poisson, `burst` for bursts, `ramp` for ramp, `concurrency` for closed." },
  CS210: { area: "scenario", severity: "error", title: "conflicting keys", help: "Two keys that exclude each other are both present (for example a node with both `name` and `count`)." },
  CS211: { area: "scenario", severity: "error", title: "bad across-seeds expectation", help: "An `acrossSeeds` item is an expectation about the mean over seeds (`mean(latency) within 2% of 110ms`), or `CONDITION on >= 90% of seeds`, where CONDITION is an expectation or a check of `checks` followed by `held` or `violated`." },
  CS301: { area: "scenario", severity: "error", title: "unknown node", help: "The name does not match any node in `nodes`." },
  CS302: { area: "scenario", severity: "error", title: "duplicate name", help: "Two nodes, two processes on one node, or two IP addresses have the same name." },
  CS303: { area: "scenario", severity: "error", title: "beyond the scenario's duration", help: "A time (or a time plus a `for`) lies after the end of the run, so it would never happen." },
  CS304: { area: "scenario", severity: "error", title: "`for` not allowed here", help: "`restart`, `resume` and `heal` undo something themselves; they cannot be undone after a while." },
  CS305: { area: "scenario", severity: "error", title: "node in two groups", help: "A node can be in only one group of a partition or bridge." },
  CS306: { area: "scenario", severity: "error", title: "empty time window", help: "A window's start must come before its end (`from` before `until`)." },
  CS307: { area: "scenario", severity: "error", title: "unknown process address", help: "An address `node/process` names no process of the scenario." },
  CS401: { area: "scenario", severity: "error", title: "cannot read extended file", help: "The file named by `extends` could not be read." },
  CS402: { area: "scenario", severity: "error", title: "extends cycle", help: "Files extend each other in a circle." },
  CS403: { area: "scenario", severity: "error", title: "extends too deep", help: "More than 16 files extend each other in a chain." },
  CS404: { area: "scenario", severity: "error", title: "module not allowed", help: "A module in `modules` runs with your privileges, so a scenario may name one only by a path relative to itself that stays inside its project (the nearest folder up with a package.json, else its own folder, or a folder listed in CLUSTERSIM_MODULE_ROOTS) or by an installed package's name; never a URL or an absolute path. The visualizer and share links never load modules. See docs/architecture.md, \"What is trusted\"." },
  CS501: { area: "scenario", severity: "error", title: "bad --set", help: "An override reads `path=value`, for example `--set workload.rate=200/s`." },
  CS502: { area: "scenario", severity: "error", title: "--set path not found", help: "The override's path crosses a value that is not a mapping or list, or an index past the end of a list." },
  CS601: { area: "scenario", severity: "warning", title: "unknown zone", help: "No node is in this zone, so the setting affects nothing." },
  CS602: { area: "scenario", severity: "warning", title: "config not checked", help: "The kind's configSchema could not be compiled, so its config was not checked; this is a bug in the kind's catalog entry." },
  CS701: { area: "component", severity: "error", title: "bad component option", help: "A component option (in a process's `config`, a balancer's or a policy's options) has the wrong type or lies outside its range; the message names the process, the option and what would be right." },
  CS702: { area: "component", severity: "error", title: "unknown component option", help: "The option is not one the component has; the message lists the options it takes." },
  CS703: { area: "component", severity: "error", title: "unknown balancer strategy", help: "The balancing strategy is not in the catalog; the message suggests the closest one." },
  CS704: { area: "component", severity: "error", title: "bad instance list", help: "A balancer was given an instance list it cannot use: an id twice, a fractional or negative weight or connection limit." },
  CS801: { area: "cli", severity: "error", title: "unknown command", help: "The command is not one of clustersim's; `clustersim help` lists them." },
  CS802: { area: "cli", severity: "error", title: "unknown flag", help: "The flag does not exist, or the command does not take it; `clustersim help COMMAND` lists a command's flags." },
  CS803: { area: "cli", severity: "error", title: "bad flag value", help: "The flag's value is missing, given twice, or not of the form the flag takes (a seed, a range, i/n, a duration, a whole number)." },
  CS804: { area: "cli", severity: "error", title: "wrong number of arguments", help: "The command takes fewer or more arguments than were given; its usage line says how many." },
  CS805: { area: "cli", severity: "error", title: "cannot read input file", help: "A file or folder named on the command line does not exist or cannot be read." },
  CS806: { area: "cli", severity: "error", title: "no scenario files", help: "The paths hold no scenario files (`.yaml`, `.yml`, `.json`; files starting with `_` are bases and skipped)." },
  CS807: { area: "cli", severity: "error", title: "part not installed", help: "The command needs a part of clustersim that this checkout or package lacks (the built visualizer, the benchmarks)." },
  CS808: { area: "cli", severity: "error", title: "scenario rejected by the engine", help: "The scenario passed the loader but the engine refused it (a typed scenario from code, usually); the message says what is wrong." },
  CS809: { area: "cli", severity: "error", title: "cannot load modules", help: "A module named by the scenario's `modules` could not be imported (missing, a syntax error, or it threw while loading); the message names it and says why." },
  CS810: { area: "cli", severity: "error", title: "wall-clock limit reached", help: "`--timeout` (default 60s) limits the whole command: start-up, loading, the run, its checks, the reports. The run stopped early enough for the rest to fit (stopReason `interrupted`), so its checks and expectations judge only the part that ran, and the command exits 4 unless a check was violated. Raise the limit (`--timeout 10m`, `--timeout 0` for none) or shorten the run (`--set duration=60s`, a lower `workload.rate`)." },
  CS811: { area: "report", severity: "error", title: "unknown report kind", help: "`--report` named a kind that does not exist; the message lists the kinds." },
  CS812: { area: "report", severity: "error", title: "no report kind", help: "`--report` was given without any kind, for example `--report json,md`." },
  CS813: { area: "report", severity: "error", title: "cannot write output", help: "A report, trace, shrunk scenario or starter file could not be written (a read-only or full disk, a folder that cannot be created, a part of the path that is a file); the message names the path and the reason. Nothing partial is left: write elsewhere (`--out DIR`, `--trace FILE`) or fix the folder." },
  CS814: { area: "report", severity: "error", title: "bad export epoch", help: "`--epoch` names the wall-clock instant that virtual time 0 stands for in the ecs, gelf and openmetrics reports. Give an ISO 8601 date-time with a zone, such as `2026-01-01T00:00:00Z` (the default) or `2026-03-01T08:00:00+08:00`; a time without a zone would be read differently on each machine." },
  CS821: { area: "share", severity: "error", title: "bad share link", help: "The share link (the page's URL fragment) is damaged, truncated or from another version; open the scenario again and share a new link." },
  CS831: { area: "trace", severity: "error", title: "bad trace file", help: "A trace file the visualizer opened is not a clustersim trace (one JSON event a line), or is damaged at the line shown." },
  CS840: { area: "cli", severity: "error", title: "memory limit reached", help: "A run held more than 85 % of the JavaScript heap's limit, so the command stopped it before Node would abort with \"heap out of memory\"; nothing is reported and the command exits 4. The library's runs keep memory bounded whatever their length (README, Performance); a run grows when a check reads the whole history after the run (a post-run `check(ctx)` checker, which the message names) or a component or module keeps state per event. Make the check online, shorten the run (`--set duration=...`, a lower `workload.rate`), or give Node more heap (`NODE_OPTIONS=--max-old-space-size=8192`)." },
  CS900: { area: "scenario", severity: "error", title: "internal loader error", help: "The loader itself failed: this is a bug in clustersim; please report it with the file." },
  CS901: { area: "cli", severity: "error", title: "internal error", help: "clustersim itself failed (a bug, or a worker thread that died); the message says where, and for a run its seed and replay command. Please report it with the command you ran." },
} as const;

/** A stable error code such as `CS101`. */
export type ErrorCode = keyof typeof errorCatalogue;

/** Which part of clustersim reports an error. */
export type ErrorArea = (typeof errorCatalogue)[ErrorCode]["area"];

/** The codes of one area: `CodeOf<"cli">` is CS801 to CS808. */
export type CodeOf<A extends ErrorArea> = { [C in ErrorCode]: (typeof errorCatalogue)[C]["area"] extends A ? C : never }[ErrorCode];

/** True for a code in the catalogue: what the fuzz tests assert of every error. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(errorCatalogue, code);
}
