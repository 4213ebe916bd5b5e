import type { CheckerCatalog } from "../../../run-options";
import { atomicOutcome } from "./checks/atomic-outcome";
import { moneyConserved, stockConserved } from "./checks/conservation";
import { neverNegative } from "./checks/never-negative";
import { noAnomaly } from "./checks/no-anomaly";
import { noDirtyRead } from "./checks/no-dirty-read";

/**
 * The checkers of the shared place-order business transaction: the same for every mode
 * (2PC, Seata AT, TCC, Saga), reading the records of business-records.ts.
 */
export const businessCheckers: CheckerCatalog = {
  "atomic-outcome": { factory: atomicOutcome, description: "Every place-order transaction keeps all of its branches' effects or none, as its client was told." },
  "money-conserved": { factory: moneyConserved, description: "The balances' fall equals the amounts of the orders that exist at the end." },
  "stock-conserved": { factory: stockConserved, description: "The stock's fall equals the quantities of the orders that exist at the end." },
  "never-negative": { factory: neverNegative, description: "No stock count and no account balance is ever below zero." },
  "no-dirty-read": { factory: noDirtyRead, description: "No read returns a value written by a transaction that then rolled back." },
  "no-anomaly": { factory: noAnomaly, description: "No transaction mode reported an anomaly (params.kinds: only these kinds)." },
};
