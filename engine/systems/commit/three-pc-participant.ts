import type { Message, ProcessFactory, Runtime } from "../../node/runtime-api";
import { participantOptions, type ParticipantOptions } from "./commit-options";
import { CooperativeTermination } from "./cooperative-termination";
import { MSG, type DecisionBody, type Knowledge, type StateBody, type StateRequestBody, type TxnBody } from "./messages";
import { ParticipantBase, type ParticipantTxn } from "./participant-base";
import { ElectionTermination } from "./three-pc-termination";
import type { Vote } from "./vote-policy";

/**
 * A 3PC participant (Skeen; BHG ch. 7). After a forced YES it is uncertain; PRE-COMMIT makes it
 * committable (it acknowledges); DO-COMMIT commits. Waiting too long in either state
 * (`decisionTimeout`, `commitTimeout`) starts the termination protocol with a newly elected
 * coordinator. After a restart, a YES without a decision makes it a recovering participant: it
 * may not join an election (it cannot know what it missed), so it asks the others until one
 * that has decided tells it.
 */
export class ThreePcParticipant extends ParticipantBase {
  private readonly election: ElectionTermination;
  private readonly recovery: CooperativeTermination;

  constructor(rt: Runtime, opts: ParticipantOptions, votes: unknown) {
    super(rt, opts, "3pc", { voteRequest: MSG.canCommit, commit: MSG.doCommit }, votes);
    this.election = new ElectionTermination(rt, opts, {
      learn: (t, outcome, via, then) => this.learn(t, outcome, via, undefined, then),
      makeCommittable: (t, from) => this.makeCommittable(t, from),
    });
    // A recovering participant is not blocked while someone alive is still terminating.
    const progressing = (_t: ParticipantTxn, answers: ReadonlyMap<string, Knowledge>) =>
      [...answers.values()].some((k) => k === "uncertain" || k === "committable" || k === "pending");
    this.recovery = new CooperativeTermination(rt, opts, { askPeers: true, mode: "recovery", progressing }, (t, f) => this.markBlocked(t, f));
  }

  /** 3PC here has no read-only optimisation: a read-only participant votes yes. */
  protected override adjustVote(v: Vote): Vote {
    return v === "read-only" ? "yes" : v;
  }

  /** A 3PC coordinator presumes nothing, so a forgotten abort could never be learned again. */
  protected override forcesAborts(): boolean {
    return true;
  }

  protected awaitDecision(t: ParticipantTxn): void {
    this.waitThenTerminate(t, this.opts.decisionTimeout, "pre-commit-timeout");
  }

  protected recoverUncertain(t: ParticipantTxn): void {
    t.phase = "recovering";
    this.becomeUncertain(t, true);
    this.recovery.begin(t);
  }

  protected inconclusive(t: ParticipantTxn, from: string, answer: Knowledge): void {
    this.recovery.answer(t, from, answer);
  }

  protected settled(t: ParticipantTxn): void {
    this.election.stop(t.txn);
    this.recovery.stop(t.txn);
  }

  protected other(msg: Message): void {
    const txn = (msg.body as TxnBody).txn;
    const t = this.txns.get(txn);
    switch (msg.type) {
      case MSG.preCommit: return this.onPreCommit(msg.from, t);
      case MSG.preCommitAck:
        if (t) this.election.onPreCommitAck(t, msg.from);
        return;
      case MSG.stateRequest: {
        const { round } = msg.body as StateRequestBody;
        const reply: StateBody = { txn, round, state: this.answer(txn, t) };
        this.rt.send(msg.from, MSG.state, reply);
        return;
      }
      case MSG.state:
        if (t && (t.phase === "uncertain" || t.phase === "committable") && !t.deciding) this.election.onState(t, msg.from, msg.body as StateBody);
        return;
      default:
        return; // acks of DO-COMMIT sent while elected: nothing is re-sent, so nothing to track
    }
  }

  private onPreCommit(from: string, t: ParticipantTxn | undefined): void {
    if (!t || t.deciding) return;
    switch (t.phase) {
      case "uncertain":
        this.makeCommittable(t, from);
        break;
      case "committable":
        this.election.stop(t.txn); // a (new) coordinator is driving: give it the full timeout
        this.waitThenTerminate(t, this.opts.commitTimeout, "do-commit-timeout");
        break;
      case "commit":
        break;
      case "abort": {
        // Terminated without the sender: refuse, so a coordinator still collecting acks aborts.
        const refusal: DecisionBody = { txn: t.txn, outcome: "abort" };
        this.rt.send(from, MSG.decision, refusal);
        return;
      }
      default:
        return; // working, preparing (no yes sent) or recovering (may not take part)
    }
    this.rt.send(from, MSG.preCommitAck, { txn: t.txn });
  }

  private makeCommittable(t: ParticipantTxn, from: string): void {
    t.phase = "committable";
    this.log.write("pre-commit", t.txn, from);
    this.rt.record("pre-commit", { txn: t.txn, role: "participant", from });
    // From another process it means a coordinator is driving; from ourselves, we are the leader.
    if (from !== this.rt.address) this.election.stop(t.txn);
    this.waitThenTerminate(t, this.opts.commitTimeout, "do-commit-timeout");
    this.publish(t);
  }

  private waitThenTerminate(t: ParticipantTxn, delay: number, label: string): void {
    this.stopTimer(t);
    t.timer = this.rt.setTimer(delay, () => {
      t.timer = null;
      if ((t.phase === "uncertain" || t.phase === "committable") && !t.deciding) this.election.begin(t);
    }, label);
  }
}

/** The 3PC participant as a process kind; `vote` is its vote policy (see `VotePolicySpec`). */
export const threePcParticipant: ProcessFactory<Record<string, unknown>> = (rt, config) =>
  new ThreePcParticipant(rt, participantOptions(config ?? {}, `3pc-participant ${rt.address} config`), config?.vote);
