import type { Message, ProcessFactory, Runtime } from "../../../node/runtime-api";
import { MS } from "../../../core/time";
import { checkKeys } from "../../../options/option-values";
import { readOptions } from "../../../options/option-table";
import {
  TCC_MSG, isFinal, type BranchRecord, type BranchRegisterBody, type BranchRegisterReply, type GlobalBeginBody,
  type GlobalBeginReply, type GlobalEndBody, type GlobalEndReply, type GlobalStatus, type PhaseTwoReply,
} from "./tcc-messages";
import { SEATA_TCC_SERVER_OPTIONS, type SeataTccServerOptions } from "./tcc-options";
import { TCC_EVENTS } from "./tcc-events";

/** A global session as the TC stores it (Seata's global_table and branch_table rows). */
interface GlobalSession {
  xid: string;
  /** The business transaction (the order's id) the TM began it for. */
  txn: string;
  status: GlobalStatus;
  /** When it began, on the TC's clock. */
  beginTime: number;
  timeoutMills: number;
  /** Branches that phase two has not finished yet, in registration order. */
  branches: BranchRecord[];
}

/** What the state panel shows of the TC. */
interface TcState {
  open: Record<string, { status: GlobalStatus; branches: number }>;
  committed: number;
  rollbacked: number;
}

/**
 * Seata's transaction coordinator (TC, the Seata server) as it drives TCC branches: it begins global transactions, registers
 * branches, stores the TM's decision, and drives phase two. Phase two calls each unfinished
 * branch's commitMethod (in registration order) or rollbackMethod (in reverse order), one at a
 * time; a branch that does not answer PhaseTwo_Committed / PhaseTwo_Rollbacked within
 * `transport.rpcTcRequestTimeout` stops the round, and the round is run again every
 * `server.recovery.committingRetryPeriod` / `rollbackingRetryPeriod` until every branch has answered (or the
 * retry timeout, by default none, runs out) [SEATA-CONF]. So a Confirm or Cancel whose answer was
 * lost is sent again: phase two is at least once, and only the participant can make it once.
 * A global transaction still in Begin after its timeout is rolled back by the TC itself.
 * Sessions are kept in the TC's store (store.mode=db): a restarted TC resumes phase two.
 *
 * Departure: for TCC, Seata's TC runs the first round of phase two before it answers the TM's
 * commit; this one answers as soon as the decision is stored and runs phase two after, so the
 * TM's latency is phase one plus the decision, and phase two's length is in `tcc-global`.
 *
 * History: `tcc-global` {txn, status, reason}, `tcc-phase-two-sent` {txn, branch, resource,
 * phase, attempt}.
 */
export const seataTccServer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `seata-tcc-server ${rt.address}`;
  checkKeys(config ?? {}, Object.keys(SEATA_TCC_SERVER_OPTIONS), where);
  const o = readOptions(SEATA_TCC_SERVER_OPTIONS, config ?? {}, where);
  return new TransactionCoordinator(rt, o);
};

class TransactionCoordinator {
  /** Global transactions whose phase-two round is running now, so that two never overlap. */
  private readonly running = new Set<string>();

  constructor(private readonly rt: Runtime, private readonly o: SeataTccServerOptions) {}

  start(): void {
    this.publishAll();
    for (const xid of this.openXids()) {
      const g = this.read(xid)!;
      if (g.status !== "Begin") void this.round(xid);
    }
    this.rt.setTimer(this.o["server.recovery.timeoutRetryPeriod"] * MS, () => this.scanTimeouts(), "timeout-check");
  }

  request(req: Message): unknown {
    switch (req.type) {
      case TCC_MSG.globalBegin: return this.begin(req.body as GlobalBeginBody);
      case TCC_MSG.branchRegister: return this.register(req.body as BranchRegisterBody);
      case TCC_MSG.globalCommit: return this.end((req.body as GlobalEndBody).xid, "commit");
      case TCC_MSG.globalRollback: return this.end((req.body as GlobalEndBody).xid, "rollback");
      default: throw new Error(`seata-tcc-server ${this.rt.address} does not serve "${req.type}"`);
    }
  }

  private read(xid: string): GlobalSession | undefined {
    return this.rt.disk.read<GlobalSession & Record<string, never>>(`global/${xid}`) as GlobalSession | undefined;
  }

  private openXids(): string[] {
    return this.rt.disk.keys("open/").map((k) => k.slice("open/".length));
  }

  /** Writes a session to the store and waits until it is durable. */
  private async store(g: GlobalSession): Promise<void> {
    this.rt.disk.write(`global/${g.xid}`, g as unknown as Record<string, never>);
    if (isFinal(g.status)) this.rt.disk.delete(`open/${g.xid}`);
    else this.rt.disk.write(`open/${g.xid}`, true);
    await this.rt.sleep(this.o.storeLatency);
    this.rt.disk.sync();
    this.publish(g);
  }

  private setStatus(g: GlobalSession, status: GlobalStatus, reason: string): void {
    g.status = status;
    this.rt.record(TCC_EVENTS.global, { txn: g.txn, xid: g.xid, status, reason });
  }

  private async begin(body: GlobalBeginBody): Promise<GlobalBeginReply> {
    const n = (this.rt.disk.read<number>("next-xid") ?? 0) + 1;
    this.rt.disk.write("next-xid", n);
    const g: GlobalSession = { xid: `${this.rt.node}:${n}`, txn: body.txn, status: "Begin", beginTime: this.rt.now(), timeoutMills: body.timeoutMills, branches: [] };
    this.setStatus(g, "Begin", "the TM began it");
    await this.store(g);
    return { xid: g.xid };
  }

