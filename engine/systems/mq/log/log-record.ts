/**
 * One record in a partition's log. It carries what the checkers need to follow a message
 * through the system (`id`, `key`, the producer's session `pid` and counter `n`), and what
 * replication needs: the leader epoch in which it was appended and the idempotent producer's
 * sequence number (`seq`, -1 when the producer is not idempotent).
 */
export interface LogRecord {
  offset: number;
  epoch: number;
  id: string;
  key: string | null;
  /** The producer session (address and incarnation, bumped on a sequence reset). */
  pid: string;
  /** Idempotent producers number records per partition from 0; others send -1. */
  seq: number;
  /** The producer's own counter: the order in which it created its messages. */
  n: number;
}

/** A record as a producer sends it: everything but the offset and epoch the leader assigns. */
export type NewRecord = Omit<LogRecord, "offset" | "epoch">;
