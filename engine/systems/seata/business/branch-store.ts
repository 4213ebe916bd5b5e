import type { Runtime } from "../../../node/runtime-api";
import { readOptions } from "../../../options/option-table";
import { toChoice } from "../../../options/option-values";
import { BUSINESS_DATA_OPTIONS } from "./business-options";
import { BusinessStore } from "./business-store";
import { initialRows } from "./initial-rows";
import { BRANCH_SERVICES, type BranchService } from "./place-order";

/**
 * What every mode's branch service reads first: which service it is (`service`, default the
 * process name), and its store holding that service's first rows from the business data options.
 */
export function openBranchStore(rt: Runtime, c: Record<string, unknown>, where: string): { service: BranchService; store: BusinessStore } {
  const service = toChoice(c.service ?? rt.process, BRANCH_SERVICES, where, "service");
  return { service, store: new BusinessStore(rt, service, initialRows(service, readOptions(BUSINESS_DATA_OPTIONS, c, where))) };
}
