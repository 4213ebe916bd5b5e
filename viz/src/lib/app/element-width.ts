/**
 * Tracks an element's content width with a ResizeObserver, which reports after layout. Unlike
 * reading `clientWidth` (what Svelte's `bind:clientWidth` does when it starts), it never forces
 * a synchronous layout, which on a page that has just received 100k events costs a visible
 * pause. Until the first report the width is `initial`, an estimate from the window's width.
 */
export function observeWidth(el: HTMLElement, set: (width: number) => void): () => void {
  const ro = new ResizeObserver((entries) => {
    for (const e of entries) set(Math.round(e.contentRect.width));
  });
  ro.observe(el);
  return () => ro.disconnect();
}

/** A first guess at a full-width block's width, read without forcing layout. */
export function estimatedWidth(margin = 30): number {
  return Math.max(320, (globalThis.innerWidth || 1200) - margin);
}
