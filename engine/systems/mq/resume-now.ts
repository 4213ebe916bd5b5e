/**
 * The kernel lets promise continuations run before the next event only after a handler or a
 * timer callback that returned a promise (a plain one is the fast path). Code that resolves its
 * own promises from a plain callback (a signal, a flusher, a join barrier, a slot) or starts
 * async work there returns `resumeNow()`, so that what it released runs now, at this virtual time,
 * and not later, at whatever event happens to drain next. (Named apart from the kernel's
 * `channelDrain` in engine/core/drain.ts: that is the host-side wait; this asks for it.)
 */
export function resumeNow(): Promise<void> {
  return Promise.resolve();
}

/** Wraps a timer callback so that it returns `resumeNow()`. */
export function resumingNow(fn: () => unknown): () => Promise<void> {
  return () => {
    fn();
    return Promise.resolve();
  };
}
