/** The answers a coordinator gathered: from whom, and how many failed or never came. */
export interface QuorumResult<T> {
  ok: Array<{ from: string; value: T }>;
  failed: number;
}

/**
 * Waits for `need` successful answers among `calls` (one per replica), or until so many have
 * failed that `need` can no longer be reached. It resolves at the earliest of the two, which is
 * what a Dynamo coordinator does: it answers its client as soon as R (or W) replicas have, and
 * lets the rest finish on their own. `onLate` sees every answer that arrives after that moment
 * (read repair uses them).
 */
export function gatherQuorum<T>(calls: Array<{ from: string; answer: Promise<T> }>, need: number, onLate?: (from: string, value: T) => void): Promise<QuorumResult<T>> {
  return new Promise((resolve) => {
    const ok: QuorumResult<T>["ok"] = [];
    let failed = 0;
    let done = false;
    const settle = () => {
      if (done) return;
      if (ok.length >= need || ok.length + (calls.length - ok.length - failed) < need) {
        done = true;
        resolve({ ok: [...ok], failed });
      }
    };
    if (calls.length < need) {
      done = true;
      resolve({ ok: [], failed: 0 });
      return;
    }
    for (const c of calls) {
      c.answer.then(
        (value) => {
          if (done) onLate?.(c.from, value);
          else {
            ok.push({ from: c.from, value });
            settle();
          }
        },
        () => {
          if (!done) {
            failed++;
            settle();
          }
        },
      );
    }
  });
}
