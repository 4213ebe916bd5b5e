import type { Micros } from "../core/time";
import type { Rng } from "../core/rng";
import type { LatencySpec } from "./latency-spec";

/** Draws one latency from a distribution, rounded to a whole, non-negative microsecond. */
export type LatencySampler = (rng: Rng) => Micros;

/** Builds a sampler for a distribution, checking its parameters once. */
export function latencySampler(spec: LatencySpec): LatencySampler {
  switch (spec.dist) {
    case "constant": {
      const v = clamp(spec.value);
      return () => v;
    }
    case "uniform": {
      const { min, max } = spec;
      if (!(max >= min)) throw new RangeError(`uniform latency: max (${max}) must be at least min (${min})`);
      return (rng) => clamp(min + (max - min) * rng.next());
    }
    case "normal": {
      const { mean, sd } = spec;
      return (rng) => clamp(rng.normal(mean, sd));
    }
    case "lognormal": {
      if (!(spec.median > 0)) throw new RangeError(`lognormal latency: median must be positive, got ${spec.median}`);
      const mu = Math.log(spec.median), sigma = spec.sigma;
      return (rng) => clamp(Math.exp(rng.normal(mu, sigma)));
    }
    case "exponential": {
      const mean = spec.mean;
      return (rng) => clamp(rng.exponential(mean));
    }
    case "pareto": {
      const { scale, shape } = spec;
      if (!(shape > 0)) throw new RangeError(`pareto latency: shape must be positive, got ${shape}`);
      // Inverse transform: scale / U^(1/shape), with U in (0, 1].
      return (rng) => clamp(scale / Math.pow(1 - rng.next(), 1 / shape));
    }
    case "table":
      return tableSampler(spec.points);
  }
}

/** The mean of a distribution where it has one in closed form (for tests and reports). */
export function latencyMean(spec: LatencySpec): number {
  switch (spec.dist) {
    case "constant": return spec.value;
    case "uniform": return (spec.min + spec.max) / 2;
    case "normal": return spec.mean;
    case "lognormal": return spec.median * Math.exp((spec.sigma * spec.sigma) / 2);
    case "exponential": return spec.mean;
    case "pareto": return spec.shape > 1 ? (spec.shape * spec.scale) / (spec.shape - 1) : Infinity;
    case "table": {
      let sum = 0;
      const pts = spec.points;
      for (let i = 1; i < pts.length; i++) sum += ((pts[i][0] - pts[i - 1][0]) / 100) * ((pts[i][1] + pts[i - 1][1]) / 2);
      return sum;
    }
  }
}

function tableSampler(points: Array<[number, Micros]>): LatencySampler {
  if (points.length < 2) throw new RangeError("table latency: give at least two [percentile, value] points");
  const pts = points.slice().sort((a, b) => a[0] - b[0]);
  if (pts[0][0] !== 0 || pts[pts.length - 1][0] !== 100) {
    throw new RangeError("table latency: the points must start at percentile 0 and end at percentile 100");
  }
  for (let i = 1; i < pts.length; i++) {
    if (pts[i][1] < pts[i - 1][1]) throw new RangeError("table latency: values must not decrease as percentiles grow");
  }
  return (rng) => {
    const p = rng.next() * 100;
    let i = 1;
    while (i < pts.length - 1 && pts[i][0] < p) i++;
    const [p0, v0] = pts[i - 1], [p1, v1] = pts[i];
    const f = p1 === p0 ? 0 : (p - p0) / (p1 - p0);
    return clamp(v0 + f * (v1 - v0));
  };
}

function clamp(v: number): Micros {
  return v > 0 ? Math.round(v) : 0;
}
