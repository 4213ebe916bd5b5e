import type { ScenarioSource } from "../../worker/protocol";
import type { AppState } from "./app-state.svelte";
import { parseSeed, parseSets } from "./inputs";
import { encodeShare, type ShareState } from "../../../../scenarios/share/share-link";
import { i18n } from "../i18n/i18n.svelte";

/** The share state of what is on screen now, or null for a trace file. */
export function shareState(app: AppState): ShareState | null {
  const src = app.source;
  if (!src) return null;
  const s: ShareState = {
    source: $state.snapshot(src) as ScenarioSource, faults: app.extraFaults, sets: app.sets,
    cursor: { t: app.cursorT, seq: app.cursorSeq },
  };
  const seed = parseSeed(app.seedText);
  if (seed !== undefined) s.seed = seed;
  if (app.mainView !== "spacetime") s.view = app.mainView;
  if (app.compareOn) {
    s.compare = { sets: parseSets(app.compare.sets) };
    const cs = parseSeed(app.compare.seed);
    if (cs !== undefined) s.compare.seed = cs;
  }
  return s;
}

/** The share link of what is on screen now, in the page's language (`lang` in the address). */
export async function shareLink(app: AppState, base: string): Promise<string | null> {
  const s = shareState(app);
  if (!s) return null;
  const url = new URL(base);
  url.searchParams.set("lang", i18n.lang);
  url.hash = "";
  return `${url.href}#${await encodeShare(s)}`;
}

/** Forgets a share link in the address bar once the page shows something else. */
export function forgetShareLink(): void {
  if (/(^#|&)(s|o)=/.test(location.hash)) history.replaceState(null, "", location.pathname + location.search);
}

/** Opens a decoded share link. */
export async function openShared(app: AppState, s: ShareState): Promise<void> {
  if (s.compare) {
    app.compareOn = true;
    app.compare = { seed: s.compare.seed !== undefined ? String(s.compare.seed) : "", sets: s.compare.sets.join("\n") };
  }
  if (s.view) app.mainView = s.view;
  await app.open(s.source, { seed: s.seed, faults: s.faults, sets: s.sets, cursor: s.cursor });
}
