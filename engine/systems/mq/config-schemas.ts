import type { JsonObject } from "../../core/json";
import { optionsSchema } from "../../options/option-table";
import { duration } from "../../options/schema-fragments";
import { BROKER_OPTIONS } from "./log/broker-options";
import { CONSUMER_OPTIONS } from "./log/consumer-options";
import { CONTROLLER_OPTIONS, TOPIC_OPTIONS } from "./log/controller-options";
import { PRODUCER_OPTIONS } from "./log/producer-options";
import { QUEUE_BROKER_OPTIONS, QUEUE_OPTIONS } from "./queue/queue-options";
import { QUEUE_CONSUMER_OPTIONS } from "./queue/queue-consumer-options";
import { PUBLISHER_OPTIONS } from "./queue/queue-publisher";
import { MQ_WORKLOAD_OPTIONS } from "./workload";

/*
 * The message queues' config schemas. Every plain option comes from its component's options
 * table (engine/options/option-table.ts), with its default and range; only the structure around
 * them (addresses, topic and queue lists, the flush policy) is written here.
 */
const address = (description: string): JsonObject => ({ type: "string", pattern: "^[^/]+/[^/]+$", description });
const count = (description: string, minimum = 0): JsonObject => ({ type: "integer", minimum, description });

/** The workload keys every producer takes, including those a scenario's `workload:` entry fills in. */
const WORKLOAD: Record<string, JsonObject> = {
  ...optionsSchema(MQ_WORKLOAD_OPTIONS),
  requests: count("Same as count (what a scenario's workload entry sets)."),
  arrival: { type: "object", description: "Set by a scenario's workload entry: poisson or constant arrivals with ratePerSecond." },
  deadline: duration("Set by a scenario's workload entry; producers use their own timeouts instead."),
};

const FLUSH: JsonObject = {
  description: "When the log is forced to disk: every append, never (Kafka's default: durability from replication), or every N appends.",
  anyOf: [{ enum: ["every", "never"] }, { type: "integer", minimum: 1 }],
};

/** JSON Schema of `kafka-controller` config. */
export const CONTROLLER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["brokers"],
  properties: {
    brokers: { type: "array", minItems: 1, items: address("A broker's address."), description: "Every broker, in the order replicas are placed." },
    topics: {
      type: "array", minItems: 1, description: "Topics. Default one topic `events` with one partition.",
      items: {
        anyOf: [
          { type: "string" },
          {
            type: "object", additionalProperties: false, required: ["name"],
            properties: { name: { type: "string" }, ...optionsSchema(TOPIC_OPTIONS) },
          },
        ],
      },
    },
    ...optionsSchema(CONTROLLER_OPTIONS),
  },
};

/** JSON Schema of `kafka-broker` config. */
export const BROKER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["controller"],
  properties: {
    controller: address("The controller's address."),
    flush: FLUSH,
    ...optionsSchema(BROKER_OPTIONS),
  },
};

/** JSON Schema of `kafka-producer` config. */
export const PRODUCER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["controller"],
  properties: {
    ...WORKLOAD,
    controller: address("Where metadata comes from."),
    acks: { enum: [0, 1, "all", -1, "0", "1", "-1"], description: "0, 1 or all (Kafka 3.0+: all)." },
    enableIdempotence: { type: "boolean", description: "enable.idempotence. Default: on with acks=all." },
    ...optionsSchema(PRODUCER_OPTIONS),
  },
};

/** JSON Schema of `kafka-consumer` config. */
export const CONSUMER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["controller", "coordinator"],
  properties: {
    controller: address("Where metadata comes from."),
    coordinator: address("The group coordinator's address."),
    topic: { type: "string", description: "The one topic to consume (default events)." },
    topics: { type: "array", items: { type: "string" }, minItems: 1, description: "The topics to consume, instead of topic." },
    ...optionsSchema(CONSUMER_OPTIONS),
  },
};

/** JSON Schema of `kafka-group-coordinator` config (it has none). */
export const COORDINATOR_SCHEMA: JsonObject = { type: "object", additionalProperties: false, properties: {} };

const QUEUE: JsonObject = {
  anyOf: [
    { type: "string" },
    {
      type: "object", additionalProperties: false, required: ["name"],
      properties: {
        name: { type: "string" },
        ...optionsSchema(QUEUE_OPTIONS),
        deadLetterExchange: { type: "string", description: "x-dead-letter-exchange (\"\" is the default exchange)." },
        deadLetterRoutingKey: { type: "string", description: "x-dead-letter-routing-key." },
      },
    },
  ],
};

/** JSON Schema of `queue-broker` config. */
export const QUEUE_BROKER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false,
  properties: {
    queues: { type: "array", minItems: 1, items: QUEUE, description: "Queues. Default one queue `events`." },
    exchanges: {
      type: "array",
      items: {
        type: "object", additionalProperties: false, required: ["name"],
        properties: {
          name: { type: "string" },
          type: { enum: ["direct", "fanout"] },
          bindings: { type: "array", items: { anyOf: [{ type: "string" }, { type: "object", additionalProperties: false, required: ["queue"], properties: { queue: { type: "string" }, routingKey: { type: "string" } } }] } },
        },
      },
    },
    ...optionsSchema(QUEUE_BROKER_OPTIONS),
  },
};

/** JSON Schema of `queue-publisher` config. */
export const PUBLISHER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["broker"],
  properties: {
    ...WORKLOAD,
    broker: address("The broker's address."),
    routingKey: { type: "string" },
    queue: { type: "string", description: "Shorthand: the default exchange with this routing key." },
    ...optionsSchema(PUBLISHER_OPTIONS),
  },
};

/** JSON Schema of `queue-consumer` config. */
export const QUEUE_CONSUMER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["broker", "queue"],
  properties: {
    broker: address("The broker's address."),
    queue: { type: "string" },
    group: { type: "string", description: "Consumer group (RocketMQ). Default the queue's name." },
    ...optionsSchema(QUEUE_CONSUMER_OPTIONS),
    failKeys: { type: "array", items: { type: "string" }, description: "Keys whose messages always fail (poison)." },
    failIds: { type: "array", items: { type: "string" }, description: "Message ids that always fail." },
  },
};
