import type { JsonObject } from "../../../core/json";
import type { CheckerCatalog, ProcessCatalog } from "../../../run-options";
import { optionsSchema } from "../../../options/option-table";
import { closedObject } from "../../../options/schema-fragments";
import { RAFT_PROPERTIES } from "../consensus-schemas";
import { RAFT_PROFILES } from "../raft-options";
import { ephemeralsDieWithSession } from "./checks/ephemerals-die-with-session";
import { oneLockHolder } from "./checks/one-lock-holder";
import { watchDeliveryOrder } from "./checks/watch-delivery-order";
import { watchFiresOnce } from "./checks/watch-fires-once";
import { zkClient, ZK_CLIENT_KIND } from "./zk-client";
import { ZK_CLIENT_OPTIONS, ZK_SERVER_OPTIONS } from "./zk-options";
import { zkServer, ZK_SERVER_KIND } from "./zk-server";

/** The `zk-server` kind's config: Raft's options and ZooKeeper's own. */
export const ZK_SERVER_SCHEMA: JsonObject = closedObject({ ...RAFT_PROPERTIES, ...optionsSchema(ZK_SERVER_OPTIONS) }, "A ZooKeeper-like server (sessions, ephemeral and sequential znodes, one-shot watches) replicated by Raft.");

/** The `zk-client` kind's config. */
export const ZK_CLIENT_SCHEMA: JsonObject = closedObject(optionsSchema(ZK_CLIENT_OPTIONS), "A ZooKeeper client running one recipe (kv, member, lock, lock-herd) over its session.");

/** The ZooKeeper-like service's process kinds. */
export const zookeeperProcesses: ProcessCatalog = {
  [ZK_SERVER_KIND]: {
    factory: zkServer,
    configSchema: ZK_SERVER_SCHEMA,
    profiles: RAFT_PROFILES,
    description: "A ZooKeeper-like server on Raft: sessions with the [2, 20] × tickTime clamp and expiry, ephemeral and sequential znodes, one-shot watches, sync; the minority side refuses clients.",
  },
  [ZK_CLIENT_KIND]: {
    factory: zkClient,
    configSchema: ZK_CLIENT_SCHEMA,
    description: "A ZooKeeper client with a session: kv gets and sets (op history), an ephemeral membership, or the lock recipe (with or without the herd).",
  },
};

/** The ZooKeeper-like service's checkers. */
export const zookeeperCheckers: CheckerCatalog = {
  "ephemerals-die-with-session": { factory: ephemeralsDieWithSession, description: "When a session's close is applied, none of its ephemeral znodes survives, at any server." },
  "watch-fires-once": { factory: watchFiresOnce, description: "Each watch registration fires at most once and is delivered at most once." },
  "watch-delivery-order": { factory: watchDeliveryOrder, description: "Watch notifications reach each client in the order sent (zxid order), with no gaps." },
  "one-lock-holder": { factory: oneLockHolder, description: "No two clients hold the lock at the same true time (the ZooKeeper lock recipe's safety)." },
};
