import type { JsonObject } from "../../core/json";

/** A duration as config accepts it: whole microseconds, or a string with units. */
const duration = (description: string): JsonObject => ({
  description,
  anyOf: [
    { type: "integer", minimum: 0 },
    { type: "string", pattern: "^\\s*(\\d+(\\.\\d+)?(us|µs|ms|s|m|h))+\\s*$" },
  ],
});
const address = (description: string): JsonObject => ({ type: "string", pattern: "^[^/]+/[^/]+$", description });
const count = (description: string, minimum = 0): JsonObject => ({ type: "integer", minimum, description });

/** The workload keys every producer takes, including those a scenario's `workload:` entry fills in. */
const WORKLOAD: Record<string, JsonObject> = {
  count: count("Messages in all, across restarts. Default 100."),
  requests: count("Same as count (what a scenario's workload entry sets)."),
  rate: { type: "number", exclusiveMinimum: 0, description: "Messages per second. Default 10." },
  arrival: { type: "object", description: "Set by a scenario's workload entry: poisson or constant arrivals with ratePerSecond." },
  keys: count("Distinct keys used in turn (k0, k1...); 0 sends without keys. Default 10."),
  stopAt: duration("No new message after this time."),
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
            properties: {
              name: { type: "string" },
              partitions: count("Default 1.", 1),
              replicationFactor: count("Default 3, at most the broker count.", 1),
              minInsyncReplicas: count("min.insync.replicas for this topic.", 1),
              uncleanLeaderElection: { type: "boolean", description: "unclean.leader.election.enable for this topic." },
            },
          },
        ],
      },
    },
    minInsyncReplicas: count("min.insync.replicas, cluster default. Kafka: 1.", 1),
    uncleanLeaderElection: { type: "boolean", description: "unclean.leader.election.enable, cluster default. Kafka: false." },
    sessionTimeout: duration("broker.session.timeout.ms: a silent broker is fenced after this. Kafka: 9s."),
  },
};

/** JSON Schema of `kafka-broker` config. */
export const BROKER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["controller"],
  properties: {
    controller: address("The controller's address."),
    flush: FLUSH,
    flushLatency: duration("How long one fsync takes. Default 1ms."),
    replicaLagTimeMax: duration("replica.lag.time.max.ms. Kafka: 30s."),
    replicaFetchWaitMax: duration("replica.fetch.wait.max.ms. Kafka: 500ms."),
    replicaFetchBackoff: duration("replica.fetch.backoff.ms. Kafka: 1s."),
    heartbeatInterval: duration("broker.heartbeat.interval.ms. Kafka: 2s."),
    bug: { enum: ["none", "ack-before-sync"], description: "Bug zoo: acknowledge an append before the fsync its flush policy requires." },
  },
};

/** JSON Schema of `kafka-producer` config. */
export const PRODUCER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["controller"],
  properties: {
    ...WORKLOAD,
    controller: address("Where metadata comes from."),
    topic: { type: "string", description: "Default `events`." },
    acks: { enum: [0, 1, "all", -1, "0", "1", "-1"], description: "0, 1 or all (Kafka 3.0+: all)." },
    enableIdempotence: { type: "boolean", description: "enable.idempotence. Default: on with acks=all." },
    retries: count("Kafka: 2147483647."),
    requestTimeout: duration("request.timeout.ms. Kafka: 30s."),
    deliveryTimeout: duration("delivery.timeout.ms. Kafka: 120s."),
    retryBackoff: duration("retry.backoff.ms. Kafka: 100ms."),
    maxInFlight: count("max.in.flight.requests.per.connection (per partition here). Kafka: 5.", 1),
  },
};

