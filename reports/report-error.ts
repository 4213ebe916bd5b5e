import type { CodeOf } from "../engine/error-catalogue";

/**
 * Stable codes of the errors a user can cause through the report options. The CLI prints the
 * code with the message and exits with status 2 (bad input).
 */
export type ReportErrorCode = Extract<CodeOf<"report">,
  /** `--report` named a kind that does not exist. */
  | "CS811"
  /** `--report` was given without any kind. */
  | "CS812"
  /** `--epoch` is not an ISO 8601 date-time with a zone. */
  | "CS814">;

/** An error in what the user asked the report writers to do; the message says what would be right. */
export class ReportError extends Error {
  readonly code: ReportErrorCode;
  constructor(code: ReportErrorCode, message: string) {
    super(message);
    this.name = "ReportError";
    this.code = code;
  }
}
