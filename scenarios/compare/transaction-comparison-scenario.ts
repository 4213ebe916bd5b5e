import type { JsonObject } from "../../engine/core/json";
import { COMPARISON_MODES } from "./transaction-modes";
import type { ComparisonMode, SharedSetup } from "./transaction-modes";

/** The faults the comparison knows: none, the payment service crashing, or cut off. */
export const COMPARISON_FAULTS = ["none", "crash", "partition"] as const;

/** A comparison fault. */
export type ComparisonFault = (typeof COMPARISON_FAULTS)[number];

/**
 * The shared setup: three users with 80 each (eight orders apiece, so about one order in five
 * is refused by the payment service), two items with plenty of stock, and 30 orders of one
 * piece at 10, one every 100 ms from 1 s. The fault hits the payment service at 2.01 s, inside
 * the eleventh transaction, for 3 s; the run lasts 20 s, long enough for every mode's recovery.
 */
export const COMPARISON_SETUP: SharedSetup = {
  data: { users: 3, items: 2, initialBalance: 80, initialStock: 100 },
  orders: { users: 3, items: 2, count: 30, interval: "100ms", startAt: "1s", quantity: 1, price: 10 },
};

/** When the fault begins and how long it lasts. */
export const COMPARISON_FAULT_AT = "2010ms";
export const COMPARISON_FAULT_FOR = "3s";

/** The checks every mode is judged by, each with `expect: any`: the comparison reports, it does not fail. */
export const COMPARISON_CHECKS = ["atomic-outcome", "money-conserved", "stock-conserved", "never-negative", "no-dirty-read", "no-anomaly"] as const;

/** The fault's entry in the scenario's `faults`. */
function faultsOf(fault: ComparisonFault): JsonObject[] {
  if (fault === "crash") return [{ at: COMPARISON_FAULT_AT, crash: "payment", for: COMPARISON_FAULT_FOR }];
  if (fault === "partition") return [{ at: COMPARISON_FAULT_AT, isolate: "payment", for: COMPARISON_FAULT_FOR }];
  return [];
}

/**
 * The scenario of one mode, as JSON text (a YAML document) for the loader: the same nodes,
 * network, business data, client stream, reader, fault and checks for every mode; only the
 * services differ.
 */
export function comparisonScenarioText(m: ComparisonMode, fault: ComparisonFault): string {
  const scenario: JsonObject = {
    name: `compare-${m.mode}-${fault}`,
    description: `The shared place-order business transaction as ${m.label}, with ${fault === "none" ? "no fault" : `the payment service ${fault === "crash" ? "crashed" : "cut off"} at ${COMPARISON_FAULT_AT} for ${COMPARISON_FAULT_FOR}`}.`,
    topic: "transactions",
    duration: "20s",
    nodes: ["tc", "client", "order", "stock", "payment", "display"],
    network: { latency: "uniform(1ms, 3ms)" },
    services: [
      ...m.services(COMPARISON_SETUP),
      { name: "reader", kind: "business-reader", on: "display", config: { resource: "stock/item-1", every: "10ms", startAt: "1s", stopAt: "8s" } },
    ],
    faults: faultsOf(fault),
    checks: COMPARISON_CHECKS.map((name) => ({ name, expect: "any" })),
  };
  return JSON.stringify(scenario, null, 2);
}

/** The modes the catalog can run (every kind present), and the ones it cannot. */
export function availableModes(has: (kind: string) => boolean): { run: ComparisonMode[]; missing: ComparisonMode[] } {
  const run = COMPARISON_MODES.filter((m) => m.kinds.every(has));
  return { run, missing: COMPARISON_MODES.filter((m) => !run.includes(m)) };
}
