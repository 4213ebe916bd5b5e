import type { Json } from "../../core/json";
import type { Message, Process, Runtime, TimerId } from "../../node/runtime-api";
import { CommitLog } from "./commit-log";
import type { CoordinatorOptions } from "./commit-options";
import { MSG, type ClientReplyBody, type ClientRequestBody, type DecisionBody, type Knowledge, type TxnBody, type VoteBody } from "./messages";
import type { Outcome, Vote } from "./vote-policy";

/** Where a transaction stands at its coordinator. */
export type CoordinatorPhase = "collecting" | "pre-committing" | "deciding" | Outcome;

/** A transaction the coordinator is running or has decided, in memory (lost on a crash). */
export interface CoordinatorTxn {
  txn: string;
  participants: string[];
  votes: Map<string, Vote>;
  phase: CoordinatorPhase;
  /** Clients waiting for the outcome. */
  waiters: Array<(outcome: Outcome) => void>;
  /** Participants that have not acknowledged the decision yet. */
  unacked: Set<string>;
  /** 3PC: participants that acknowledged PRE-COMMIT. */
  preCommitted: Set<string>;
  timer: TimerId | null;
  resend: TimerId | null;
}

/** The coordinator's published state, for the state panel. */
export interface CoordinatorState {
  protocol: string;
  incarnation: number;
  committed: number;
  aborted: number;
  active: Record<string, { phase: CoordinatorPhase; votes: Record<string, Vote> }>;
}

/**
 * What 2PC and 3PC coordinators share: the client's commit and status requests, collecting
 * votes with a timeout, forcing and announcing decisions, re-sending them until every
 * participant has acknowledged, and recovering unfinished decisions from the log. The protocol
 * classes add what happens once every vote is yes, and how an unknown transaction is answered.
 */
export abstract class CoordinatorBase implements Process {
  protected readonly txns = new Map<string, CoordinatorTxn>();
  protected readonly log: CommitLog;
  /** Outcomes known without a running transaction: presumed (2PC) or learned from participants (3PC). */
  protected readonly settled = new Map<string, Outcome>();
  /** Transactions not finished yet, for the state panel. */
  private readonly open = new Set<string>();
  private committed = 0;
  private aborted = 0;

  constructor(
    protected readonly rt: Runtime,
    protected readonly opts: CoordinatorOptions,
    protected readonly protocol: "2pc" | "3pc",
    protected readonly voteRequestType: string,
    protected readonly commitType: string,
  ) {
    this.log = new CommitLog(rt, opts.forceLatency);
  }

  /** Every participant voted and none voted no. */
  protected abstract allVoted(t: CoordinatorTxn): void;
  /** The answer about a transaction this coordinator has no record of. */
  protected abstract unknown(txn: string, participants: readonly string[], from: "client" | "participant"): Knowledge;
  /** Protocol messages beyond votes and acks. */
  protected abstract other(msg: Message): void;
  /** Recovery beyond re-sending logged decisions. */
  protected abstract recoverMore(): void;

  start(): void {
    this.publish();
    for (const txn of this.log.txns("decision")) {
      if (this.log.read("end", txn) !== undefined) continue;
      const rec = this.log.read<{ outcome: Outcome; participants: string[] }>("decision", txn)!;
      const t = this.newTxn(txn, rec.participants);
      t.phase = rec.outcome;
      t.unacked = new Set(rec.participants);
      this.rt.log(`recovered ${rec.outcome} of ${txn}: re-sending it`, { txn, outcome: rec.outcome });
      this.resendNow(t);
    }
    this.recoverMore();
    this.publish();
  }

  request(req: Message): unknown {
    const body = req.body as ClientRequestBody;
    if (req.type === MSG.commitTxn) return this.commitRequest(body);
    if (req.type === MSG.txnStatus) return { outcome: this.clientStatus(body) } satisfies ClientReplyBody;
    throw new Error(`${this.rt.address} serves "${MSG.commitTxn}" and "${MSG.txnStatus}" requests, not "${req.type}"`);
  }

