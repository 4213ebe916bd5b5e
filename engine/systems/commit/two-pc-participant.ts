import type { Message, ProcessFactory, Runtime } from "../../node/runtime-api";
import { participantOptions, type ParticipantOptions } from "./commit-options";
import { CooperativeTermination, coordinatorAnswered } from "./cooperative-termination";
import { MSG, type Knowledge } from "./messages";
import { ParticipantBase, type ParticipantTxn } from "./participant-base";

/**
 * A 2PC participant (BHG ch. 7). It votes as its policy says; a YES is forced to the log before
 * it is sent, and from then on the participant is uncertain: it may not decide alone. If the
 * decision does not come within `decisionTimeout` it runs the cooperative termination protocol.
 * After a restart, a YES without a decision makes it uncertain again and it asks at once; no
 * YES means the transaction is rolled back (presumed abort). Under presumed abort it forces and
 * acknowledges only commits; under presumed nothing, aborts too.
 */
export class TwoPcParticipant extends ParticipantBase {
  private readonly termination: CooperativeTermination;

  constructor(rt: Runtime, opts: ParticipantOptions, votes: unknown) {
    super(rt, opts, "2pc", { voteRequest: MSG.voteRequest2pc, commit: MSG.commit2pc }, votes);
    const rules = { askPeers: opts.termination === "cooperative", mode: opts.termination, progressing: coordinatorAnswered };
    this.termination = new CooperativeTermination(rt, opts, rules, (t, fields) => this.markBlocked(t, fields));
  }

  protected awaitDecision(t: ParticipantTxn): void {
    t.timer = this.rt.setTimer(this.opts.decisionTimeout, () => {
      t.timer = null;
      if (t.phase === "uncertain" && !t.deciding) this.termination.begin(t);
    }, "decision-timeout");
  }

  protected recoverUncertain(t: ParticipantTxn): void {
    t.phase = "uncertain";
    this.becomeUncertain(t, true);
    this.termination.begin(t);
  }

  protected inconclusive(t: ParticipantTxn, from: string, answer: Knowledge): void {
    this.termination.answer(t, from, answer);
  }

  protected settled(t: ParticipantTxn): void {
    this.termination.stop(t.txn);
  }

  protected other(_msg: Message): void {
    // Nothing else is addressed to a 2PC participant.
  }
}

/** The 2PC participant as a process kind; `vote` is its vote policy (see `VotePolicySpec`). */
export const twoPcParticipant: ProcessFactory<Record<string, unknown>> = (rt, config) =>
  new TwoPcParticipant(rt, participantOptions(config ?? {}, `2pc-participant ${rt.address} config`), config?.vote);
