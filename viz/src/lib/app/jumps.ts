import type { AppState } from "./app-state.svelte";
import { clampView, followView } from "../layout/time-view";

/**
 * Jumps to the moment of the first violation, highlights the events that show it, and
 * widens the view if needed so that they are all in it.
 */
export function jumpToViolation(app: AppState): boolean {
  const v = app.a?.firstViolation();
  if (!v || !app.a) return false;
  app.playing = false;
  const b = app.a.bundle;
  const evidence = v.events.filter((s) => s >= 0 && s < b.count);
  app.highlight = new Set(evidence);
  app.setTime(v.t);
  const times = [v.t, ...evidence.map((s) => b.t[s])];
  const lo = Math.min(...times), hi = Math.max(...times);
  if (lo < app.view.t0 || hi > app.view.t1) {
    const margin = Math.max((hi - lo) * 0.1, (app.view.t1 - app.view.t0) * 0.05);
    app.view = clampView({ t0: Math.min(lo - margin, app.view.t0), t1: Math.max(hi + margin, app.view.t1) }, app.end);
  }
  return true;
}

/** Jumps to where the run diverges from the one before the last added fault. */
export function jumpToDivergence(app: AppState): boolean {
  const d = app.divergence;
  if (!d || !app.a) return false;
  app.playing = false;
  app.setSeq(Math.min(d.index, app.a.bundle.count - 1));
  app.highlight = new Set([d.index]);
  app.view = followView(app.view, app.cursorT, app.end);
  return true;
}

/** Jumps to the next (1) or previous (-1) teaching note. */
export function jumpToNote(app: AppState, dir: 1 | -1): boolean {
  const notes = (app.a?.bundle.result?.narration ?? []).filter((n) => n.at !== undefined).map((n) => n.at!).sort((x, y) => x - y);
  const t = dir > 0 ? notes.find((n) => n > app.cursorT) : [...notes].reverse().find((n) => n < app.cursorT);
  if (t === undefined) return false;
  app.playing = false;
  app.setTime(t);
  app.view = followView(app.view, app.cursorT, app.end);
  return true;
}
