/** The history events of the TCC mode, as its checkers read them. */
export const TCC_EVENTS = {
  /** A TCC service ran (or refused) a phase: see tcc-service.ts for the fields. */
  phase: "tcc-phase",
  /** The TC's global transaction changed status: {txn, xid, status, reason}. */
  global: "tcc-global",
  /** The TC sent a phase-two request to a branch: {txn, xid, branch, resource, phase, attempt}. */
  phaseTwoSent: "tcc-phase-two-sent",
} as const;

/** The phases of a TCC branch. */
export type TccPhase = "try" | "confirm" | "cancel";
