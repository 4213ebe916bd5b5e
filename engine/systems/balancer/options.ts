import type { OptionTable, OptionValues } from "../../options/option-table";
import { defaultsOf, readOptions } from "../../options/option-table";
import { BalancerError } from "./balancer-error";
import { nearest } from "./nearest";

/**
 * Reads a strategy's (or passive health's) options from what a scenario gave, against the
 * strategy's options table (engine/options/option-table.ts), the one place its defaults and
 * ranges are written: nothing given takes the defaults; a key the table lacks is CS702 with the
 * nearest valid name; a bad value is the table reader's CS701, naming `where` and the option.
 */
export function readStrategyOptions<T extends OptionTable>(where: string, given: object | undefined | null, table: T): OptionValues<T> {
  if (given === undefined || given === null) return defaultsOf(table);
  if (typeof given !== "object" || Array.isArray(given)) {
    throw new BalancerError("CS701", `${where}: options must be an object of settings, got ${JSON.stringify(given)}.`);
  }
  const known = Object.keys(table);
  for (const key of Object.keys(given)) {
    if (known.includes(key)) continue;
    const hint = nearest(key, known);
    const valid = known.length > 0 ? `valid options: ${known.join(", ")}` : "it takes no options";
    throw new BalancerError("CS702", `${where}: unknown option "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}; ${valid}.`);
  }
  return readOptions(table, given as Record<string, unknown>, where);
}

/** Refuses a value the table accepted but the strategy cannot use (a table size that is not prime). */
export function rejectOption(where: string, key: string, value: unknown, why: string): never {
  throw new BalancerError("CS701", `${where}: option "${key}" is ${JSON.stringify(value)}; ${why}.`);
}