/** JSON Schema of `kafka-consumer` config. */
export const CONSUMER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["controller", "coordinator"],
  properties: {
    controller: address("Where metadata comes from."),
    coordinator: address("The group coordinator's address."),
    group: { type: "string", description: "group.id. Default `group`." },
    topic: { type: "string" },
    topics: { type: "array", items: { type: "string" }, minItems: 1 },
    commit: { enum: ["auto", "before-process", "after-process"], description: "Offset commit: auto (Kafka's default), before processing (at-most-once), after processing (at-least-once)." },
    autoCommitInterval: duration("auto.commit.interval.ms. Kafka: 5s."),
    processingTime: duration("Time to process one record. Default 1ms."),
    maxPollRecords: count("max.poll.records. Kafka: 500.", 1),
    fetchMaxWait: duration("fetch.max.wait.ms. Kafka: 500ms."),
    sessionTimeout: duration("session.timeout.ms. Kafka: 45s."),
    heartbeatInterval: duration("heartbeat.interval.ms. Kafka: 3s."),
    rebalanceTimeout: duration("max.poll.interval.ms, also the rebalance timeout. Kafka: 5m."),
    requestTimeout: duration("request.timeout.ms. Kafka: 30s."),
    retryBackoff: duration("retry.backoff.ms. Kafka: 100ms."),
    autoOffsetReset: { enum: ["earliest", "latest"], description: "auto.offset.reset. Default earliest here (Kafka: latest)." },
    bug: { enum: ["none", "commit-before-process"], description: "Bug zoo: claim after-process but commit before processing." },
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
        type: { enum: ["classic", "quorum"], description: "x-queue-type. Quorum queues default to a delivery limit of 20." },
        durable: { type: "boolean", description: "Persistent messages go to disk. Default true." },
        messageTtl: duration("x-message-ttl."),
        maxLength: count("x-max-length: most ready messages."),
        overflow: { enum: ["drop-head", "reject-publish"], description: "x-overflow. Default drop-head." },
        deadLetterExchange: { type: "string", description: "x-dead-letter-exchange (\"\" is the default exchange)." },
        deadLetterRoutingKey: { type: "string", description: "x-dead-letter-routing-key." },
        deliveryLimit: { type: "integer", minimum: -1, description: "x-delivery-limit; -1 unlimited. Quorum default 20." },
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
    flushLatency: duration("How long one fsync takes. Default 1ms."),
    heartbeat: duration("Heartbeat timeout of consumer connections. RabbitMQ: 60s."),
    messageDelayLevel: { type: "string", description: "RocketMQ's delay levels. Default \"1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h\"." },
    bug: { enum: ["none", "ack-before-sync"], description: "Bug zoo: confirm a persistent message before its fsync finishes." },
  },
};

/** JSON Schema of `queue-publisher` config. */
export const PUBLISHER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["broker"],
  properties: {
    ...WORKLOAD,
    broker: address("The broker's address."),
    exchange: { type: "string", description: "Default \"\" (the default exchange)." },
    routingKey: { type: "string" },
    queue: { type: "string", description: "Shorthand: the default exchange with this routing key." },
    persistent: { type: "boolean", description: "delivery_mode 2. Default true." },
    confirms: { type: "boolean", description: "Publisher confirms. Default true." },
    confirmTimeout: duration("How long to wait for a confirm. Default 5s."),
    retries: count("Re-publish after a nack or timeout. Default 0."),
    retryBackoff: duration("Default 100ms."),
  },
};

/** JSON Schema of `queue-consumer` config. */
export const QUEUE_CONSUMER_SCHEMA: JsonObject = {
  type: "object", additionalProperties: false, required: ["broker", "queue"],
  properties: {
    broker: address("The broker's address."),
    queue: { type: "string" },
    group: { type: "string", description: "Consumer group (RocketMQ). Default the queue's name." },
    prefetch: count("basic.qos prefetch count; 0 unlimited (RabbitMQ's default)."),
    autoAck: { type: "boolean", description: "Acknowledged once sent. Default false (manual acks)." },
    processingTime: duration("Time to process one message. Default 1ms."),
    heartbeat: duration("Heartbeat timeout. RabbitMQ: 60s."),
    requestTimeout: duration("Default 5s."),
    reconnectBackoff: duration("Default 1s."),
    failKeys: { type: "array", items: { type: "string" }, description: "Keys whose messages always fail (poison)." },
    failIds: { type: "array", items: { type: "string" }, description: "Message ids that always fail." },
    failRatio: { type: "number", minimum: 0, maximum: 1, description: "A ratio of deliveries that fail at random." },
    onFailure: { enum: ["nack-requeue", "nack", "reject-requeue", "reject", "send-back"], description: "What a failure does. Default nack-requeue." },
    maxReconsumeTimes: { type: "integer", minimum: -1, description: "RocketMQ: -1 means 16." },
  },
};
