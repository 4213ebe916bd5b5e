/** The visible stretch of virtual time, in microseconds. */
export interface TimeView {
  t0: number;
  t1: number;
}

/** The narrowest window a user can zoom to: 50 µs. */
export const MIN_SPAN = 50;

/** Keeps a view inside [0, end] and at least `MIN_SPAN` wide, keeping its width when it can. */
export function clampView(v: TimeView, end: number): TimeView {
  const full = Math.max(end, MIN_SPAN);
  let span = Math.min(Math.max(v.t1 - v.t0, MIN_SPAN), full);
  let t0 = v.t0;
  if (!Number.isFinite(t0)) t0 = 0;
  if (t0 < 0) t0 = 0;
  if (t0 + span > full) t0 = full - span;
  if (!Number.isFinite(span)) span = full;
  return { t0, t1: t0 + span };
}

/** Zooms by `factor` (>1 zooms in) about the time `anchor`, which stays where it is on screen. */
export function zoomView(v: TimeView, factor: number, anchor: number, end: number): TimeView {
  const span = (v.t1 - v.t0) / factor;
  const ratio = v.t1 === v.t0 ? 0.5 : (anchor - v.t0) / (v.t1 - v.t0);
  return clampView({ t0: anchor - ratio * span, t1: anchor - ratio * span + span }, end);
}

/** Moves the view by `dt` microseconds. */
export function panView(v: TimeView, dt: number, end: number): TimeView {
  return clampView({ t0: v.t0 + dt, t1: v.t1 + dt }, end);
}

/** The view moved just enough to show time `t`, a page at a time, as a player follows its cursor. */
export function followView(v: TimeView, t: number, end: number): TimeView {
  const span = v.t1 - v.t0;
  if (t >= v.t0 && t <= v.t1) return v;
  if (t > v.t1) return clampView({ t0: t - span * 0.1, t1: t - span * 0.1 + span }, end);
  return clampView({ t0: t - span * 0.9, t1: t + span * 0.1 }, end);
}
