import type { Json } from "../../core/json";
import type { CallFailure } from "../proxy/call-failure";

/** What the gateway answers a request it routed and the upstream answered. */
export interface GatewayReply {
  status: 200;
  route: string;
  /** The instance that answered. */
  instance: string | null;
  body: Json;
}

/**
 * What the gateway fails a request with (the body of a remote error), as HTTP says it. `code`
 * is for programs: the caller's proxy reads `overloaded` and `unavailable` as such, anything else
 * as a plain error.
 */
export interface GatewayError {
  status: number;
  code: string;
  message: string;
  from: string;
  route: string | null;
}

/** Why the gateway ended a request the way it did: the access log's `outcome`. */
export type GatewayOutcome =
  | "ok" | "no-route" | "unauthorized" | "rate-limited" | "pool-full"
  | "upstream-timeout" | "upstream-error" | "upstream-unavailable";

/**
 * The status and outcome for a failed upstream call, as an nginx-based gateway reports it: no
 * answer in time is 504, an upstream error is 502 (a bad gateway), and no instance to send to, an
 * open breaker, a full bulkhead or an overloaded instance are 503. A rate limit inside the
 * route's proxy is a 429 like the gateway's own.
 */
export function upstreamFailure(f: CallFailure | undefined): { status: number; outcome: GatewayOutcome; code: string } {
  switch (f) {
    case "timeout":
    case "deadline":
      return { status: 504, outcome: "upstream-timeout", code: "timeout" };
    case "error":
      return { status: 502, outcome: "upstream-error", code: "error" };
    case "rate-limited":
      return { status: 429, outcome: "rate-limited", code: "rate-limited" };
    case "overloaded":
    case "bulkhead-full":
      return { status: 503, outcome: "upstream-unavailable", code: "overloaded" };
    default:
      return { status: 503, outcome: "upstream-unavailable", code: "unavailable" };
  }
}
