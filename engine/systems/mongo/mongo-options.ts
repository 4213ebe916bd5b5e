import type { OptionTable, OptionValues } from "../../options/option-table";

/**
 * A replica set member's settings, as the replica set configuration names them, with their
 * documented defaults (milliseconds, as there) [MONGO].
 */
export const MONGOD_OPTIONS = {
  electionTimeoutMillis: { type: "int", default: 10_000, min: 1, description: "Milliseconds without a primary's heartbeat before a secondary calls an election; a primary that cannot reach a majority for this long steps down.", source: "settings.electionTimeoutMillis" },
  heartbeatIntervalMillis: { type: "int", default: 2_000, min: 1, description: "Milliseconds between the primary's heartbeats (which carry the oplog to the secondaries).", source: "settings.heartbeatIntervalMillis" },
} as const satisfies OptionTable;

/** A member's options, read. */
export type MongodOptions = OptionValues<typeof MONGOD_OPTIONS>;

/** The client's write and read concerns and its socket timeout, as the drivers name them. */
export const MONGO_CLIENT_OPTIONS = {
  w: { type: "enum", default: "majority", values: ["1", "majority"], description: "Write concern: acknowledged by the primary alone (1), or once a majority of members has the write (majority, the default since MongoDB 5.0).", source: "writeConcern.w" },
  wtimeout: { type: "int", default: 0, min: 0, description: "Milliseconds a w: majority write waits before it returns a write concern error (the write is not undone); 0: no limit.", source: "writeConcern.wtimeout" },
  readConcern: { type: "enum", default: "local", values: ["local", "majority"], description: "local (the default): the member's newest data, which may be rolled back; majority: only majority-committed data.", source: "readConcern.level" },
  socketTimeoutMS: { type: "int", default: 10_000, min: 1, description: "Milliseconds the client waits for a reply (the drivers' default is 0, none).", source: "socketTimeoutMS" },
} as const satisfies OptionTable;

/** The client's options, read. */
export type MongoClientOptions = OptionValues<typeof MONGO_CLIENT_OPTIONS>;
