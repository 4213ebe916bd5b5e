import type { Micros } from "../../../core/time";
import type { Runtime } from "../../../node/runtime-api";
import { Signal } from "../signal";
import { PartitionLog } from "./partition-log";
import type { PartitionState } from "./topic-layout";

/** What a leader knows of one follower's progress. */
export interface FollowerProgress {
  /** The follower's log end, as its last fetch said. */
  leo: number;
  lastFetchAt: Micros;
  /** The leader's log end at that fetch. */
  leoAtLastFetch: number;
  /** The last time the follower had everything the leader had (Kafka's lastCaughtUpTimeMs). */
  caughtUpAt: Micros;
}

/** How applying a controller state changed this replica. */
export type Transition = "became-leader" | "became-follower" | "updated" | "stale";

/**
 * One broker's replica of one partition: the log, the high watermark, and the role the
 * controller gave it. As leader it tracks its followers' progress, from which come the ISR
 * proposals and the high watermark: the smallest log end among the in-sync replicas, which never
 * goes down. `changed` wakes long-polling fetches and producers waiting for acks=all.
 */
export class Replica {
  readonly log: PartitionLog;
  readonly changed: Signal;
  state: PartitionState | null = null;
  role: "leader" | "follower" | "none" = "none";
  hw = 0;
  /** The log end when this replica became leader: a follower must reach it to rejoin the ISR. */
  epochStart = 0;
  readonly followers = new Map<string, FollowerProgress>();
  /** An AlterPartition request is on its way: one at a time. */
  alterInFlight = false;
  /** Bumped at every role change; a fetcher loop runs only while its token is current. */
  fetchToken = 0;

  constructor(private readonly rt: Runtime, readonly self: string, readonly topic: string, readonly partition: number) {
    this.log = new PartitionLog(rt.disk, topic, partition);
    this.changed = new Signal(rt);
  }

  get epoch(): number {
    return this.state?.leaderEpoch ?? -1;
  }

  get isr(): readonly string[] {
    return this.state?.isr ?? [];
  }

  get leader(): string | null {
    return this.state?.leader ?? null;
  }

  /** Applies a state from the controller, if it is newer than the one held. */
  apply(s: PartitionState): Transition {
    const old = this.state;
    if (old && s.version <= old.version) return "stale";
    this.state = { ...s, isr: [...s.isr], replicas: [...s.replicas] };
    const leads = s.leader === this.self;
    if (leads && (this.role !== "leader" || old?.leaderEpoch !== s.leaderEpoch)) {
      this.becomeLeader();
      return "became-leader";
    }
    if (!leads && (this.role !== "follower" || old?.leader !== s.leader || old?.leaderEpoch !== s.leaderEpoch)) {
      this.role = "follower";
      this.fetchToken++;
      this.followers.clear();
      this.changed.notify();
      return "became-follower";
    }
    if (leads) this.advanceHw();
    return "updated";
  }

  /** Notes a follower's fetch at `fetchOffset`; returns true when it qualifies to rejoin the ISR. */
  followerFetched(replica: string, fetchOffset: number): boolean {
    const now = this.rt.now();
    let p = this.followers.get(replica);
    if (!p) {
      p = { leo: 0, lastFetchAt: now, leoAtLastFetch: 0, caughtUpAt: now };
      this.followers.set(replica, p);
    }
    const leo = this.log.leo;
    // Kafka's rule: caught up now if it has everything; or caught up as of its previous fetch if
    // it now has everything the leader had then. A steady stream of appends does not push a
    // healthy follower out of the ISR.
    if (fetchOffset >= leo) p.caughtUpAt = now;
    else if (fetchOffset >= p.leoAtLastFetch) p.caughtUpAt = Math.max(p.caughtUpAt, p.lastFetchAt);
    p.leo = fetchOffset;
    p.lastFetchAt = now;
    p.leoAtLastFetch = leo;
    this.advanceHw();
    return !this.isr.includes(replica) && fetchOffset >= this.hw && fetchOffset >= this.epochStart;
  }

  /** In-sync followers that have not caught up within `lagMax`. */
  laggingFollowers(lagMax: Micros): string[] {
    const now = this.rt.now();
    return this.isr.filter((r) => r !== this.self && now - (this.followers.get(r)?.caughtUpAt ?? now) > lagMax);
  }

  /** Recomputes the leader's high watermark from the ISR; wakes waiters when it moves. */
  advanceHw(): void {
    if (this.role !== "leader") return;
    let min = this.log.leo;
    for (const r of this.isr) {
      if (r === this.self) continue;
      min = Math.min(min, this.followers.get(r)?.leo ?? 0);
    }
    if (min > this.hw) {
      this.hw = min;
      this.changed.notify();
    }
  }

  /** A follower's high watermark: the leader's, but never past its own log. */
  followerHw(leaderHw: number): void {
    const hw = Math.min(leaderHw, this.log.leo);
    if (hw > this.hw) this.hw = hw;
  }

  private becomeLeader(): void {
    this.role = "leader";
    this.fetchToken++;
    this.epochStart = this.log.leo;
    this.hw = Math.min(this.hw, this.log.leo);
    this.followers.clear();
    const now = this.rt.now();
    // Every in-sync follower gets a full lag period to show up before it can be dropped.
    for (const r of this.isr) if (r !== this.self) this.followers.set(r, { leo: 0, lastFetchAt: now, leoAtLastFetch: this.log.leo, caughtUpAt: now });
    this.advanceHw();
    this.changed.notify();
  }
}
