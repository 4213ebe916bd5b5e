import type { Rng } from "../../../core/rng";
import type { Micros } from "../../../core/time";
import { ActiveCounts } from "../active-counts";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { countUsable, nthUsable } from "../usable";

/** Options of the peak-EWMA balancer (Finagle's `p2cPeakEwma`, Linkerd's and Tower's PeakEwma). */
export interface PeakEwmaOptions {
  /** The decay time constant tau: an old latency sample weighs exp(-elapsed / tau). */
  decay: Micros;
  /** The latency estimate an instance starts with before its first response. */
  defaultRtt: Micros;
}

/** The options, declared once: Linkerd's defaults, decay 10 s (Finagle's `decayTime` too), default RTT 30 ms. */
export const PEAK_EWMA_OPTIONS = {
  decay: { type: "duration", default: 10_000_000, min: 1, description: "The decay time constant tau: an old latency sample weighs exp(-elapsed / tau).", source: "Finagle decayTime, Linkerd/Tower PeakEwma decay" },
  defaultRtt: { type: "duration", default: 30_000, description: "The latency estimate an instance starts with before its first response.", source: "Linkerd/Tower default_rtt" },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const PEAK_EWMA_DEFAULTS: PeakEwmaOptions = defaultsOf(PEAK_EWMA_OPTIONS);

/** One instance's latency estimate and when it was last updated. */
export interface RttEstimate {
  rtt: number;
  updatedAt: Micros;
}

/**
 * Folds one observation into an estimate, as Tower's `RttEstimate::update` does. A sample above
 * the estimate replaces it at once (the "peak": slowness is believed immediately); a lower one
 * is blended in with weight `1 - exp(-elapsed / tau)`, so the estimate falls back gradually.
 * Reading the cost observes a sample of 0, which is how an idle instance's estimate decays.
 */
export function observeRtt(est: RttEstimate, rtt: number, now: Micros, decay: Micros): number {
  const elapsed = Math.max(0, now - est.updatedAt);
  if (est.rtt < rtt) {
    est.rtt = rtt;
  } else {
    const w = Math.exp(-elapsed / decay);
    est.rtt = est.rtt * w + rtt * (1 - w);
  }
  est.updatedAt = Math.max(est.updatedAt, now);
  return est.rtt;
}

/**
 * Peak-EWMA with power of two choices: draw two distinct usable instances and send to the one
 * with the lower cost `rtt_estimate * (active + 1)`, the first on ties (Tower's p2c). The
 * estimate is a peak-sensitive EWMA of observed latencies, failures included, decaying with
 * time constant `decay`. A slow instance is avoided from its first slow response on and
 * forgiven over a few time constants. As in Tower, an instance that stops answering sees its
 * estimate decay while its requests are pending, until their timeouts land as a peak; Finagle
 * adds a penalty for that case and we, like Tower and Linkerd, do not.
 */
export function createPeakEwma(options: Partial<PeakEwmaOptions> | undefined, rng: Rng): Strategy {
  const opts = readStrategyOptions("peak-ewma", options, PEAK_EWMA_OPTIONS);
  const active = new ActiveCounts();
  const estimates = new Map<string, RttEstimate>();
  const estimate = (id: string, now: Micros): RttEstimate => {
    let e = estimates.get(id);
    if (e === undefined) {
      e = { rtt: opts.defaultRtt, updatedAt: now };
      estimates.set(id, e);
    }
    return e;
  };
  const cost = (inst: Instance, now: Micros): number =>
    observeRtt(estimate(inst.id, now), 0, now, opts.decay) * (active.get(inst.id) + 1);
  return {
    name: "peak-ewma",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const n = countUsable(instances, active, req);
      if (n <= 1) return nthUsable(instances, active, req, 0);
      const i = rng.int(n);
      let j = rng.int(n - 1);
      if (j >= i) j++;
      const a = nthUsable(instances, active, req, i)!;
      const b = nthUsable(instances, active, req, j)!;
      return cost(a, req.now) <= cost(b, req.now) ? a : b;
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, outcome: Outcome): void {
      active.end(id);
      observeRtt(estimate(id, outcome.now - outcome.latency), outcome.latency, outcome.now, opts.decay);
    },
  };
}
