/**
 * Tags of the queue's payloads, numbered here once so that the layers which make them (timers
 * and starts in `node/`, messages in `net/`, faults in `faults/`) cannot collide. The digest
 * folds the tag of every dispatched event in, so these numbers are part of a run's identity.
 */
export const K_TIMER = 0;
/** A message delivery (a `SimMessage` carries `k: K_MSG` itself). */
export const K_MSG = 1;
/** A fault, or its undo, at a scripted or triggered time. */
export const K_FAULT = 2;
/** The (re)start of a process at its `startAt`. */
export const K_START = 3;

/** Anything the queue holds: the tag says which layer dispatches it. */
export interface Tagged {
  readonly k: number;
}
