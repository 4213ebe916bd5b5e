/**
 * The ZooKeeper-like service's request types (a small part of ZooKeeper's client API) and the
 * one-way watch notification. Paths are absolute (`/lock/lock-0000000003`).
 */
export const ZK_MSG = {
  /** Open a session: `{ timeout }` (µs, asked for); answers `{ session, timeout }` (granted). */
  createSession: "zk.create-session",
  /** Keep a session alive: `{ session }`. */
  ping: "zk.ping",
  /** Close a session (deletes its ephemerals): `{ session }`. */
  closeSession: "zk.close-session",
  /** `{ session, path, data, ephemeral?, sequential? }`; answers `{ path, zxid }`. */
  create: "zk.create",
  /** `{ session, path, data, version }` (version -1: any); answers `{ zxid, version }`. */
  setData: "zk.set-data",
  /** `{ session, path, version }`. */
  delete: "zk.delete",
  /** `{ path, watch?, after? }`: the data, version and mzxid, or `no-node`. A watch is set only when the node exists. */
  getData: "zk.get-data",
  /** `{ path, watch?, after? }`: whether it exists; a watch is set either way (NodeCreated or a change). */
  exists: "zk.exists",
  /** `{ path, watch?, after? }`: the children's names, sorted. */
  getChildren: "zk.get-children",
  /** Through the leader; answers `{ index }`: a read with `after: index` then sees everything committed before the sync. */
  sync: "zk.sync",
  /** One-way, server to client: `{ id, path, type, zxid, seq }`. */
  watchEvent: "zk.watch-event",
} as const;

/** A watch notification's type, as ZooKeeper's Watcher.Event.EventType names them. */
export type ZkEventType = "NodeCreated" | "NodeDeleted" | "NodeDataChanged" | "NodeChildrenChanged";

/** The errors a request can end with, as ZooKeeper's KeeperException codes name them. */
export type ZkErrorCode = "NONODE" | "NODEEXISTS" | "NOTEMPTY" | "BADVERSION" | "SESSIONEXPIRED" | "NOCHILDRENFOREPHEMERALS" | "BADARGUMENTS";

/** A watch notification as the server sends it. */
export interface ZkWatchEvent {
  /** The registration it ends (a watch fires once). */
  id: string;
  path: string;
  type: ZkEventType;
  zxid: number;
  /** Per server incarnation and client, 1, 2, 3...: the order the server sent them in. */
  seq: number;
  /** The server incarnation that sent it (`address@incarnation`). */
  epoch: string;
}
