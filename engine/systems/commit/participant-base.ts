import type { Message, Process, Runtime } from "../../node/runtime-api";
import { CommitLog } from "./commit-log";
import type { ParticipantOptions } from "./commit-options";
import { MSG, type DecisionBody, type Knowledge, type TxnBody, type VoteRequestBody, type WorkBody } from "./messages";
import { votePolicy, type Outcome, type Vote, type VotePolicy } from "./vote-policy";
import { ParticipantPanel } from "./participant-panel";
import type { ParticipantPhase, ParticipantTxn } from "./participant-txn";

export type { ParticipantPhase, ParticipantTxn } from "./participant-txn";

const UNDECIDED: ReadonlySet<ParticipantPhase> = new Set(["working", "preparing", "uncertain", "committable", "recovering"]);

/**
 * What 2PC and 3PC participants share: the client's work, the vote (YES forced before it is
 * sent), unilateral abort before voting, learning and forcing a decision, answering inquiries,
 * and reading the log back after a restart. The protocol classes add what an uncertain
 * participant does: 2PC's cooperative termination, 3PC's election of a new coordinator.
 */
export abstract class ParticipantBase implements Process {
  protected readonly txns = new Map<string, ParticipantTxn>();
  protected readonly log: CommitLog;
  private readonly vote: VotePolicy;
  private readonly panel: ParticipantPanel;

  constructor(
    protected readonly rt: Runtime,
    protected readonly opts: ParticipantOptions,
    protected readonly protocol: "2pc" | "3pc",
    private readonly names: { voteRequest: string; commit: string },
    votes: unknown,
  ) {
    this.log = new CommitLog(rt, opts.forceLatency);
    this.vote = votePolicy(votes, rt.random, `${protocol}-participant ${rt.address} config.vote`);
    this.panel = new ParticipantPanel(rt, protocol, (txn) => this.txns.get(txn)!.phase);
  }

  /** The participant voted yes and is now uncertain: start waiting for the decision. */
  protected abstract awaitDecision(t: ParticipantTxn): void;
  /** After a restart: a YES in the log without a decision. */
  protected abstract recoverUncertain(t: ParticipantTxn): void;
  /** An inquiry's answer that does not settle the transaction. */
  protected abstract inconclusive(t: ParticipantTxn, from: string, answer: Knowledge): void;
  /** The protocol's own messages. */
  protected abstract other(msg: Message): void;
  /** The transaction is settled: stop whatever was looking for the decision. */
  protected abstract settled(t: ParticipantTxn): void;
  /** A vote the protocol does not support becomes one it does (3PC has no read-only vote). */
  protected adjustVote(v: Vote): Vote {
    return v;
  }

  start(): void {
    this.publish(); // the panel's shape first: recovery below publishes transaction by transaction
    for (const txn of this.log.txns("yes")) {
      const yes = this.log.read<{ coordinator: string; participants: string[] }>("yes", txn)!;
      const t = this.create(txn, yes.coordinator, yes.participants, "recovering");
      const decided = this.log.read<Outcome>("decision", txn);
      if (decided !== undefined) {
        t.phase = decided;
        this.panel.closed(txn);
      } else if (this.opts.bug === "forget-vote") {
        this.abortAlone(t, "recovery"); // the bug: the logged YES is not treated as binding
      } else {
        this.recoverUncertain(t);
      }
    }
    for (const txn of this.log.txns("decision")) {
      if (this.txns.has(txn)) continue;
      const t = this.create(txn, "", [], this.log.read<Outcome>("decision", txn)!);
      this.panel.closed(t.txn);
    }
    this.publish();
  }

  message(msg: Message): void {
    const body = msg.body as TxnBody;
    const t = this.txns.get(body.txn);
    switch (msg.type) {
      case MSG.work: return this.onWork(msg.body as WorkBody);
      case this.names.voteRequest: return this.onVoteRequest(msg.body as VoteRequestBody, t);
      case this.names.commit: return this.onDecisionMessage(msg, t, "commit");
      case MSG.abort: return this.onDecisionMessage(msg, t, "abort");
      case MSG.decisionRequest: {
        const answer: DecisionBody = { txn: body.txn, outcome: this.answer(body.txn, t) };
        this.rt.send(msg.from, MSG.decision, answer);
        return;
      }
      case MSG.decision: {
        const { outcome } = msg.body as DecisionBody;
        if (!t || !UNDECIDED.has(t.phase) || t.deciding) return;
        if (outcome === "commit" || outcome === "abort") {
          if (outcome === "commit" && (t.phase === "working" || t.phase === "preparing")) return;
          this.learn(t, outcome, this.via(t, msg.from), undefined);
        } else {
          this.inconclusive(t, msg.from, outcome);
        }
        return;
      }
      default: return this.other(msg);
    }
  }

