import type { BusinessDataOptions } from "./business-options";
import type { BranchService } from "./place-order";
import { itemNames, resourceOf, userNames } from "./place-order";

/** The rows a branch service starts with: every account (payment), every item (stock), none (order). */
export function initialRows(service: BranchService, o: BusinessDataOptions): Record<string, number> {
  if (service === "payment") return Object.fromEntries(userNames(o.users).map((u) => [resourceOf.account(u), o.initialBalance]));
  if (service === "stock") return Object.fromEntries(itemNames(o.items).map((i) => [resourceOf.stock(i), o.initialStock]));
  return {};
}
