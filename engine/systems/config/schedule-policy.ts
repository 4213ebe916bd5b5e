import type { Micros } from "../../core/time";

/**
 * Apollo's ExponentialSchedulePolicy: the first failure waits `lower`, each further one twice the
 * last, at most `upper`; a success resets it. The long poll uses (1 s, 120 s)
 * (RemoteConfigLongPollService), so a client that keeps failing tries after 1, 2, 4 ... 64, 120,
 * 120 ... seconds.
 */
export class ExponentialSchedulePolicy {
  private last: Micros = 0;

  constructor(private readonly lower: Micros, private readonly upper: Micros) {
    if (!(lower >= 1 && upper >= lower)) throw new Error(`schedule policy: need 1 <= lower <= upper, got ${lower} and ${upper}`);
  }

  /** The wait after one more failure. */
  fail(): Micros {
    this.last = this.last === 0 ? this.lower : Math.min(this.last * 2, this.upper);
    return this.last;
  }

  /** A success: the next failure waits `lower` again. */
  success(): void {
    this.last = 0;
  }
}
