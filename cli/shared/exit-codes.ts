import type { CodeOf } from "../../engine/error-catalogue";

/** The exit codes every command uses (DESIGN.md, "CLI"). */
export const ExitCode = {
  /** Every check and expectation held. */
  ok: 0,
  /** A check or an expectation failed (or two runs of one seed differed). */
  failed: 1,
  /** Bad input: an unknown flag, a missing file, an invalid scenario. Nothing ran. */
  badInput: 2,
  /** A bug in clustersim itself. */
  internal: 3,
  /**
   * Undecided: `check-history`'s search ran out of its budget or time, or `--timeout` stopped a
   * `run` or `replay` before the end of its scenario (CS810) without any check being violated, or
   * a run outgrew the heap and was stopped before it ran out (CS840).
   */
  unknown: 4,
  /** Ctrl-C (SIGINT) stopped `check`: the results so far were printed and written (128 + 2, the shell's convention). */
  interrupted: 130,
} as const;

/** One of the exit codes. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error a user caused and can fix, with its catalogue code (engine/error-catalogue.ts) and
 * what would be right. `main` prints the code and the message (never a stack trace) and exits
 * with `exitCode`, 2 (bad input) unless said otherwise.
 */
export class CliError extends Error {
  constructor(readonly code: CodeOf<"cli" | "report">, message: string, readonly hint?: string, readonly exitCode: ExitCodeValue = ExitCode.badInput) {
    super(message);
    this.name = "CliError";
  }
}

/** The worst of several exit codes: internal beats bad input beats failed beats unknown beats ok. */
export function worstExit(...codes: number[]): number {
  const rank = (c: number) => (c === ExitCode.internal ? 4 : c === ExitCode.badInput ? 3 : c === ExitCode.failed ? 2 : c === ExitCode.unknown ? 1 : 0);
  return codes.reduce((a, b) => (rank(b) > rank(a) ? b : a), ExitCode.ok);
}
