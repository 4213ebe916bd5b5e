import type { Micros } from "../../core/time";

/**
 * One instance of a service, as the balancer sees it. The list a strategy is handed is the
 * service's current membership (from the registry); it may change between two picks.
 */
export interface Instance {
  /** Stable identity: the registry's instance id. State (counters, weights) is keyed by it. */
  readonly id: string;
  /** Where to send: `node/process`. Ketama hashes it, as nginx hashes the `server` string. */
  readonly address: string;
  /** The instance's IPv4 address. */
  readonly ip: string;
  /**
   * A non-negative integer, as in nginx `weight=` and HAProxy `weight`. 0 means "takes no new
   * requests" (HAProxy drain, IPVS quiesce); such an instance is never picked.
   */
  readonly weight: number;
  readonly zone?: string;
  /** nginx `max_conns`: no new request while this many are in flight. 0 or absent: no limit. */
  readonly maxConns?: number;
  /**
   * Still a member, but known unusable: marked down by an operator, or ejected by passive health.
   * Each strategy treats it the way its real system treats a down peer (skip, rehash, or rebuild
   * its table without it), which is why down instances stay in the list instead of vanishing.
   */
  readonly down?: boolean;
}

/** What a strategy may look at in the request it routes. */
export interface PickRequest {
  /** Virtual time of the pick, from the caller's clock. Strategies never read a host clock. */
  readonly now: Micros;
  /** The client's IPv4 address, for ip-hash, source-hash and weighted-source-hash. */
  readonly sourceIp?: string;
  /** The request URI, for uri-hash (HAProxy hashes the part before `?`). */
  readonly uri?: string;
  /** An explicit hash key (nginx `hash $key`), for ketama and maglev. */
  readonly key?: string;
  /**
   * Ids this request already tried (nginx's per-request `tried` bitmap): a retry must not land
   * on them. Strategies treat them as unusable for this pick only.
   */
  readonly tried?: ReadonlySet<string>;
}

/** How a request to an instance ended. */
export interface Outcome {
  readonly ok: boolean;
  /** From the start of the call to its end. */
  readonly latency: Micros;
  /** Virtual time of the end, from the caller's clock. */
  readonly now: Micros;
  /** The call failed because it timed out (only meaningful with `ok: false`). */
  readonly timeout?: boolean;
}

/**
 * A load-balancing strategy. It owns its state (counters, current weights, rings, tables) and
 * is driven by three calls: `pick` chooses; the caller then calls `onStart` when it actually
 * sends to the chosen instance and exactly one `onEnd` when that call ends. A pick that is not
 * used (a breaker rejected it, say) needs neither.
 */
export interface Strategy {
  /** The catalog name this strategy was created under, e.g. `least-connections`. */
  readonly name: string;
  /**
   * Chooses an instance, or `undefined` only when none is usable (empty list, all down, all at
   * `maxConns`, all tried). The result is always an element of `instances`. The list is
   * treated as an immutable value: a membership change comes as a new array.
   */
  pick(instances: readonly Instance[], req: PickRequest): Instance | undefined;
  /** A request was sent to `id`. */
  onStart(id: string): void;
  /** The request sent to `id` ended. */
  onEnd(id: string, outcome: Outcome): void;
}
