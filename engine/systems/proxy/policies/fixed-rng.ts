import type { Rng } from "../../../core/rng";

/**
 * An `Rng` that replays the given floats in [0, 1), in order, and then starts again. Tests use it
 * to pin a jitter draw to a known value (0 for the low end of a range, 0.999... for the high end);
 * a replay can use it to reproduce recorded draws. Every method derives from `next`, the same way
 * the engine's seeded streams do.
 */
export function fixedRng(values: readonly number[], name = "fixed"): Rng {
  if (values.length === 0 || values.some((v) => !(v >= 0 && v < 1))) {
    throw new RangeError(`fixedRng: give at least one value, each in [0, 1); got [${values.join(", ")}]`);
  }
  let i = 0;
  const next = (): number => {
    const v = values[i];
    i = (i + 1) % values.length;
    return v;
  };
  const rng: Rng = {
    name,
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + (hi - lo) * next(),
    chance: (p) => p > 0 && next() < p,
    exponential: (mean) => -Math.log(1 - next()) * mean,
    normal: (mean, sd) => {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    pick: (items) => items[Math.floor(next() * items.length)],
    shuffle: (items) => {
      const out = [...items];
      for (let k = out.length - 1; k > 0; k--) {
        const j = Math.floor(next() * (k + 1));
        [out[k], out[j]] = [out[j], out[k]];
      }
      return out;
    },
  };
  return rng;
}
