/**
 * A policy option a user set to a value the policy cannot work with. The message names the
 * policy, the option, what would be right and what was given, so a scenario author can fix it
 * without reading the code.
 */
export class PolicyConfigError extends Error {
  /** The catalogue's code for a bad component option (engine/error-catalogue.ts). */
  readonly code = "CS701" as const;
  readonly policy: string;
  readonly option: string;
  constructor(policy: string, option: string, rule: string, got: unknown) {
    super(`${policy}: ${option} ${rule}, got ${typeof got === "function" ? "a function" : (JSON.stringify(got) ?? String(got))}`);
    this.name = "PolicyConfigError";
    this.policy = policy;
    this.option = option;
  }
}

/** Throws unless `value` is a whole number >= `min` (durations in microseconds, counts). */
export function requireWhole(policy: string, option: string, value: number, min: number, unit = ""): void {
  if (!Number.isInteger(value) || value < min) {
    throw new PolicyConfigError(policy, option, `must be a whole number${unit ? ` of ${unit}` : ""} >= ${min}`, value);
  }
}

/** Throws unless `value` is a finite number in [min, max]. */
export function requireRange(policy: string, option: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new PolicyConfigError(policy, option, `must be a number in [${min}, ${max}]`, value);
  }
}
