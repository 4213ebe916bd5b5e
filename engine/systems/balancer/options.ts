import { BalancerError } from "./balancer-error";
import { nearest } from "./nearest";

/** A check on one option value: returns what would be right, or undefined when the value is fine. */
export type OptionCheck = (value: unknown) => string | undefined;

/**
 * Merges `given` over `defaults` after checking it: every key must exist in `defaults`, every
 * value must have the default's type and pass its check. `where` names the strategy in errors.
 */
export function resolveOptions<T extends object>(
  where: string,
  given: object | undefined,
  defaults: T,
  checks: Partial<Record<keyof T, OptionCheck>> = {},
): T {
  if (given === undefined || given === null) return { ...defaults };
  if (typeof given !== "object" || Array.isArray(given)) {
    throw new BalancerError("CS701", `${where}: options must be an object of settings, got ${JSON.stringify(given)}.`);
  }
  const known = Object.keys(defaults);
  for (const [key, value] of Object.entries(given)) {
    if (!known.includes(key)) {
      const hint = nearest(key, known);
      const valid = known.length > 0 ? `valid options: ${known.join(", ")}` : "it takes no options";
      throw new BalancerError(
        "CS702",
        `${where}: unknown option "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}; ${valid}.`,
      );
    }
    if (value === undefined) continue;
    const def = (defaults as Record<string, unknown>)[key];
    if (typeof value !== typeof def) {
      throw new BalancerError(
        "CS701",
        `${where}: option "${key}" must be a ${typeof def} (default ${JSON.stringify(def)}), got ${JSON.stringify(value)}.`,
      );
    }
    const problem = checks[key as keyof T]?.(value);
    if (problem !== undefined) {
      throw new BalancerError("CS701", `${where}: option "${key}" is ${JSON.stringify(value)}; ${problem}.`);
    }
  }
  const out = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) if (value !== undefined) out[key] = value;
  return out as T;
}

/** A check for an integer in [lo, hi]. */
export function intIn(lo: number, hi = Number.MAX_SAFE_INTEGER): OptionCheck {
  return (v) => (Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi ? undefined : `it must be an integer from ${lo} to ${hi}`);
}

/** A check for a finite number strictly greater than `lo`. */
export function numberAbove(lo: number): OptionCheck {
  return (v) => (Number.isFinite(v) && (v as number) > lo ? undefined : `it must be a number greater than ${lo}`);
}

/** A check for one of the listed strings. */
export function oneOf(values: readonly string[]): OptionCheck {
  return (v) => (values.includes(v as string) ? undefined : `it must be one of ${values.map((s) => JSON.stringify(s)).join(", ")}`);
}
