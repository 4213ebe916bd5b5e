import type { Runtime, TimerId } from "../../node/runtime-api";
import type { ParticipantOptions } from "./commit-options";
import { MSG, type Knowledge, type StateBody } from "./messages";
import type { ParticipantTxn } from "./participant-base";
import type { Outcome } from "./vote-policy";

/** What the termination protocol needs from its participant. */
export interface ElectionHooks {
  /** Decides (forcing a commit); `then` runs once the decision is durable. */
  learn(t: ParticipantTxn, outcome: Outcome, via: string, then?: () => void): void;
  /** Moves from uncertain to committable, as a PRE-COMMIT would. */
  makeCommittable(t: ParticipantTxn, from: string): void;
}

/** One transaction's termination: the current round and, when this participant leads, its acks. */
interface Election {
  round: number;
  states: Map<string, Knowledge>;
  timer: TimerId | null;
  leading: boolean;
  waiting: Set<string>;
}

/**
 * 3PC's termination protocol with a new coordinator (Skeen; BHG ch. 7). A participant that
 * times out asks every other participant for its state. The live ones (those that answered,
 * recovering ones excepted) elect the lowest id, by its place in the transaction's participant
 * list. The elected participant decides with the textbook's rules over the live states:
 * - any aborted: abort; any committed: commit (any participant learns that on its own);
 * - all uncertain: abort, which is safe because nobody can have committed while a live
 *   participant was not yet committable;
 * - some committable: PRE-COMMIT the uncertain ones, collect their acks (or wait `ackTimeout`),
 *   then force COMMIT and send DO-COMMIT.
 * Others wait `leaderTimeout` for the elected one to act, then elect again, so a leader that
 * crashes midway is replaced. The rules are safe only if silence means a crash: two sides of a
 * partition each elect a leader, and each decides by what it sees.
 */
export class ElectionTermination {
  private readonly elections = new Map<string, Election>();

  constructor(private readonly rt: Runtime, private readonly opts: ParticipantOptions, private readonly hooks: ElectionHooks) {}

  begin(t: ParticipantTxn): void {
    if (this.elections.has(t.txn)) return;
    const e: Election = { round: 0, states: new Map(), timer: null, leading: false, waiting: new Set() };
    this.elections.set(t.txn, e);
    this.rt.record("termination-start", { txn: t.txn, mode: "election" });
    this.round(t, e);
  }

  stop(txn: string): void {
    const e = this.elections.get(txn);
    if (!e) return;
    if (e.timer) this.rt.clearTimer(e.timer);
    this.elections.delete(txn);
  }

  /** A peer's answer to this round's state request. */
  onState(t: ParticipantTxn, from: string, body: StateBody): void {
    const e = this.elections.get(t.txn);
    if (!e || body.round !== e.round || e.leading) return;
    if (body.state === "commit" || body.state === "abort") {
      this.hooks.learn(t, body.state, "peer");
      return;
    }
    e.states.set(from, body.state);
  }

  /** An uncertain participant acknowledged this leader's PRE-COMMIT. */
  onPreCommitAck(t: ParticipantTxn, from: string): void {
    const e = this.elections.get(t.txn);
    if (!e || !e.leading || !e.waiting.delete(from)) return;
    if (e.waiting.size === 0) this.finish(t, e);
  }

  private round(t: ParticipantTxn, e: Election): void {
    e.round++;
    e.states = new Map();
    e.leading = false;
    for (const p of t.participants) if (p !== this.rt.address) this.rt.send(p, MSG.stateRequest, { txn: t.txn, round: e.round });
    e.timer = this.rt.setTimer(this.opts.terminationTimeout, () => this.conclude(t, e), "election-round");
  }

  private conclude(t: ParticipantTxn, e: Election): void {
    e.timer = null;
    if (this.elections.get(t.txn) !== e) return;
    const rank = (a: string) => t.participants.indexOf(a);
    const live = [this.rt.address, ...[...e.states].filter(([, k]) => k === "uncertain" || k === "committable").map(([a]) => a)];
    live.sort((a, b) => rank(a) - rank(b));
    if (live[0] !== this.rt.address) {
      e.timer = this.rt.setTimer(this.opts.leaderTimeout, () => {
        e.timer = null;
        if (this.elections.get(t.txn) === e) this.round(t, e);
      }, "await-leader");
      return;
    }
    this.lead(t, e, live);
  }

  private lead(t: ParticipantTxn, e: Election, live: string[]): void {
    const states = new Map(e.states);
    states.set(this.rt.address, t.phase as Knowledge);
    this.rt.record("elected", { txn: t.txn, round: e.round, live, states: Object.fromEntries([...states].filter(([a]) => live.includes(a))) });
    const committable = live.some((a) => states.get(a) === "committable");
    if (!committable) {
      this.decide(t, "abort");
      return;
    }
    if (t.phase === "uncertain") this.hooks.makeCommittable(t, this.rt.address);
    e.leading = true;
    e.waiting = new Set(live.filter((a) => a !== this.rt.address && states.get(a) === "uncertain"));
    for (const p of e.waiting) this.rt.send(p, MSG.preCommit, { txn: t.txn });
    if (e.waiting.size === 0) {
      this.finish(t, e);
      return;
    }
    e.timer = this.rt.setTimer(this.opts.ackTimeout, () => {
      e.timer = null;
      if (this.elections.get(t.txn) === e) this.finish(t, e);
    }, "election-ack-timeout");
  }

  private finish(t: ParticipantTxn, e: Election): void {
    if (e.timer) this.rt.clearTimer(e.timer);
    e.timer = null;
    e.waiting.clear();
    this.decide(t, "commit");
  }

  /** Decides as the elected coordinator, then (once it is durable) tells every other participant. */
  private decide(t: ParticipantTxn, outcome: Outcome): void {
    this.hooks.learn(t, outcome, "elected", () => {
      const type = outcome === "commit" ? MSG.doCommit : MSG.abort;
      for (const p of t.participants) if (p !== this.rt.address) this.rt.send(p, type, { txn: t.txn });
    });
  }
}
