import type { Json } from "../../core/json";

/** The message types of the configuration center (Apollo's HTTP endpoints, one type each). */
export const CONFIG_MSG = {
  /** TCP connect, before any request: a host that cannot be reached fails it within the connect timeout. */
  connect: "config.connect",
  /** GET /configs/{appId}/{cluster}/{namespace}?releaseKey=...: the namespace, or 304. */
  fetch: "config.fetch",
  /** GET /notifications/v2: held until a watched namespace changes, or 304 after the hold. */
  notifications: "config.notifications",
  /** The admin service's release: a new version of a namespace. */
  publish: "config.publish",
} as const;

/** The process kind of config servers, which clients find in the directory. */
export const CONFIG_SERVER_KIND = "config-server";

/** Key -> value, as Apollo's properties namespaces hold them. */
export type ConfigItems = Record<string, string>;

/** A namespace as the server keeps it and as a client caches it. */
export interface NamespaceRelease {
  namespace: string;
  version: number;
  items: ConfigItems;
}

/** A fetch: the namespace and the version the client already has (0: none). */
export interface FetchRequest {
  namespace: string;
  version: number;
}

/** A fetch's answer: the release (200), nothing new (304), or no such namespace (404). */
export type FetchReply = { status: 200; release: NamespaceRelease } | { status: 304 } | { status: 404 };

/** One watched namespace and the last version the client was notified of (Apollo's notificationId). */
export interface Notification {
  namespace: string;
  notificationId: number;
}

/** A long poll: what the client knows; the answer lists what is newer (empty: 304 after the hold). */
export interface NotificationsRequest {
  notifications: Notification[];
}

/** A release request from the admin side; `releaseKey` makes a retried release count once. */
export interface PublishRequest {
  namespace: string;
  items: ConfigItems;
  releaseKey: string;
}

/** A release's answer: the version it became. */
export interface PublishReply {
  version: number;
}

/** Turns a config value into Apollo's string form. */
export function itemValue(v: Json): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}
