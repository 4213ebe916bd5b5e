import type { JsonObject } from "../../core/json";
import type { ProcessCatalog } from "../../run-options";
import { closedObject } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { APPEND_WORKLOAD_PROPERTIES } from "../replication/append-schema";
import { mongoClient } from "./mongo-client";
import { MONGO_CLIENT_OPTIONS, MONGOD_OPTIONS } from "./mongo-options";
import { mongod, MONGOD_KIND } from "./mongod";

/** The `mongod` kind's config. */
export const MONGOD_SCHEMA: JsonObject = closedObject(optionsSchema(MONGOD_OPTIONS), "A MongoDB replica set member: elections, oplog replication, majority commit point, rollback.");

/** The `mongo-client` kind's config (`w` may also be written as the number 1). */
export const MONGO_CLIENT_SCHEMA: JsonObject = closedObject({
  ...optionsSchema(MONGO_CLIENT_OPTIONS),
  w: { enum: ["1", "majority", 1], description: "Write concern: 1 or \"majority\" (the default since MongoDB 5.0)." },
  ...APPEND_WORKLOAD_PROPERTIES,
}, "A MongoDB client running a list-append workload with a write concern and a read concern.");

/** The MongoDB family's kinds (its checkers are the replicated stores'). */
export const mongoProcesses: ProcessCatalog = {
  [MONGOD_KIND]: { factory: mongod, configSchema: MONGOD_SCHEMA, description: "A MongoDB replica set member: electionTimeoutMillis, heartbeats, majority commit point, rollback of writes a majority never had." },
  "mongo-client": { factory: mongoClient, configSchema: MONGO_CLIENT_SCHEMA, description: "A MongoDB client running a list-append workload with writeConcern w (1 or majority) and readConcern (local or majority)." },
};
