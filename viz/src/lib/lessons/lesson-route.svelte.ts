/**
 * Which lesson page is open: `?lesson=ID` a lesson, `?lessons` the list; null id and `list`
 * false: no lesson page (the visualizer as it always was). Read once from the address; the
 * page changes it with `openLesson`, which keeps the address in step (so a link can be shared).
 */
export const lessonRoute = $state<{ id: string | null; list: boolean }>(readRoute(typeof location === "undefined" ? "" : location.search));

function readRoute(search: string): { id: string | null; list: boolean } {
  const p = new URLSearchParams(search);
  return { id: p.get("lesson"), list: p.has("lessons") };
}

/** Whether a lesson page (a lesson or the list) is showing. */
export function lessonPageOpen(): boolean {
  return lessonRoute.id !== null || lessonRoute.list;
}

/** Opens a lesson (or the list, with null) and writes it into the address. */
export function openLesson(id: string | null): void {
  lessonRoute.id = id;
  lessonRoute.list = id === null;
  const url = new URL(location.href);
  url.searchParams.delete("lesson");
  url.searchParams.delete("lessons");
  url.searchParams.delete("lib");
  if (id) url.searchParams.set("lesson", id);
  else url.searchParams.set("lessons", "");
  url.hash = "";
  history.replaceState(null, "", url.href);
}
