/**
 * A wall-clock limit, as the host keeps it (the engine never reads a clock: it only polls the
 * `shouldStop` it is given). One limit covers a whole piece of work — for `clustersim run` the
 * whole command: start-up, loading, the run, the checks, the reports and the hash — so the run
 * itself must stop early enough to leave room for what comes after it. `runStop()` is that
 * stop: it ends the event loop when the time used plus a reserve for the post-run work reaches
 * the limit. The reserve grows with the run (checks that finish at the end, and the process's
 * teardown, cost more the more the run kept), so a long run stops a little earlier.
 */
export class WallDeadline {
  /** When the limit runs out, on `clock`'s scale; Infinity for no limit. */
  readonly endsAt: number;

  /**
   * @param limitMs the limit in milliseconds; 0 (or less) for none
   * @param startedAt when the limited work began, on `clock`'s scale (default: now)
   * @param clock a monotonic clock in milliseconds (default `performance.now`, which counts from
   *   the process's start, so `startedAt` 0 is the moment the process started)
   */
  constructor(readonly limitMs: number, startedAt?: number, private readonly clock: () => number = () => performance.now()) {
    this.endsAt = limitMs > 0 ? (startedAt ?? clock()) + limitMs : Infinity;
  }

  /** True when there is a limit at all. */
  get limited(): boolean {
    return this.endsAt < Infinity;
  }

  /** Milliseconds left (negative once passed; Infinity without a limit). */
  remainingMs(): number {
    return this.endsAt - this.clock();
  }

  /** True once the limit has run out. */
  passed(): boolean {
    return this.remainingMs() <= 0;
  }

  /**
   * The engine's `shouldStop` for a run that has work after it: true once the time left is no
   * more than `postRunReserveMs` of the run so far. `memory` gives the megabytes whose release
   * the limit must also cover: `residentMegabytes` when the process exits within the limit (a
   * command), none for a run in a long-lived worker thread. Undefined without a limit, so an
   * unlimited run pays for no polling.
   */
  runStop(memory: () => number = () => 0): (() => boolean) | undefined {
    if (!this.limited) return undefined;
    const started = this.clock();
    return () => {
      const now = this.clock();
      return this.endsAt - now <= postRunReserveMs(now - started, memory());
    };
  }
}

/** Always left for the post-run work: the checks' verdicts, the summary, writing it out. */
export const RESERVE_BASE_MS = 250;
/** Of the time the run has taken, the share kept for checks that judge at the end. */
export const RESERVE_RUN_SHARE = 0.05;
/** Per megabyte resident: a process that holds more takes longer to hand its memory back on exit. */
export const RESERVE_MS_PER_MB = 1.5;

/**
 * How long the work after a run may take, from how long the run has taken and how much memory
 * the process holds (measured on a loaded 2-core machine: about 0.5 s of checks after a 15 s
 * run of service-happy-path at 5,000 req/s, and about 1 s to exit holding 700 MB).
 */
export function postRunReserveMs(ranMs: number, residentMb: number): number {
  return RESERVE_BASE_MS + RESERVE_RUN_SHARE * ranMs + RESERVE_MS_PER_MB * residentMb;
}

/** The process's resident memory in megabytes (cheap: one system call, no heap walk). */
export function residentMegabytes(): number {
  return process.memoryUsage.rss() / 1e6;
}
