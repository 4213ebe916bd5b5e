import type { Micros } from "../../../core/time";
import type { Runtime, TimerId } from "../../../node/runtime-api";

/** A waiter for a row lock. */
interface Waiter {
  owner: string;
  grant: (ok: boolean) => void;
  timer: TimerId | null;
}

/**
 * A database's exclusive row locks (InnoDB's record locks, as an UPDATE or SELECT ... FOR UPDATE
 * takes them): one owner a row, waiters served first come first served, a wait that gives up
 * after `timeout` (innodb_lock_wait_timeout). Locks live in memory: a crash drops them with the
 * transactions that held them. Re-acquiring a row one already holds succeeds at once.
 */
export class RowLocks {
  private readonly holders = new Map<string, { owner: string; since: Micros }>();
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly rt: Runtime) {}

  /** Takes the row's lock for `owner`; resolves false when `timeout` passes first. */
  acquire(resource: string, owner: string, timeout: Micros): Promise<boolean> {
    const h = this.holders.get(resource);
    if (!h) {
      this.holders.set(resource, { owner, since: this.rt.now() });
      return Promise.resolve(true);
    }
    if (h.owner === owner) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const q = this.queues.get(resource) ?? this.queues.set(resource, []).get(resource)!;
      const w: Waiter = { owner, grant: resolve, timer: null };
      w.timer = this.rt.setTimer(timeout, () => {
        const i = q.indexOf(w);
        if (i >= 0) q.splice(i, 1);
        resolve(false);
      }, "lock-wait-timeout");
      q.push(w);
    });
  }

  /** Releases the row if `owner` holds it and hands it to the next waiter. Returns when it was taken. */
  release(resource: string, owner: string): Micros | null {
    const h = this.holders.get(resource);
    if (!h || h.owner !== owner) return null;
    this.holders.delete(resource);
    const next = this.queues.get(resource)?.shift();
    if (next) {
      if (next.timer) this.rt.clearTimer(next.timer);
      this.holders.set(resource, { owner: next.owner, since: this.rt.now() });
      next.grant(true);
    }
    return h.since;
  }

  /** Who holds the row, if anyone. */
  holder(resource: string): string | null {
    return this.holders.get(resource)?.owner ?? null;
  }
}