  protected create(txn: string, coordinator: string, participants: string[], phase: ParticipantPhase): ParticipantTxn {
    const t: ParticipantTxn = { txn, phase, coordinator, participants, deciding: null, timer: null, uncertainSince: null, blocked: false };
    this.txns.set(txn, t);
    this.panel.opened(txn);
    return t;
  }

  private onWork(w: WorkBody): void {
    if (this.txns.has(w.txn)) return;
    const t = this.create(w.txn, w.coordinator, w.participants, "working");
    t.timer = this.rt.setTimer(this.opts.voteRequestTimeout, () => {
      t.timer = null;
      if (t.phase === "working") this.abortAlone(t, "vote-request-timeout");
    }, "vote-request-timeout");
    this.publish(t);
  }

  private onVoteRequest(req: VoteRequestBody, t: ParticipantTxn | undefined): void {
    if (!t) {
      // No work for this transaction: it never arrived, or a crash rolled it back.
      t = this.create(req.txn, req.coordinator, req.participants, "working");
      this.castNo(t, "no-work");
      return;
    }
    t.coordinator = req.coordinator;
    t.participants = req.participants;
    switch (t.phase) {
      case "working": {
        this.stopTimer(t);
        const v = this.adjustVote(this.vote());
        if (v === "yes") void this.voteYes(t);
        else if (v === "no") this.castNo(t, "voted-no");
        else this.castReadOnly(t);
        return;
      }
      case "preparing": return; // the vote follows once YES is durable
      case "abort": return this.sendVote(t, "no");
      case "read-only": return this.sendVote(t, "read-only");
      default: return this.sendVote(t, "yes"); // our vote was lost: say it again
    }
  }

  /** Forces YES, then votes: from the vote on the participant may not decide alone. */
  private async voteYes(t: ParticipantTxn): Promise<void> {
    t.phase = "preparing";
    await this.log.force("yes", t.txn, { coordinator: t.coordinator, participants: t.participants });
    if (t.phase !== "preparing" || t.deciding) return; // aborted while the disk was busy: never vote
    t.phase = "uncertain";
    this.rt.record("vote", { txn: t.txn, vote: "yes" });
    this.becomeUncertain(t, false);
    this.sendVote(t, "yes");
    this.awaitDecision(t);
  }

  protected becomeUncertain(t: ParticipantTxn, recovery: boolean): void {
    t.uncertainSince = this.rt.now();
    t.blocked = false;
    this.rt.record("uncertain-start", { txn: t.txn, recovery });
    this.publish(t);
  }

  private castNo(t: ParticipantTxn, reason: string): void {
    this.rt.record("vote", { txn: t.txn, vote: "no", reason });
    this.abortAlone(t, reason);
    this.sendVote(t, "no");
  }

  private castReadOnly(t: ParticipantTxn): void {
    t.phase = "read-only";
    this.panel.closed(t.txn);
    this.rt.record("vote", { txn: t.txn, vote: "read-only" });
    this.sendVote(t, "read-only");
    this.publish(t);
  }

  private sendVote(t: ParticipantTxn, vote: Vote): void {
    if (t.coordinator) this.rt.send(t.coordinator, MSG.vote, { txn: t.txn, vote });
  }

  /** COMMIT/DO-COMMIT or ABORT from the coordinator (or a 3PC participant elected in its place). */
  private onDecisionMessage(msg: Message, t: ParticipantTxn | undefined, outcome: Outcome): void {
    const ackTo = outcome === "commit" || this.opts.presumption === "nothing" ? msg.from : undefined;
    if (!t) {
      if (ackTo) this.rt.send(ackTo, MSG.ack, { txn: (msg.body as TxnBody).txn });
      return;
    }
    if (t.phase === "commit" || t.phase === "abort") {
      if (t.phase !== outcome) this.rt.log(`${msg.from} says ${outcome} for ${t.txn}, which this participant ${t.phase}ed`, { txn: t.txn, conflict: true });
      if (ackTo) this.rt.send(ackTo, MSG.ack, { txn: t.txn, outcome: t.phase });
      return;
    }
    if (t.deciding) return; // the same decision is being forced; its ack follows
    if (outcome === "commit" && (t.phase === "working" || t.phase === "preparing" || t.phase === "read-only")) {
      this.rt.log(`${msg.from} says commit for ${t.txn}, for which this participant never voted yes`, { txn: t.txn, conflict: true });
      return;
    }
    if (t.phase === "read-only") return;
    this.learn(t, outcome, this.via(t, msg.from), ackTo);
  }

