import { CallError } from "../../node/runtime-api";

/**
 * Why one attempt, or a whole proxied call, failed. The first four come from the callee or the
 * network; the rest are the proxy's own refusals.
 */
export type CallFailure =
  /** No reply within the attempt's timeout: slow, lost, partitioned or crashed. */
  | "timeout"
  /** The instance answered with an error (a 500). */
  | "error"
  /** The instance refused: its queue was full (a 503). */
  | "overloaded"
  /** The instance refused: it is shutting down, or no process is there. */
  | "unavailable"
  /** The instance list was empty (or every instance was down or already tried). */
  | "service-unavailable"
  /** The circuit breaker did not permit the call. */
  | "breaker-open"
  /** The rate limiter refused the call. */
  | "rate-limited"
  /** The bulkhead was full and the call could not wait. */
  | "bulkhead-full"
  /** The call's deadline left no time for another attempt. */
  | "deadline";

/** Every failure kind, for option checks. */
export const CALL_FAILURES: readonly CallFailure[] = [
  "timeout", "error", "overloaded", "unavailable", "service-unavailable", "breaker-open", "rate-limited", "bulkhead-full", "deadline",
];

/** The failures a retry may help with by default: everything the callee or the network caused. */
export const DEFAULT_RETRY_ON: readonly CallFailure[] = ["timeout", "error", "overloaded", "unavailable", "service-unavailable"];

/** Classifies what a `call` rejected with. */
export function classify(e: unknown): CallFailure {
  if (!(e instanceof CallError)) return "error";
  switch (e.code) {
    case "timeout": return "timeout";
    case "no-handler": return "unavailable";
    case "remote": {
      const code = (e.detail as { code?: unknown } | undefined)?.code;
      return code === "overloaded" ? "overloaded" : code === "unavailable" ? "unavailable" : "error";
    }
  }
}
