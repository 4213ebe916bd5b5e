import type { Json } from "../../../../core/json";
import type { Micros } from "../../../../core/time";
import { SECOND } from "../../../../core/time";
import type { Message, ProcessFactory, Runtime } from "../../../../node/runtime-api";
import { participantOptions } from "../../../commit/commit-options";
import { MSG } from "../../../commit/messages";
import { TwoPcParticipant } from "../../../commit/two-pc-participant";
import type { Vote } from "../../../commit/vote-policy";
import { BUSINESS_READ } from "../business-reader";
import { BUSINESS_RECORD } from "../business-records";
import { BusinessStore } from "../business-store";
import { refusal } from "../place-order";
import type { BranchOp } from "../place-order";
import { RowLocks } from "../row-locks";
import { openBranchStore } from "../branch-store";

/** The kind's name. */
export const TWO_PC_BUSINESS_PARTICIPANT = "2pc-business-participant";

/** A branch's part of one transaction while it is undecided. */
interface Pending {
  op: BranchOp;
  locked: boolean;
  since: Micros;
  vote: Vote | null;
}

/**
 * Wraps a runtime so that every history record also goes to `hook`: the participant's own
 * decisions (`decide`) are where the business effect is applied or dropped.
 */
function tapRecords(rt: Runtime, hook: { fn: (event: string, fields: Record<string, Json> | undefined) => void }): Runtime {
  return new Proxy(rt, {
    get(target, p) {
      if (p === "record") return (event: string, fields?: Record<string, Json>) => { target.record(event, fields); hook.fn(event, fields); };
      const v = Reflect.get(target, p, target) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * The place-order branch as a 2PC participant: the commit family's `TwoPcParticipant`,
 * unchanged, with a database under it, as an XA resource manager works. The work message
 * carries the branch's operation: the participant takes the row's lock at once (an UPDATE
 * inside an XA branch) and holds it until the decision — through the vote, the uncertain
 * period, and any blocking — because a prepared XA branch keeps its locks. At the vote request
 * it votes yes when it holds the lock and the business rule allows the change, no otherwise
 * (a refusal, or a lock it is still waiting for). The change becomes visible only when COMMIT
 * arrives; an abort drops it. So other transactions never read an undecided value, and the
 * price is the lock held across both phases (`lock.held`, kind row-lock).
 */
export class BusinessTwoPcParticipant extends TwoPcParticipant {
  private readonly pending = new Map<string, Pending>();
  private nextVote: Vote | null = null;
  private readonly locks: RowLocks;

  constructor(private readonly base: Runtime, config: Record<string, unknown>, private readonly store: BusinessStore, hook: { fn: (e: string, f: Record<string, Json> | undefined) => void }) {
    super(tapRecords(base, hook), participantOptions(config, `${TWO_PC_BUSINESS_PARTICIPANT} ${base.address} config`), undefined);
    this.locks = new RowLocks(base);
    // A prepared XA branch survives a crash with its locks: the operations it may have voted
    // yes for are on disk, and a restart takes their locks again before anything else runs.
    for (const k of base.disk.keys("xa/")) {
      const saved = base.disk.read(k) as unknown as { op: BranchOp; since: Micros };
      const txn = k.slice("xa/".length);
      this.pending.set(txn, { op: saved.op, locked: true, since: saved.since, vote: "yes" });
      void this.locks.acquire(saved.op.resource, txn, 50 * SECOND);
    }
    hook.fn = (event, fields) => {
      if (event === "decide") this.decided(String(fields?.txn), String(fields?.outcome));
      else if (event === "vote" && fields?.vote === "yes") this.prepared(String(fields.txn));
    };
  }

  override message(msg: Message): void {
    const body = msg.body as { txn: string; op?: BranchOp };
    if (msg.type === MSG.work && body.op && !this.pending.has(body.txn)) this.work(body.txn, body.op);
    if (msg.type === MSG.voteRequest2pc) {
      const p = this.pending.get(body.txn);
      this.nextVote = p ? (p.locked ? p.vote : "no") : null;
    }
    try {
      super.message(msg);
    } finally {
      this.nextVote = null;
    }
  }

  /** A reader's plain read: the committed row (an undecided change is not applied yet). */
  request(req: Message): unknown {
    if (req.type === BUSINESS_READ) return { value: this.store.read(String((req.body as { resource: string }).resource), null) };
    throw new Error(`${this.base.address} serves ${BUSINESS_READ} requests, not ${req.type}`);
  }

  protected override adjustVote(v: Vote): Vote {
    return this.nextVote ?? v;
  }

  private work(txn: string, op: BranchOp): void {
    const p: Pending = { op, locked: false, since: this.base.now(), vote: null };
    this.pending.set(txn, p);
    void this.locks.acquire(op.resource, txn, 50 * SECOND).then((ok) => {
      if (!ok || this.pending.get(txn) !== p) { if (ok) this.locks.release(op.resource, txn); return; }
      p.locked = true;
      p.since = this.base.now();
      this.base.record("lock.acquired", { resource: op.resource, txn, kind: "row-lock", durable: false });
      p.vote = refusal(op, this.store.get(op.resource)) === null ? "yes" : "no";
    });
  }

  /**
   * The participant has forced YES (XA PREPARE): from now on the branch survives a crash, so its
   * operation goes to disk. A branch not prepared yet is rolled back by a crash, as in XA.
   */
  private prepared(txn: string): void {
    const p = this.pending.get(txn);
    if (!p || !p.locked) return;
    this.base.disk.write(`xa/${txn}`, { op: { ...p.op }, since: p.since });
    this.base.disk.sync();
    this.base.record("lock.acquired", { resource: p.op.resource, txn, kind: "row-lock", durable: true });
  }

  private decided(txn: string, outcome: string): void {
    const p = this.pending.get(txn);
    if (!p) return;
    this.pending.delete(txn);
    if (!p.locked) return;
    this.base.disk.delete(`xa/${txn}`);
    if (outcome === "commit") this.store.write(p.op.resource, this.store.get(p.op.resource) + p.op.delta, txn);
    this.locks.release(p.op.resource, txn);
    this.base.record(BUSINESS_RECORD.lockHeld, { resource: p.op.resource, txn, from: p.since, to: this.base.now(), kind: "row-lock" });
  }
}

/** The kind: `service` (order, stock, payment; default the process name), the business data, and every 2PC participant option. */
export const twoPcBusinessParticipant: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const c = config ?? {};
  const where = `${TWO_PC_BUSINESS_PARTICIPANT} ${rt.address}`;
  const { store } = openBranchStore(rt, c, where);
  return new BusinessTwoPcParticipant(rt, c, store, { fn: () => {} });
};
