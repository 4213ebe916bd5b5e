import type { Json } from "../../../core/json";
import type { Micros } from "../../../core/time";
import { MS } from "../../../core/time";
import type { Message, ProcessFactory, Runtime } from "../../../node/runtime-api";
import { checkKeys } from "../../../options/option-values";
import { readOptions } from "../../../options/option-table";
import { GlobalLockTable } from "./global-lock-table";
import { AT_MSG, atError, isFinal, isRollingBack } from "./at-messages";
import type { BranchStatus, GlobalStatus, PhaseTwoBody } from "./at-messages";
import { SEATA_SERVER_OPTIONS } from "./at-options";
import type { SeataServerOptions } from "./at-options";

/** A registered AT branch: which RM, which row. */
interface BranchSession {
  branchId: number;
  rm: string;
  resource: string;
}

/** A global transaction at the TC (Seata's global_table row with its branch_table rows). */
interface GlobalSession {
  xid: string;
  txn: string;
  status: GlobalStatus;
  began: Micros;
  timeoutUs: Micros;
  branches: BranchSession[];
}

/** What the TC publishes for the state panel. */
interface ServerPanel {
  sessions: Record<string, { txn: string; status: GlobalStatus; branches: number }>;
  locks: Record<string, string>;
}

/**
 * The Seata server, the transaction coordinator (TC) of AT mode [SEATA-AT]. It begins global
 * transactions (an xid each), registers branches and grants their global row locks
 * (GlobalLockTable; a row another global transaction holds is a LockConflict, which the RM
 * retries), answers lock queries (SELECT ... FOR UPDATE), and drives phase two:
 * - commit: the TC releases the global locks at once and answers Committed; phase two's
 *   branch commits (deleting undo logs) run asynchronously, every
 *   server.recovery.asynCommittingRetryPeriod;
 * - rollback: the TC asks each branch, last registered first, to compensate from its undo log;
 *   a branch that answers PhaseTwo_Rollbacked gets its locks released; one that cannot be
 *   reached or is busy (PhaseTwo_RollbackFailed_Retryable) makes the transaction
 *   RollbackRetrying, retried every server.recovery.rollbackingRetryPeriod, with the remaining
 *   locks held; one that found a dirty write (PhaseTwo_RollbackFailed_Unretryable) ends it as
 *   RollbackFailed: the TC stops, releases the locks, and leaves the data to a person.
 * A global transaction still in Begin past its timeout (client.tm.defaultGlobalTransactionTimeout,
 * checked every server.recovery.timeoutRetryPeriod) is rolled back as TimeoutRollbacking.
 * Sessions and locks are on the TC's disk (store.mode=file), so a restarted TC goes on.
 *
 * History: `seata-global` (xid, txn, status) at each status change; `lock.acquired` and
 * `lock.held` (global-lock) from the lock table.
 */
export const seataServer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `seata-server ${rt.address}`;
  checkKeys(config ?? {}, Object.keys(SEATA_SERVER_OPTIONS), where);
  return new SeataServer(rt, readOptions(SEATA_SERVER_OPTIONS, config ?? {}, where));
};

class SeataServer {
  private readonly sessions = new Map<string, GlobalSession>();
  private readonly finished = new Map<string, GlobalStatus>();
  private readonly busy = new Set<string>();
  private readonly locks: GlobalLockTable;
  private seq: number;

  constructor(private readonly rt: Runtime, private readonly o: SeataServerOptions) {
    this.locks = new GlobalLockTable(rt);
    this.seq = rt.disk.read<number>("seq") ?? 0;
    for (const k of rt.disk.keys("session/")) {
      const s = rt.disk.read(k) as unknown as GlobalSession;
      this.sessions.set(s.xid, s);
    }
    for (const k of rt.disk.keys("done/")) this.finished.set(k.slice("done/".length), rt.disk.read<string>(k) as GlobalStatus);
  }

  start(): void {
    this.publish();
    const every = (ms: number, label: string, fn: () => void) => {
      const tick = () => { fn(); this.rt.setTimer(ms * MS, tick, label); };
      this.rt.setTimer(ms * MS, tick, label);
    };
    every(this.o["server.recovery.timeoutRetryPeriod"], "timeout-check", () => this.timeoutCheck());
    every(this.o["server.recovery.rollbackingRetryPeriod"], "retry-rollbacking", () => {
      for (const s of [...this.sessions.values()]) if (isRollingBack(s.status)) void this.rollback(s);
    });
    every(this.o["server.recovery.asynCommittingRetryPeriod"], "async-committing", () => {
      for (const s of [...this.sessions.values()]) if (s.status === "AsyncCommitting") void this.asyncCommit(s);
    });
  }

  request(req: Message): unknown {
    const b = (req.body ?? {}) as Record<string, unknown>;
    switch (req.type) {
      case AT_MSG.globalBegin: return this.begin(String(b.txn), Number(b.timeout));
      case AT_MSG.branchRegister: return this.register(String(b.xid), String(b.resource), req.from);
      case AT_MSG.lockQuery: {
        const h = this.locks.holder(String(b.resource));
        const lockable = !h || h.xid === b.xid;
        return lockable ? { lockable } : { lockable, holderStatus: this.sessions.get(h.xid)?.status ?? "Begin" };
      }
      case AT_MSG.globalCommit: return this.commit(String(b.xid));
      case AT_MSG.globalRollback: return this.globalRollback(String(b.xid));
    }
    throw atError("UnknownXid", `the TC serves no ${req.type}`);
  }

  private begin(txn: string, timeoutMs: number) {
    const xid = `${this.rt.node}:8091:${++this.seq}`;
    this.rt.disk.write("seq", this.seq);
    const s: GlobalSession = { xid, txn, status: "Begin", began: this.rt.now(), timeoutUs: Math.max(1, timeoutMs) * MS, branches: [] };
    this.sessions.set(xid, s);
    this.save(s);
    return { xid };
  }

