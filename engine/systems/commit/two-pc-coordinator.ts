import type { Message, ProcessFactory, Runtime } from "../../node/runtime-api";
import { coordinatorOptions, type CoordinatorOptions } from "./commit-options";
import { CoordinatorBase, type CoordinatorTxn } from "./coordinator-base";
import { MSG, type Knowledge } from "./messages";

/**
 * The 2PC coordinator (BHG ch. 7, with R*'s presumed abort by default). Phase one sends
 * VOTE-REQ and collects votes until `voteTimeout`; any NO or a timeout decides abort. When every
 * vote is YES or READ-ONLY it forces its COMMIT record, and only then sends COMMIT to the YES
 * voters (read-only ones have dropped out) and answers the client. If every participant is
 * read-only there is nothing to commit and nothing is logged.
 *
 * Presumed abort: an abort is not logged and not acknowledged; a question about a transaction
 * the coordinator has no record of is answered "abort", which is safe because a commit is always
 * forced before anyone hears of it. Presumed nothing: a forced "collecting" record names the
 * participants before the votes are asked for, so a coordinator that restarts without a decision
 * aborts those transactions and tells every participant, and every decision is acknowledged.
 */
export class TwoPcCoordinator extends CoordinatorBase {
  constructor(rt: Runtime, opts: CoordinatorOptions) {
    super(rt, opts, "2pc", MSG.voteRequest2pc, MSG.commit2pc);
  }

  protected allVoted(t: CoordinatorTxn): void {
    const yes = t.participants.filter((p) => t.votes.get(p) === "yes");
    if (yes.length === 0) {
      // Every participant is read-only: the transaction changed nothing, so no log and no phase two.
      this.stopTimer(t);
      this.announce(t, "commit", "read-only", [], false, true);
      return;
    }
    void this.decideCommit(t, "all-yes", yes);
  }

  /**
   * Presumed abort answers "abort" about an unknown transaction, and says so in the history: it
   * is this coordinator's decision from now on. Under presumed nothing an unknown transaction
   * never reached phase one (the collecting record would name it), so abort is as safe.
   */
  protected unknown(txn: string): Knowledge {
    if (!this.settled.has(txn)) {
      this.settled.set(txn, "abort");
      this.rt.record("decide", { txn, outcome: "abort", role: "coordinator", reason: "presumed" });
    }
    return "abort";
  }

  protected other(_msg: Message): void {
    // 2PC participants send the coordinator nothing else.
  }

  /** Presumed nothing: a collecting record without a decision is an abort, told to everyone. */
  protected recoverMore(): void {
    if (this.opts.presumption !== "nothing") return;
    for (const txn of this.log.txns("collecting")) {
      if (this.log.read("decision", txn) !== undefined) continue;
      const rec = this.log.read<{ participants: string[] }>("collecting", txn)!;
      const t = this.newTxn(txn, rec.participants);
      void this.decideAbort(t, "recovery");
    }
  }
}

/** The 2PC coordinator as a process kind. */
export const twoPcCoordinator: ProcessFactory<Record<string, unknown>> = (rt, config) =>
  new TwoPcCoordinator(rt, coordinatorOptions(config ?? {}, `2pc-coordinator ${rt.address} config`));
