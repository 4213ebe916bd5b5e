/**
 * The records every global-transaction mode emits, so that one comparison reads 2PC, AT, TCC and
 * Saga alike. A local stand-in until the shared business model (engine/systems/seata/business/)
 * lands; the names are the ones agreed for it.
 */
export const TXN_EVENTS = {
  /** A global transaction began: {txn, order, mode, quantity, amount}. */
  begin: "txn.begin",
  /** What the application was told: {txn, order, mode, outcome: committed | rolled-back | unknown, latencyUs, why}. */
  outcome: "txn.outcome",
  /** A resource was held for a transaction: {txn, mode, resource, heldUs}. */
  lockHeld: "lock.held",
  /** An anomaly a process saw: {txn, mode, kind, message}. */
  anomaly: "anomaly",
} as const;
