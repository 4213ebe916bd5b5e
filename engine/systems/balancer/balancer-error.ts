import type { CodeOf } from "../../error-catalogue";

/**
 * The stable codes of the configuration errors a user can cause here. Each message names the
 * strategy or option at fault and what would be right.
 */
export type BalancerErrorCode = Extract<CodeOf<"component">,
  /** The strategy name is not in the catalog. */
  | "CS703"
  /** An option key the strategy does not have. */
  | "CS702"
  /** An option value of the wrong type or out of range. */
  | "CS701"
  /** An instance list the balancer cannot use: a duplicate id, a fractional or negative weight. */
  | "CS704">;

/** A configuration error in a balancer: unknown strategy, unknown option, bad value. */
export class BalancerError extends Error {
  readonly code: BalancerErrorCode;
  constructor(code: BalancerErrorCode, message: string) {
    super(message);
    this.name = "BalancerError";
    this.code = code;
  }
}
