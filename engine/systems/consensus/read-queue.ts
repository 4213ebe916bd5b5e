import type { Json } from "../../core/json";
import type { Micros } from "../../core/time";

/** A linearizable read waiting for its heartbeat round and its read index. */
export interface PendingRead {
  query: Json;
  /** The commit index when the read arrived: it is answered once that much is applied. */
  index: number;
  /** The heartbeat round a majority must acknowledge, confirming this server still leads. */
  round: number;
  resolve(v: Json): void;
  reject(e: unknown): void;
}

/**
 * A leader's heartbeat rounds and the reads waiting on them. ReadIndex (thesis §6.4): a read
 * notes the commit index, the leader starts a new round of AppendEntries, and once a majority of
 * voters (the leader counts itself) has acknowledged that round or a later one, no other leader
 * can have been elected before the read arrived, so the state at the read index is current.
 * The same acknowledgements give the leader lease: a round a majority acknowledged was sent at
 * `sentAt`, and none of those followers will vote for another leader before `sentAt` plus the
 * minimum election timeout, by its own clock.
 */
export class ReadQueue {
  round = 0;
  private readonly sentAt = new Map<number, Micros>();
  private readonly acked = new Map<string, number>();
  private waiting: PendingRead[] = [];

  /** Forgets everything: a new term's leadership starts from scratch. */
  reset(): void {
    this.sentAt.clear();
    this.acked.clear();
    this.waiting = [];
  }

  /** A new round of AppendEntries leaves now. */
  startRound(now: Micros): void {
    this.sentAt.set(++this.round, now);
  }

  /** A follower acknowledged `round`. */
  ack(from: string, round: number): void {
    if (round > (this.acked.get(from) ?? 0)) this.acked.set(from, round);
  }

  /** The newest round that a majority of voters has acknowledged (the leader, if a voter, acknowledges each round it sends). */
  confirmedRound(voters: readonly string[], self: string): number {
    const rounds = voters.map((v) => (v === self ? this.round : this.acked.get(v) ?? 0)).sort((a, b) => b - a);
    const r = rounds[Math.floor(rounds.length / 2)] ?? 0;
    for (const k of this.sentAt.keys()) if (k < r) this.sentAt.delete(k);
    return r;
  }

  /** Queues a read at `index`; it needs the round that the caller starts next. */
  add(query: Json, index: number): Promise<Json> {
    return new Promise<Json>((resolve, reject) => this.waiting.push({ query, index, round: this.round + 1, resolve, reject }));
  }

  /** Removes and returns the reads whose round is confirmed and whose index is applied. */
  ready(applied: number, voters: readonly string[], self: string): PendingRead[] {
    if (this.waiting.length === 0) return [];
    const confirmed = this.confirmedRound(voters, self);
    const done = this.waiting.filter((r) => r.round <= confirmed && r.index <= applied);
    if (done.length > 0) this.waiting = this.waiting.filter((r) => !done.includes(r));
    return done;
  }

  /** Whether a leader lease holds at local time `now`. */
  leaseHolds(now: Micros, electionMin: Micros, voters: readonly string[], self: string): boolean {
    const sent = this.sentAt.get(this.confirmedRound(voters, self));
    return sent !== undefined && now < sent + electionMin;
  }

  /** Fails every waiting read (the server stopped leading). */
  failAll(reason: unknown): void {
    const w = this.waiting;
    this.waiting = [];
    for (const r of w) r.reject(reason);
  }
}
