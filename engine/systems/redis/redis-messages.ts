import type { Json } from "../../core/json";

/** The process kinds of the Redis family. */
export const REDIS_SERVER_KIND = "redis-server";
export const REDIS_SENTINEL_KIND = "redis-sentinel";

/**
 * Message types. Clients send commands; replicas ask for the stream with PSYNC and acknowledge
 * it with REPLCONF ACK; the primary pushes the stream and PINGs; sentinels poll INFO, send
 * REPLICAOF, and talk to each other with SENTINEL is-master-down-by-addr and hello messages.
 */
export const REDIS_MSG = {
  rpush: "RPUSH", lrange: "LRANGE", wait: "WAIT",
  info: "INFO", replicaof: "REPLICAOF",
  psync: "PSYNC", stream: "repl-stream", ack: "REPLCONF-ACK", getack: "REPLCONF-GETACK", ping: "repl-ping",
  isDown: "SENTINEL-is-master-down-by-addr", hello: "sentinel-hello", getMaster: "SENTINEL-get-master-addr-by-name",
} as const;

/** One write in the replication stream: it moves the offset from `start` to `end` (bytes). */
export interface StreamEntry {
  start: number;
  end: number;
  key: string;
  value: string;
}

/** A PSYNC: the replication id and offset the replica has. */
export interface PsyncRequest {
  replid: string;
  offset: number;
}

/** A PSYNC answer: the stream from the replica's offset on, or the whole data set. */
export type PsyncReply =
  | { mode: "continue"; replid: string; entries: StreamEntry[] }
  | { mode: "fullresync"; replid: string; offset: number; data: Record<string, string[]> };

/** What INFO replication says (trimmed to what Sentinel reads). */
export interface InfoReply {
  role: "master" | "slave";
  /** For a replica: its primary. */
  primary: string | null;
  linkUp: boolean;
  offset: number;
  replid: string;
  priority: number;
  runid: string;
}

/** SENTINEL is-master-down-by-addr: `runid` "*" asks only for the state, a run id asks for a vote too. */
export interface IsDownRequest {
  primary: string;
  epoch: number;
  runid: string;
}

/** Its answer: whether the asked sentinel deems the primary down, and whom it voted for in which epoch. */
export interface IsDownReply {
  down: boolean;
  leader: string | null;
  leaderEpoch: number;
}

/** A sentinel's hello: the configuration it holds, with its epoch. */
export interface HelloMessage {
  epoch: number;
  primary: string;
}

/** The error a server returns, as a thrown object (a `remote` call error with it as detail). */
export interface RedisError {
  status: number;
  code: "READONLY" | "NOREPLICAS" | "ERR";
  message: string;
  [k: string]: Json;
}

/** The RESP size of `RPUSH key value` in the replication stream: what the offset advances by. */
export function respSize(key: string, value: string): number {
  const bulk = (s: string) => `$${s.length}\r\n${s}\r\n`.length;
  return "*3\r\n".length + bulk("RPUSH") + bulk(key) + bulk(value);
}
