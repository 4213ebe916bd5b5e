import type { Runtime, TimerId } from "../../node/runtime-api";
import type { ParticipantOptions } from "./commit-options";
import { MSG, type Knowledge } from "./messages";
import type { ParticipantTxn } from "./participant-base";

/** One uncertain transaction's search for its decision. */
interface Search {
  round: number;
  answers: Map<string, Knowledge>;
  timer: TimerId | null;
}

/** How a search asks and when it counts as blocked. */
export interface SearchRules {
  /** Ask every other participant too, not only the coordinator. */
  askPeers: boolean;
  /** Recorded in `termination-start`: `cooperative`, `coordinator-only`, `recovery`. */
  mode: string;
  /** Whether a round's answers show someone alive who will decide, so waiting is not blocking. */
  progressing(t: ParticipantTxn, answers: ReadonlyMap<string, Knowledge>): boolean;
}

/** 2PC's rule: a coordinator that answers (it is still deciding) will decide. */
export const coordinatorAnswered = (t: ParticipantTxn, answers: ReadonlyMap<string, Knowledge>): boolean => answers.has(t.coordinator);

/**
 * BHG's cooperative termination protocol for 2PC, run by an uncertain participant. Each round
 * asks the coordinator and (with `askPeers`) every other participant for the decision, and waits
 * `terminationTimeout` for answers. A decided process answers with the decision, which ends the
 * search (the participant learns it through its `decision` handler); one that has not voted
 * aborts and answers abort. If no answer shows anyone alive who will decide, nobody reachable
 * can: the participant is blocked, and it keeps asking every `terminationInterval` until somebody
 * can. A recovering 3PC participant runs the same search with its own rule for blocking.
 */
export class CooperativeTermination {
  private readonly searches = new Map<string, Search>();

  constructor(
    private readonly rt: Runtime,
    private readonly opts: Pick<ParticipantOptions, "terminationTimeout" | "terminationInterval">,
    private readonly rules: SearchRules,
    private readonly onBlocked: (t: ParticipantTxn, fields: Record<string, number | string>) => void,
  ) {}

  /** Starts searching for the decision of an uncertain transaction. */
  begin(t: ParticipantTxn): void {
    if (this.searches.has(t.txn)) return;
    const s: Search = { round: 0, answers: new Map(), timer: null };
    this.searches.set(t.txn, s);
    this.rt.record("termination-start", { txn: t.txn, mode: this.rules.mode });
    this.round(t, s);
  }

  /** An answer that does not decide (uncertain, pending, unknown...). */
  answer(t: ParticipantTxn, from: string, k: Knowledge): void {
    this.searches.get(t.txn)?.answers.set(from, k);
  }

  /** The transaction is decided: stop asking. */
  stop(txn: string): void {
    const s = this.searches.get(txn);
    if (!s) return;
    if (s.timer) this.rt.clearTimer(s.timer);
    this.searches.delete(txn);
  }

  private asked(t: ParticipantTxn): string[] {
    const peers = this.rules.askPeers ? t.participants.filter((p) => p !== this.rt.address) : [];
    return t.coordinator ? [t.coordinator, ...peers] : peers;
  }

  private round(t: ParticipantTxn, s: Search): void {
    s.round++;
    s.answers = new Map();
    for (const to of this.asked(t)) this.rt.send(to, MSG.decisionRequest, { txn: t.txn });
    s.timer = this.rt.setTimer(this.opts.terminationTimeout, () => this.conclude(t, s), "termination-round");
  }

  private conclude(t: ParticipantTxn, s: Search): void {
    s.timer = null;
    if (this.searches.get(t.txn) !== s) return;
    if (!this.rules.progressing(t, s.answers)) {
      const uncertain = [...s.answers.values()].filter((k) => k === "uncertain").length;
      this.onBlocked(t, { round: s.round, asked: this.asked(t).length, answered: s.answers.size, uncertain });
    }
    s.timer = this.rt.setTimer(this.opts.terminationInterval, () => {
      s.timer = null;
      if (this.searches.get(t.txn) === s) this.round(t, s);
    }, "termination-retry");
  }
}
