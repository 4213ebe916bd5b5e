import { K_START, K_TIMER } from "../core/event-kinds";

/** What a host event is dispatched to: the process host, which knows its own liveness. */
export interface HostEventTarget {
  fire(te: TimerEvent): void;
  startDue(ev: StartEvent): void;
}

/** A process timer. Stale when cancelled or when its process has crashed since it was set. */
export class TimerEvent {
  readonly k = K_TIMER;
  cancelled = false;
  constructor(
    readonly host: HostEventTarget,
    readonly incarnation: number,
    readonly fn: () => void,
    readonly label: string | undefined,
    /** Internal timers (call timeouts, sleeps) are traced only when they fire with effect. */
    readonly internal: boolean,
  ) {}
}

/** The (re)start of a process at its `startAt`. */
export class StartEvent {
  readonly k = K_START;
  constructor(readonly host: HostEventTarget) {}
}
