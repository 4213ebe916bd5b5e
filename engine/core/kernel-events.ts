import type { ProcessHost } from "../node/process-host";

/** Payload kinds in the event queue. Messages carry `k: K_MSG` themselves. */
export const K_TIMER = 0;
export const K_MSG = 1;
export const K_FAULT = 2;
export const K_START = 3;

/** A process timer. Stale when cancelled or when its process has crashed since it was set. */
export class TimerEvent {
  readonly k = K_TIMER;
  cancelled = false;
  constructor(
    readonly host: ProcessHost,
    readonly incarnation: number,
    readonly fn: () => void,
    readonly label: string | undefined,
    /** Internal timers (call timeouts, sleeps) are traced only when they fire with effect. */
    readonly internal: boolean,
  ) {}
}

/** A fault (or its undo) at a scripted time. */
export class FaultEvent {
  readonly k = K_FAULT;
  constructor(readonly run: () => void) {}
}

/** The (re)start of a process at its `startAt`. */
export class StartEvent {
  readonly k = K_START;
  constructor(readonly host: ProcessHost) {}
}
