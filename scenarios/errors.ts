import type { ErrorCode } from "../engine/error-catalogue";
import { errorCatalogue } from "../engine/error-catalogue";

// The catalogue itself is in engine/error-catalogue.ts, shared by every layer.
export { errorCatalogue, isErrorCode } from "../engine/error-catalogue";
export type { ErrorArea, ErrorCode } from "../engine/error-catalogue";

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