  private async register(body: BranchRegisterBody): Promise<BranchRegisterReply> {
    const g = this.read(body.xid);
    if (!g || g.status !== "Begin") throw new Error(`Could not register branch into global session xid = ${body.xid} status = ${g?.status ?? "Finished"}`);
    const n = (this.rt.disk.read<number>("next-branch") ?? 0) + 1;
    this.rt.disk.write("next-branch", n);
    g.branches.push({ branchId: n, resourceId: body.resourceId, context: { ...body.context, xid: g.xid, branchId: n } });
    await this.store(g);
    return { branchId: n };
  }

  /** The TM's commit or rollback: stores the decision, answers, and drives phase two. */
  private async end(xid: string, decision: "commit" | "rollback"): Promise<GlobalEndReply> {
    const g = this.read(xid);
    if (!g) return { status: "Rollbacked" };
    if (g.status !== "Begin") return { status: g.status };
    this.setStatus(g, decision === "commit" ? "Committing" : "Rollbacking", `the TM's global ${decision}`);
    await this.store(g);
    void this.round(xid);
    return { status: g.status };
  }

  private scanTimeouts(): void {
    for (const xid of this.openXids()) {
      const g = this.read(xid)!;
      if (g.status !== "Begin" || this.rt.now() - g.beginTime <= g.timeoutMills * MS) continue;
      this.setStatus(g, "TimeoutRollbacking", `still Begin after timeoutMills ${g.timeoutMills}`);
      void this.store(g).then(() => this.round(xid));
    }
    this.rt.setTimer(this.o["server.recovery.timeoutRetryPeriod"] * MS, () => this.scanTimeouts(), "timeout-check");
  }

  /**
   * One round of phase two: each unfinished branch in turn, stopping at the first that fails;
   * when branches remain, the next round comes after the retry period.
   */
  private async round(xid: string): Promise<void> {
    if (this.running.has(xid)) return;
    this.running.add(xid);
    try {
      const g = this.read(xid);
      if (!g || isFinal(g.status) || g.status === "Begin") return;
      const commit = g.status === "Committing" || g.status === "CommitRetrying";
      const order = commit ? [...g.branches] : [...g.branches].reverse();
      for (const b of order) {
        if (!(await this.phaseTwo(g, b, commit))) break;
        g.branches = g.branches.filter((x) => x.branchId !== b.branchId);
        await this.store(g);
      }
      if (g.branches.length === 0) {
        this.setStatus(g, commit ? "Committed" : "Rollbacked", "every branch finished phase two");
        await this.store(g);
        return;
      }
      const max = commit ? this.o["server.maxCommitRetryTimeout"] : this.o["server.maxRollbackRetryTimeout"];
      if (max >= 0 && this.rt.now() - g.beginTime > max * MS) {
        this.rt.record(TCC_EVENTS.global, { txn: g.txn, xid, status: g.status, reason: "retry timeout: phase two given up", gaveUp: true });
        return;
      }
      const retrying: GlobalStatus = commit ? "CommitRetrying" : "RollbackRetrying";
      if (g.status !== retrying) {
        this.setStatus(g, retrying, "a branch did not finish phase two");
        await this.store(g);
      }
      this.rt.setTimer((commit ? this.o["server.recovery.committingRetryPeriod"] : this.o["server.recovery.rollbackingRetryPeriod"]) * MS, () => void this.round(xid), "phase-two-retry");
    } finally {
      this.running.delete(xid);
    }
  }

  private attempts = new Map<string, number>();

  /** Sends one branch its phase-two request; true when it answered that phase two is done. */
  private async phaseTwo(g: GlobalSession, b: BranchRecord, commit: boolean): Promise<boolean> {
    const key = `${g.xid}/${b.branchId}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    this.rt.record(TCC_EVENTS.phaseTwoSent, { txn: g.txn, xid: g.xid, branch: b.branchId, resource: b.resourceId, phase: commit ? "confirm" : "cancel", attempt });
    try {
      const reply = await this.rt.call<PhaseTwoReply>(b.resourceId, commit ? TCC_MSG.branchCommit : TCC_MSG.branchRollback, b.context, { timeout: this.o["transport.rpcTcRequestTimeout"] * MS });
      return reply.status === (commit ? "PhaseTwo_Committed" : "PhaseTwo_Rollbacked");
    } catch {
      return false;
    }
  }

  private publish(g: GlobalSession): void {
    this.rt.publish<TcState>((s) => {
      s.open ??= {};
      if (isFinal(g.status)) {
        delete s.open[g.xid];
        if (g.status === "Committed") s.committed = (s.committed ?? 0) + 1;
        else s.rollbacked = (s.rollbacked ?? 0) + 1;
      } else {
        s.open[g.xid] = { status: g.status, branches: g.branches.length };
      }
    });
  }

  private publishAll(): void {
    this.rt.publish<TcState>((s) => {
      s.open = {};
      s.committed = 0;
      s.rollbacked = 0;
      for (const xid of this.openXids()) {
        const g = this.read(xid)!;
        s.open[xid] = { status: g.status, branches: g.branches.length };
      }
    });
  }
}
