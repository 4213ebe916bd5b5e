/**
 * Presenter mode: large type, the narration as captions, a pointer on the message being
 * explained. On when the address says `presenter=1`; toggling writes it into the address, so a
 * share link (built from the address) carries it.
 */
export const presenter = $state<{ on: boolean }>({
  on: typeof location !== "undefined" && new URLSearchParams(location.search).get("presenter") === "1",
});

/** Turns presenter mode on or off and keeps the address in step. */
export function setPresenter(on: boolean): void {
  presenter.on = on;
  if (typeof location === "undefined") return;
  const url = new URL(location.href);
  if (on) url.searchParams.set("presenter", "1");
  else url.searchParams.delete("presenter");
  history.replaceState(null, "", url.href);
}