  message(msg: Message): void {
    switch (msg.type) {
      case MSG.vote: return this.onVote(msg);
      case MSG.ack: return this.onAck(msg);
      case MSG.decisionRequest: {
        const txn = (msg.body as TxnBody).txn;
        const answer: DecisionBody = { txn, outcome: this.knowledge(txn, [], "participant") };
        this.rt.send(msg.from, MSG.decision, answer);
        return;
      }
      default: return this.other(msg);
    }
  }

  private commitRequest(body: ClientRequestBody): Promise<ClientReplyBody> | ClientReplyBody {
    const known = this.known(body.txn);
    if (known === "commit" || known === "abort") return { outcome: known };
    const t = this.txns.get(body.txn) ?? this.begin(body);
    return new Promise<ClientReplyBody>((resolve) => t.waiters.push((outcome) => resolve({ outcome })));
  }

  private clientStatus(body: ClientRequestBody): ClientReplyBody["outcome"] {
    const known = this.knowledge(body.txn, body.participants, "client");
    return known === "commit" || known === "abort" ? known : "pending";
  }

  /** What the coordinator's memory and log say about a transaction, if anything. */
  private known(txn: string): Knowledge | undefined {
    const t = this.txns.get(txn);
    if (t) return t.phase === "commit" || t.phase === "abort" ? t.phase : "pending";
    const rec = this.log.read<{ outcome: Outcome }>("decision", txn);
    return rec?.outcome ?? this.settled.get(txn);
  }

  /** What this coordinator can say about a transaction, when it is asked. */
  protected knowledge(txn: string, participants: readonly string[], from: "client" | "participant"): Knowledge {
    return this.known(txn) ?? this.unknown(txn, participants, from);
  }

  protected newTxn(txn: string, participants: string[]): CoordinatorTxn {
    const t: CoordinatorTxn = {
      txn, participants, votes: new Map(), phase: "collecting", waiters: [], unacked: new Set(),
      preCommitted: new Set(), timer: null, resend: null,
    };
    this.txns.set(txn, t);
    this.open.add(txn);
    return t;
  }

  private begin(body: ClientRequestBody): CoordinatorTxn {
    const participants = Array.isArray(body.participants) ? body.participants.filter((p) => typeof p === "string") : [];
    const t = this.newTxn(body.txn, participants);
    void this.askVotes(t);
    return t;
  }

  private async askVotes(t: CoordinatorTxn): Promise<void> {
    this.rt.record("begin", { txn: t.txn, participants: t.participants, protocol: this.protocol });
    if (this.opts.presumption === "nothing") await this.log.force("collecting", t.txn, { participants: t.participants });
    if (t.phase !== "collecting") return;
    for (const p of t.participants) this.rt.send(p, this.voteRequestType, { txn: t.txn, coordinator: this.rt.address, participants: t.participants });
    t.timer = this.rt.setTimer(this.opts.voteTimeout, () => {
      t.timer = null;
      if (t.phase === "collecting") void this.decideAbort(t, "vote-timeout");
    }, "vote-timeout");
    this.publish(t);
  }

  private onVote(msg: Message): void {
    const { txn, vote } = msg.body as VoteBody;
    const t = this.txns.get(txn);
    if (!t || t.phase !== "collecting" || !t.participants.includes(msg.from)) return;
    t.votes.set(msg.from, vote);
    this.publish(t);
    if (vote === "no") void this.decideAbort(t, "voted-no");
    else if (t.votes.size === t.participants.length) this.allVoted(t);
  }

  private onAck(msg: Message): void {
    const { txn, outcome } = msg.body as TxnBody;
    const t = this.txns.get(txn);
    if (!t || !t.unacked.delete(msg.from)) return;
    if (outcome !== undefined && outcome !== t.phase) {
      this.rt.log(`${msg.from} holds ${outcome} for ${txn}, which this coordinator decided ${t.phase}`, { txn, conflict: true });
    }
    if (t.unacked.size === 0) this.finish(t);
  }

