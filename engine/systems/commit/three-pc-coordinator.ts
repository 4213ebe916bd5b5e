import type { Message, ProcessFactory, Runtime } from "../../node/runtime-api";
import { coordinatorOptions, type CoordinatorOptions } from "./commit-options";
import { CoordinatorBase, type CoordinatorTxn } from "./coordinator-base";
import { MSG, type DecisionBody, type Knowledge, type TxnBody } from "./messages";

/**
 * The 3PC coordinator (Skeen 1981; BHG ch. 7). CanCommit? collects votes as in 2PC; when every
 * vote is YES it sends PRE-COMMIT and waits for the acknowledgements. When they are all in, or
 * `ackTimeout` has passed (a participant that does not acknowledge is taken to have failed, and
 * will learn the outcome when it recovers), it forces COMMIT and sends DO-COMMIT.
 *
 * The extra round buys non-blocking termination under crash failures: no participant commits
 * before every live one is committable, so survivors can always finish alone. Its assumption is
 * that a silent process has crashed; a partition breaks it, which is the textbook's warning.
 *
 * Unlike 2PC's, this coordinator never presumes an outcome: the participants may have
 * terminated without it. Asked about a transaction it has no record of (after a restart), it
 * asks the participants and answers "pending" until one of them has told it.
 */
export class ThreePcCoordinator extends CoordinatorBase {
  constructor(rt: Runtime, opts: CoordinatorOptions) {
    super(rt, opts, "3pc", MSG.canCommit, MSG.doCommit);
  }

  protected allVoted(t: CoordinatorTxn): void {
    this.stopTimer(t);
    t.phase = "pre-committing";
    this.log.write("pre-commit", t.txn, true);
    this.rt.record("pre-commit", { txn: t.txn, role: "coordinator" });
    for (const p of t.participants) this.rt.send(p, MSG.preCommit, { txn: t.txn });
    t.timer = this.rt.setTimer(this.opts.ackTimeout, () => {
      t.timer = null;
      if (t.phase !== "pre-committing") return;
      const silent = t.participants.filter((p) => !t.preCommitted.has(p));
      this.rt.log(`no PRE-COMMIT ack from ${silent.join(", ")} for ${t.txn}: taken as failed, committing`, { txn: t.txn });
      void this.decideCommit(t, "ack-timeout", t.participants);
    }, "ack-timeout");
    this.publish(t);
  }

  protected other(msg: Message): void {
    const txn = (msg.body as TxnBody).txn;
    const t = this.txns.get(txn);
    if (msg.type === MSG.preCommitAck) {
      if (!t || t.phase !== "pre-committing" || !t.participants.includes(msg.from)) return;
      t.preCommitted.add(msg.from);
      if (t.preCommitted.size === t.participants.length) void this.decideCommit(t, "all-acked", t.participants);
      return;
    }
    if (msg.type === MSG.decision) {
      const { outcome } = msg.body as DecisionBody;
      if (outcome !== "commit" && outcome !== "abort") return;
      // A participant that has already aborted (it terminated without us) refuses PRE-COMMIT.
      if (t && t.phase === "pre-committing" && outcome === "abort") {
        void this.decideAbort(t, "participant-aborted");
        return;
      }
      if (!t && !this.settled.has(txn) && this.log.read("decision", txn) === undefined) this.settled.set(txn, outcome);
    }
  }

  protected unknown(txn: string, participants: readonly string[], from: "client" | "participant"): Knowledge {
    if (from === "participant") return "unknown";
    for (const p of participants) this.rt.send(p, MSG.decisionRequest, { txn });
    return "pending";
  }

  protected recoverMore(): void {
    // Undecided transactions are the participants' to terminate: nothing to do.
  }
}

/** The 3PC coordinator as a process kind. */
export const threePcCoordinator: ProcessFactory<Record<string, unknown>> = (rt, config) =>
  new ThreePcCoordinator(rt, coordinatorOptions(config ?? {}, `3pc-coordinator ${rt.address} config`));
