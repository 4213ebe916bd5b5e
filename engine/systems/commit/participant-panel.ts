import type { Runtime } from "../../node/runtime-api";
import type { Outcome } from "./vote-policy";
import type { ParticipantPhase, ParticipantTxn } from "./participant-txn";

/** The participant's published state, for the state panel. */
export interface ParticipantState {
  protocol: string;
  incarnation: number;
  committed: number;
  aborted: number;
  open: Record<string, ParticipantPhase>;
}

/**
 * A participant's view for the state panel: its unfinished transactions and its counts. It
 * publishes one transaction's change at a time, so the trace holds small patches, and
 * rebuilds everything only after a restart.
 */
export class ParticipantPanel {
  private readonly open = new Set<string>();
  private committed = 0;
  private aborted = 0;

  constructor(private readonly rt: Runtime, private readonly protocol: string, private readonly phase: (txn: string) => ParticipantPhase) {}

  /** A transaction the participant still has to decide. */
  opened(txn: string): void {
    this.open.add(txn);
  }

  /** A transaction with nothing left to do here: decided, or read-only. */
  closed(txn: string, outcome?: Outcome): void {
    this.open.delete(txn);
    if (outcome === "commit") this.committed++;
    else if (outcome === "abort") this.aborted++;
  }

  /** Publishes one transaction's change, or (without one) everything. */
  publish(t?: ParticipantTxn): void {
    this.rt.publish<ParticipantState>((s) => {
      if (!t) {
        s.protocol = this.protocol;
        s.incarnation = this.rt.incarnation;
        s.open = {};
        for (const txn of this.open) s.open[txn] = this.phase(txn);
      } else if (this.open.has(t.txn)) {
        s.open[t.txn] = t.phase;
      } else {
        delete s.open[t.txn];
      }
      s.committed = this.committed;
      s.aborted = this.aborted;
    });
  }
}
