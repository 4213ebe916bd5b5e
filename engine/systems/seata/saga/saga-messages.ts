/** The saga's calls: a forward step (a ServiceTask) and its compensation (its CompensateState). */
export const SAGA_MSG = {
  forward: "saga-forward",
  compensate: "saga-compensate",
} as const;

/** The step's business parameters, as the state machine passes them (its Input). */
export interface StepBody {
  xid: string;
  /** The step's name: the service's resource. */
  step: string;
  orderId: string;
  customer: string;
  quantity: number;
  amount: number;
}

/** The history events of the saga. */
export const SAGA_EVENTS = {
  /** A service ran, refused or skipped a forward step or a compensation: see saga-service.ts. */
  step: "saga-step",
  /** The orchestrator's state machine instance changed: {txn, status, step?, attempt?, why?}. */
  instance: "saga-instance",
} as const;