  /** Decides commit: forces the decision, then announces it (the bug zoo reverses the two). */
  protected async decideCommit(t: CoordinatorTxn, reason: string, targets: string[]): Promise<void> {
    this.stopTimer(t);
    t.phase = "deciding";
    const rec = { outcome: "commit", participants: targets } as Json;
    if (this.opts.bug === "commit-before-durable") {
      this.log.write("decision", t.txn, rec);
      this.announce(t, "commit", reason, targets, true, false);
      await this.log.flush();
      this.resolveWaiters(t, "commit");
      return;
    }
    await this.log.force("decision", t.txn, rec);
    this.announce(t, "commit", reason, targets, true, true);
  }

  /** Decides abort; under presumed abort it is neither forced nor acknowledged. */
  protected async decideAbort(t: CoordinatorTxn, reason: string): Promise<void> {
    if (t.phase === "commit" || t.phase === "abort" || t.phase === "deciding") return;
    this.stopTimer(t);
    const targets = t.participants.filter((p) => t.votes.get(p) !== "no" && t.votes.get(p) !== "read-only");
    const forced = this.opts.presumption === "nothing";
    if (forced) {
      t.phase = "deciding";
      await this.log.force("decision", t.txn, { outcome: "abort", participants: targets });
    }
    this.announce(t, "abort", reason, targets, forced, true);
  }

  /** Records the decision, sends it, and waits for acks when the protocol wants them. */
  protected announce(t: CoordinatorTxn, outcome: Outcome, reason: string, targets: string[], acks: boolean, resolve: boolean): void {
    t.phase = outcome;
    this.rt.record("decide", { txn: t.txn, outcome, role: "coordinator", reason });
    if (outcome === "commit") this.committed++;
    else this.aborted++;
    this.rt.metrics.count(`commit.coordinator.${outcome}`);
    const type = outcome === "commit" ? this.commitType : MSG.abort;
    for (const p of targets) this.rt.send(p, type, { txn: t.txn });
    if (acks && targets.length > 0) {
      t.unacked = new Set(targets);
      this.armResend(t);
    } else {
      this.finish(t);
    }
    if (resolve) this.resolveWaiters(t, outcome);
    this.publish(t);
  }

  /**
   * Answers the clients waiting for this outcome. Their replies go out from promise callbacks,
   * which the run loop drains only after an event it knows is async; the zero-length sleep is
   * that event, so the replies leave now and not at some later event's drain.
   */
  private resolveWaiters(t: CoordinatorTxn, outcome: Outcome): void {
    if (t.waiters.length === 0) return;
    const waiters = t.waiters;
    t.waiters = [];
    for (const w of waiters) w(outcome);
    void this.rt.sleep(0);
  }

  private finish(t: CoordinatorTxn): void {
    if (t.resend) this.rt.clearTimer(t.resend);
    t.resend = null;
    if (this.log.read("decision", t.txn) !== undefined) this.log.write("end", t.txn, true);
    this.open.delete(t.txn);
    this.publish(t);
  }

  private armResend(t: CoordinatorTxn): void {
    t.resend = this.rt.setTimer(this.opts.resendInterval, () => this.resendNow(t), "resend-decision");
  }

  private resendNow(t: CoordinatorTxn): void {
    if (t.unacked.size === 0) return;
    const type = t.phase === "commit" ? this.commitType : MSG.abort;
    for (const p of [...t.unacked].sort()) this.rt.send(p, type, { txn: t.txn });
    this.armResend(t);
  }

  protected stopTimer(t: CoordinatorTxn): void {
    if (t.timer) this.rt.clearTimer(t.timer);
    t.timer = null;
  }

  /**
   * Publishes the state panel's view: with a transaction, only its entry changes (the trace then
   * holds one small patch); without, everything is rebuilt, as after a restart.
   */
  protected publish(t?: CoordinatorTxn): void {
    this.rt.publish<CoordinatorState>((s) => {
      if (!t) {
        s.protocol = this.protocol;
        s.incarnation = this.rt.incarnation;
        s.active = {};
        for (const txn of this.open) {
          const x = this.txns.get(txn)!;
          s.active[txn] = { phase: x.phase, votes: Object.fromEntries(x.votes) };
        }
      } else if (this.open.has(t.txn)) {
        s.active[t.txn] = { phase: t.phase, votes: Object.fromEntries(t.votes) };
      } else {
        delete s.active[t.txn];
      }
      s.committed = this.committed;
      s.aborted = this.aborted;
    });
  }
}