  /**
   * Learns the decision: a commit is forced (and so is an abort, where `forcesAborts`). `then`
   * runs once the decision is settled: at once, or when the force completes. (A callback, not an
   * awaited promise, so code after it runs in the same event when there is nothing to wait for.)
   */
  protected learn(t: ParticipantTxn, outcome: Outcome, via: string, ackTo: string | undefined, then?: () => void): void {
    if (!UNDECIDED.has(t.phase) || t.deciding) return;
    this.stopTimer(t);
    this.settled(t);
    const done = () => {
      this.settle(t, outcome, via);
      if (ackTo) this.rt.send(ackTo, MSG.ack, { txn: t.txn, outcome });
      then?.();
    };
    if (outcome === "commit" || this.forcesAborts()) {
      t.deciding = outcome;
      void this.log.force("decision", t.txn, outcome).then(done);
    } else {
      this.log.write("decision", t.txn, outcome);
      done();
    }
  }

  /**
   * Whether an abort after a YES vote is forced. Presumed abort need not (a coordinator that has
   * no record answers abort); presumed nothing does. 3PC overrides: its coordinator never
   * presumes, so a participant's own log is the only memory of an abort.
   */
  protected forcesAborts(): boolean {
    return this.opts.presumption === "nothing";
  }

  /** Aborts before voting yes (or forgetting it, in the bug zoo): nothing to force. */
  protected abortAlone(t: ParticipantTxn, reason: string): void {
    this.stopTimer(t);
    this.settled(t);
    this.log.write("decision", t.txn, "abort");
    this.settle(t, "abort", reason);
  }

  private settle(t: ParticipantTxn, outcome: Outcome, via: string): void {
    t.phase = outcome;
    t.deciding = null;
    this.panel.closed(t.txn, outcome);
    this.rt.record("decide", { txn: t.txn, outcome, role: "participant", via });
    if (t.uncertainSince !== null) {
      const uncertain = this.rt.now() - t.uncertainSince;
      this.rt.record("uncertain-end", { txn: t.txn, outcome, blocked: t.blocked, uncertain });
      this.rt.metrics.observe("commit.uncertain", uncertain);
      t.uncertainSince = null;
    }
    this.rt.metrics.count(`commit.participant.${outcome}`);
    this.publish(t);
  }

  /**
   * The answer to "what do you know about this transaction?". A participant that has not voted
   * aborts on the spot (BHG: it may, and then nobody can commit). One that holds no record after
   * a restart cannot tell a forgotten read-only vote from no vote, so it says it does not know.
   */
  protected answer(txn: string, t: ParticipantTxn | undefined): Knowledge {
    if (!t) {
      if (this.rt.incarnation > 0) return "unknown";
      this.abortAlone(this.create(txn, "", [], "working"), "termination");
      return "abort";
    }
    if (t.deciding) return t.deciding;
    switch (t.phase) {
      case "working":
      case "preparing":
        this.abortAlone(t, "termination");
        return "abort";
      case "read-only": return "unknown";
      default: return t.phase;
    }
  }

  /** Says how a decision arrived, for the history. */
  protected via(t: ParticipantTxn, from: string): string {
    return from === t.coordinator ? "coordinator" : "peer";
  }

  protected markBlocked(t: ParticipantTxn, fields: Record<string, number | string>): void {
    if (t.blocked) return;
    t.blocked = true;
    this.rt.record("blocked", { txn: t.txn, ...fields });
    this.rt.metrics.count("commit.blocked");
  }

  protected stopTimer(t: ParticipantTxn): void {
    if (t.timer) this.rt.clearTimer(t.timer);
    t.timer = null;
  }

  protected publish(t?: ParticipantTxn): void {
    this.panel.publish(t);
  }
}
