export { mongod, MONGO_MSG, MONGOD_KIND } from "./mongod";
export type { MongodState } from "./mongod";
export { mongoClient, mongoStore } from "./mongo-client";
export { MONGO_CLIENT_OPTIONS, MONGOD_OPTIONS } from "./mongo-options";
export type { MongoClientOptions, MongodOptions } from "./mongo-options";
export { MONGO_CLIENT_SCHEMA, MONGOD_SCHEMA, mongoProcesses } from "./mongo-catalog";
