/**
 * A reactive copy of a value that follows it at most once per `ms` milliseconds: the first
 * change after a pause shows at once, a burst of changes (scrubbing, playing) shows every `ms`,
 * and the last value of a burst always shows. Panels of text that nobody reads at sixty frames
 * a second use it, so that scrubbing spends its frames on the diagram. Create it while a
 * component initialises (it owns an effect).
 */
export class Throttled<T> {
  value = $state.raw<T>() as T;
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(read: () => T, ms = 32) {
    this.value = read();
    $effect(() => {
      const v = read();
      const now = performance.now();
      clearTimeout(this.timer);
      if (now - this.last >= ms) {
        this.last = now;
        this.value = v;
      } else {
        this.timer = setTimeout(() => {
          this.last = performance.now();
          this.value = v;
        }, ms - (now - this.last));
      }
      return () => clearTimeout(this.timer);
    });
  }
}
