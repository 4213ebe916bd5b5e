import type { Micros } from "../../../core/time";
import type { Runtime, TimerId } from "../../../node/runtime-api";
import { resumingNow } from "../resume-now";
import { rangeAssign } from "./range-assignor";
import type { TopicPartition } from "./range-assignor";

/** A member of a consumer group, as the coordinator sees it. */
export interface GroupMember {
  id: string;
  address: string;
  /** Subscribed topics with their partition counts. */
  topics: Record<string, number>;
  sessionTimeout: Micros;
  rebalanceTimeout: Micros;
  /** Rejoined in the rebalance in progress. */
  joined: boolean;
  expiry: TimerId | null;
}

/** What a member gets when a rebalance completes. */
export interface JoinResult {
  memberId: string;
  generation: number;
  assignment: TopicPartition[];
}

/**
 * One consumer group's membership, Kafka's eager rebalance protocol reduced to its core: any
 * change of membership (a join, a session that expires) starts a rebalance; every member must
 * rejoin, and the join requests are held until all have (or until the rebalance timeout drops
 * the missing); then the generation grows by one and each member gets its range of partitions.
 * A member is dropped when no heartbeat arrives for its session timeout, except while it waits
 * in a join: that request is its sign of life.
 */
export class ConsumerGroup {
  state: "empty" | "stable" | "rebalancing" = "empty";
  readonly members = new Map<string, GroupMember>();
  private waiters = new Map<string, (r: JoinResult | null) => void>();
  private deadline: TimerId | null = null;
  private assignment = new Map<string, TopicPartition[]>();

  constructor(private readonly rt: Runtime, readonly name: string, public generation: number, private readonly onGeneration: (g: ConsumerGroup) => void) {}

  /** A member (new or known) joins; resolves when the rebalance completes, or null if it was dropped. */
  join(member: Omit<GroupMember, "joined" | "expiry">): Promise<JoinResult | null> {
    const known = this.members.get(member.id);
    const m: GroupMember = { ...member, joined: false, expiry: known?.expiry ?? null };
    this.members.set(m.id, m);
    this.touch(m);
    if (this.state !== "rebalancing") this.startRebalance();
    m.joined = true;
    this.waiters.get(m.id)?.(null); // a retried join replaces the earlier one
    const p = new Promise<JoinResult | null>((resolve) => this.waiters.set(m.id, resolve));
    this.maybeComplete();
    return p;
  }

  /** A heartbeat: keeps the session alive. */
  touch(m: GroupMember): void {
    if (m.expiry) this.rt.clearTimer(m.expiry);
    m.expiry = this.rt.setTimer(m.sessionTimeout, resumingNow(() => this.expire(m.id)), "session");
  }

  /** Assignment of a member in the current generation. */
  assigned(memberId: string): TopicPartition[] {
    return this.assignment.get(memberId) ?? [];
  }

  private expire(id: string): void {
    const m = this.members.get(id);
    if (!m) return;
    if (this.state === "rebalancing" && m.joined) return; // waiting in a join
    this.remove(id);
    if (this.state === "stable") this.startRebalance();
    this.maybeComplete();
  }

  private remove(id: string): void {
    const m = this.members.get(id);
    if (m?.expiry) this.rt.clearTimer(m.expiry);
    this.members.delete(id);
    this.waiters.get(id)?.(null);
    this.waiters.delete(id);
  }

  private startRebalance(): void {
    this.state = "rebalancing";
    for (const m of this.members.values()) m.joined = false;
    const timeout = Math.max(...[...this.members.values()].map((m) => m.rebalanceTimeout));
    if (this.deadline) this.rt.clearTimer(this.deadline);
    this.deadline = this.rt.setTimer(timeout, resumingNow(() => this.complete()), "rebalance-timeout");
  }

  private maybeComplete(): void {
    if (this.state !== "rebalancing") return;
    if (this.members.size === 0) {
      if (this.deadline) this.rt.clearTimer(this.deadline);
      this.state = "empty";
      return;
    }
    if ([...this.members.values()].every((m) => m.joined)) this.complete();
  }

  private complete(): void {
    if (this.deadline) this.rt.clearTimer(this.deadline);
    this.deadline = null;
    for (const m of [...this.members.values()]) if (!m.joined) this.remove(m.id);
    if (this.members.size === 0) {
      this.state = "empty";
      return;
    }
    this.generation++;
    this.assignment = rangeAssign([...this.members.values()]);
    this.state = "stable";
    this.onGeneration(this);
    const waiters = this.waiters;
    this.waiters = new Map();
    for (const [id, resolve] of waiters) {
      const m = this.members.get(id);
      if (m) this.touch(m);
      resolve({ memberId: id, generation: this.generation, assignment: this.assigned(id) });
    }
  }
}