  private register(xid: string, resource: string, rm: string) {
    const s = this.sessions.get(xid);
    if (!s || s.status !== "Begin") throw atError("GlobalTransactionNotActive", `${xid} is ${s?.status ?? this.finished.get(xid) ?? "unknown"}: no branch may register`);
    const h = this.locks.holder(resource);
    if (h && h.xid !== xid) throw atError("LockConflict", `global lock on ${resource} is held by ${h.xid}`, this.sessions.get(h.xid)?.status ?? "Begin");
    const branchId = ++this.seq;
    this.rt.disk.write("seq", this.seq);
    this.locks.take(resource, xid, s.txn, branchId);
    s.branches.push({ branchId, rm, resource });
    this.save(s);
    return { branchId };
  }

  private commit(xid: string) {
    const s = this.sessions.get(xid);
    if (!s) return { status: this.finished.get(xid) ?? "Finished" };
    if (s.status !== "Begin") return { status: s.status };
    // AT: phase one has committed every branch locally; the global commit is the status
    // change and the lock release. The undo logs are deleted later, asynchronously.
    // The branches hear of it at the next pass of the async-committing timer.
    this.setStatus(s, "AsyncCommitting");
    this.locks.release(xid);
    return { status: "Committed" };
  }

  private async globalRollback(xid: string) {
    const s = this.sessions.get(xid);
    if (!s) return { status: this.finished.get(xid) ?? "Finished" };
    if (s.status === "Begin") this.setStatus(s, "Rollbacking");
    if (isRollingBack(s.status)) await this.rollback(s);
    return { status: this.sessions.get(xid)?.status ?? this.finished.get(xid)! };
  }

  private timeoutCheck(): void {
    const now = this.rt.now();
    for (const s of [...this.sessions.values()]) {
      if (s.status !== "Begin" || now - s.began <= s.timeoutUs) continue;
      this.setStatus(s, "TimeoutRollbacking");
      void this.rollback(s);
    }
  }

  /** One pass of phase two's rollback over a session's branches, last registered first. */
  private async rollback(s: GlobalSession): Promise<void> {
    if (this.busy.has(s.xid)) return;
    this.busy.add(s.xid);
    const timedOut = s.status.startsWith("Timeout");
    try {
      while (s.branches.length > 0) {
        const b = s.branches[s.branches.length - 1];
        let status: BranchStatus;
        try {
          const body: PhaseTwoBody = { xid: s.xid, branchId: b.branchId, resource: b.resource };
          status = (await this.rt.call<{ status: BranchStatus }>(b.rm, AT_MSG.branchRollback, body, { timeout: this.o["transport.rpcTcRequestTimeout"] * MS })).status;
        } catch {
          status = "PhaseTwo_RollbackFailed_Retryable";
        }
        if (status === "PhaseTwo_Rollbacked") {
          this.locks.release(s.xid, b.branchId);
          s.branches.pop();
          this.save(s);
          continue;
        }
        if (status === "PhaseTwo_RollbackFailed_Unretryable") {
          // Seata's endRollbackFailed: the session ends as RollbackFailed, its locks are
          // released, and the data waits for a person ("need to be handled it manually").
          this.locks.release(s.xid);
          this.end(s, timedOut ? "TimeoutRollbackFailed" : "RollbackFailed");
          return;
        }
        this.setStatus(s, timedOut ? "TimeoutRollbackRetrying" : "RollbackRetrying");
        return;
      }
      this.end(s, timedOut ? "TimeoutRollbacked" : "Rollbacked");
    } finally {
      this.busy.delete(s.xid);
    }
  }

  /** Phase two of a commit: each branch deletes its undo log; then the session ends. */
  private async asyncCommit(s: GlobalSession): Promise<void> {
    if (this.busy.has(s.xid)) return;
    this.busy.add(s.xid);
    try {
      while (s.branches.length > 0) {
        const b = s.branches[0];
        try {
          const body: PhaseTwoBody = { xid: s.xid, branchId: b.branchId, resource: b.resource };
          await this.rt.call(b.rm, AT_MSG.branchCommit, body, { timeout: this.o["transport.rpcTcRequestTimeout"] * MS });
        } catch {
          return; // the next pass retries
        }
        s.branches.shift();
        this.save(s);
      }
      this.end(s, "Committed");
    } finally {
      this.busy.delete(s.xid);
    }
  }

  private setStatus(s: GlobalSession, status: GlobalStatus): void {
    if (s.status === status) return;
    s.status = status;
    this.save(s);
    this.rt.record("seata-global", { xid: s.xid, txn: s.txn, status });
  }

  private end(s: GlobalSession, status: GlobalStatus): void {
    if (!isFinal(status)) throw new Error(`${status} is not a final status`);
    this.setStatus(s, status);
    this.sessions.delete(s.xid);
    this.finished.set(s.xid, status);
    this.rt.disk.delete(`session/${s.xid}`);
    this.rt.disk.write(`done/${s.xid}`, status);
    this.rt.disk.sync();
    this.publish();
  }

  private save(s: GlobalSession): void {
    this.rt.disk.write(`session/${s.xid}`, { ...s, branches: s.branches.map((b) => ({ ...b })) } as unknown as Json);
    this.rt.disk.sync();
    this.publish();
  }

  private publish(): void {
    this.rt.publish<ServerPanel>((p) => {
      p.sessions = {};
      for (const s of this.sessions.values()) p.sessions[s.xid] = { txn: s.txn, status: s.status, branches: s.branches.length };
      p.locks = {};
      for (const l of this.locks.all()) p.locks[l.resource] = l.xid;
    });
  }
}
