import type { Json } from "../../core/json";
import type { Micros } from "../../core/time";

/** What a client request asks of a Raft-replicated service. */
export type Classified =
  /** A command to replicate and apply in log order. */
  | { write: Json }
  /**
   * A query of the applied state: linearizable (through the leader) or served locally. With
   * `leaderLocal`, only the leader answers, from its applied state, without confirming that it
   * still leads (Consul's default consistency mode: stale for the moment an old leader still
   * believes it leads).
   */
  | { read: Json; serializable: boolean; leaderLocal?: boolean };

/** Hooks the state machine may call while applying: the leader's clock and proposals of its own. */
export interface ApplyContext {
  /** The log index being applied. */
  index: number;
  /** Whether this server leads now (only the leader acts on timers such as lease expiry). */
  leader: boolean;
}

/**
 * A deterministic state machine replicated by Raft. Every server applies the same commands in
 * the same order, so every server's state after index i is the same; that is what the
 * state-machine-safety checker verifies by the entries each applies.
 */
export interface StateMachine {
  /** Turns a client request into a write or a read, or throws a 400-style error. */
  classify(type: string, body: unknown): Classified;
  apply(cmd: Json, ctx: ApplyContext): Json;
  query(q: Json): Json;
  snapshot(): Json;
  restore(state: Json): void;
  /**
   * Called on the leader every `leaseCheck`: commands it wants proposed now (etcd's leader
   * revokes expired leases through the log), given its local clock.
   */
  tick?(now: Micros): Json[];
  /** Called when this server stops leading: forget leader-only timers. */
  onLeaderChange?(leading: boolean, now: Micros): void;
}

/** Makes a fresh state machine for a server (at start and at every restart). */
export type StateMachineFactory = (ctx: StateMachineContext) => StateMachine;

/** What a state machine may use of its server's runtime. */
export interface StateMachineContext {
  address: string;
  /** The server's local clock (only leader-side timers such as lease deadlines may read it). */
  now(): Micros;
  record(event: string, fields: Record<string, Json>): void;
  send(to: string, type: string, body: Json): void;
}
