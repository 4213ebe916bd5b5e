/** The saga's calls: a forward step (a ServiceTask) and its compensation (its CompensateState). */
export const SAGA_MSG = {
  forward: "saga-forward",
  compensate: "saga-compensate",
} as const;

/** The saga mode's kinds, by the names scenario files use. */
export const SAGA_KIND = {
  orchestrator: "saga-orchestrator",
  service: "saga-service",
} as const;

/** The step's business parameters, as the state machine passes them (its Input). */
export interface StepBody {
  /** The business transaction (the order's id); the saga instance has the same id. */
  txn: string;
  /** The step's name: its branch service. */
  step: string;
  resource: string;
  delta: number;
}

/** The history events of the saga. */
export const SAGA_EVENTS = {
  /** A service ran, refused or skipped a forward step or a compensation: see saga-service.ts. */
  step: "saga-step",
  /** The orchestrator's state machine instance changed: {txn, status, step?, attempt?, why?}. */
  instance: "saga-instance",
} as const;
