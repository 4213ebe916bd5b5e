import type { JsonObject } from "../../core/json";
import { closedObject, duration, int } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { ETCD_CLIENT_OPTIONS } from "./etcd-client";
import { RAFT_OPTIONS } from "./raft-options";

const addresses = (description: string): JsonObject => ({ type: "array", minItems: 1, items: { type: "string", pattern: "^[^/]+/[^/]+$" }, description });

/** The Raft options every Raft-replicated server kind takes: the table's, and the two address lists. */
export const RAFT_PROPERTIES: Record<string, JsonObject> = {
  ...optionsSchema(RAFT_OPTIONS),
  voters: addresses("The voters at start (default every server of this kind and name)."),
  learners: addresses("Learners at start: they get the log but do not vote."),
};

/** The `etcd-server` kind's config. */
export const ETCD_SERVER_SCHEMA: JsonObject = closedObject(RAFT_PROPERTIES, "An etcd-like KV server replicated by Raft.");

/** The `etcd-client` kind's config; `arrival` (closed), `requests`, `stopAt` come from a workload entry. */
export const ETCD_CLIENT_SCHEMA: JsonObject = closedObject({
  servers: addresses("Server addresses (default every etcd-server)."),
  arrival: { type: "object", description: "A closed loop (set by a workload entry's concurrency and think)." },
  deadline: duration("Accepted from workload entries: the operation's timeout."),
  requests: int(0, "Stop after this many operations."),
  stopAt: duration("Stop starting operations at this time."),
  home: { type: "string", pattern: "^[^/]+/[^/]+$", description: "The server tried first, and the one serializable reads go to." },
  ...optionsSchema(ETCD_CLIENT_OPTIONS),
}, "An etcd client with a closed-loop get/put/delete/cas workload, recording op histories.");

/** The `etcd-admin` kind's config. */
export const ETCD_ADMIN_SCHEMA: JsonObject = closedObject({
  changes: {
    type: "array",
    description: "Membership changes, run one after another.",
    items: closedObject({
      at: duration("When to start this change."),
      op: { enum: ["add-learner", "add-voter", "remove"], description: "Add a learner, add (or promote to) a voter, or remove a server." },
      address: { type: "string", pattern: "^[^/]+/[^/]+$", description: "The server's address." },
    }, "One change.", { required: ["at", "op", "address"] }),
  },
  servers: addresses("Server addresses (default every etcd-server)."),
}, "An operator running single-server membership changes.");
