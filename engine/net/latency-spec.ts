import type { Micros } from "../core/time";

/**
 * A latency distribution. Every sample is rounded to a whole microsecond and is never negative.
 * `table` is a percentile table: pairs of (percentile 0..100, value), interpolated linearly.
 */
export type LatencySpec =
  | { dist: "constant"; value: Micros }
  | { dist: "uniform"; min: Micros; max: Micros }
  | { dist: "normal"; mean: Micros; sd: Micros }
  | { dist: "lognormal"; median: Micros; sigma: number }
  | { dist: "exponential"; mean: Micros }
  | { dist: "pareto"; scale: Micros; shape: number }
  | { dist: "table"; points: Array<[percentile: number, value: Micros]> };

/** What one directed link does to the messages that cross it. Every fault is off by default. */
export interface LinkSpec {
  latency?: LatencySpec;
  /** Probability that a message is lost. */
  lossRatio?: number;
  /** Probability that a message is delivered twice. */
  duplicateRatio?: number;
  /** On a FIFO link: probability that a message may overtake the ones before it. */
  reorderRatio?: number;
  /** Deliver in send order, like one TCP connection. */
  fifo?: boolean;
}
