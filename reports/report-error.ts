/**
 * Stable codes of the errors a user can cause through the report options. The CLI prints the
 * code with the message and exits with status 2 (bad input).
 */
export type ReportErrorCode =
  /** `--report` named a kind that does not exist. */
  | "REPORT_UNKNOWN_KIND"
  /** `--report` was given without any kind. */
  | "REPORT_NO_KIND";

/** An error in what the user asked the report writers to do; the message says what would be right. */
export class ReportError extends Error {
  readonly code: ReportErrorCode;
  constructor(code: ReportErrorCode, message: string) {
    super(message);
    this.name = "ReportError";
    this.code = code;
  }
}
