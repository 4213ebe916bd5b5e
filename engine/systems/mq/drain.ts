/**
 * The kernel lets promise continuations run before the next event only after a handler or a
 * timer callback that returned a promise (a plain one is the fast path). Code that resolves its
 * own promises from a plain callback (a signal, a flusher, a join barrier, a slot) or starts
 * async work there returns `drain()`, so that what it released runs now, at this virtual time,
 * and not later, at whatever event happens to drain next.
 */
export function drain(): Promise<void> {
  return Promise.resolve();
}

/** Wraps a timer callback so that it returns `drain()`. */
export function draining(fn: () => unknown): () => Promise<void> {
  return () => {
    fn();
    return Promise.resolve();
  };
}
