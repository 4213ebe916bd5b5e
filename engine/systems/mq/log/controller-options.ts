import type { Micros } from "../../../core/time";
import { SECOND } from "../../../core/time";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf, readOptions } from "../../../options/option-table";
import { addressList, stringValue } from "../config-values";
import type { TopicConfig } from "./topic-layout";

/** Options of the Kafka-like controller. */
export interface ControllerOptions {
  /** Every broker of the cluster, by address; replicas are placed over them in this order. */
  brokers: string[];
  topics: TopicConfig[];
  /** `broker.session.timeout.ms`: a broker silent this long is fenced and loses its leaderships. */
  sessionTimeout: Micros;
}

/**
 * The controller's plain options, each declared once (engine/options/option-table.ts), with
 * Kafka's defaults: `min.insync.replicas` 1, `unclean.leader.election.enable` false, and KRaft's
 * broker session timeout of 9 s (read as at least 1 µs). The first two are the cluster's
 * defaults for every topic.
 */
export const CONTROLLER_OPTIONS = {
  minInsyncReplicas: { type: "int", default: 1, min: 1, description: "acks=all needs at least this many in-sync replicas; the cluster default.", source: "Kafka min.insync.replicas" },
  uncleanLeaderElection: { type: "bool", default: false, description: "Elect an out-of-sync replica rather than stay offline; the cluster default.", source: "Kafka unclean.leader.election.enable" },
  sessionTimeout: { type: "duration", default: 9 * SECOND, description: "A broker silent this long is fenced.", source: "Kafka broker.session.timeout.ms" },
} as const satisfies OptionTable;

/**
 * One entry of `topics`: one partition, replication factor 3 (capped at the number of brokers),
 * and the cluster's `min.insync.replicas` and unclean election unless the topic sets its own.
 */
export const TOPIC_OPTIONS = {
  partitions: { type: "int", default: 1, min: 1, description: "Partitions of the topic." },
  replicationFactor: { type: "int", default: 3, min: 1, description: "Brokers that hold a copy of each partition; the default is capped at the broker count.", source: "Kafka replication.factor" },
  minInsyncReplicas: { ...CONTROLLER_OPTIONS.minInsyncReplicas, description: "min.insync.replicas for this topic; default the cluster's." },
  uncleanLeaderElection: { ...CONTROLLER_OPTIONS.uncleanLeaderElection, description: "unclean.leader.election.enable for this topic; default the cluster's." },
} as const satisfies OptionTable;

const TOPIC_DEFAULTS = defaultsOf(TOPIC_OPTIONS);

/** Reads the controller's config. Topic settings default from the cluster-wide ones. */
export function controllerOptions(c: Record<string, unknown>, where: string): ControllerOptions {
  const brokers = addressList(c.brokers, `${where}.brokers`);
  const cluster = readOptions(CONTROLLER_OPTIONS, c, where);
  const base = {
    ...TOPIC_DEFAULTS,
    replicationFactor: Math.min(TOPIC_DEFAULTS.replicationFactor, brokers.length),
    minInsyncReplicas: cluster.minInsyncReplicas,
    uncleanLeaderElection: cluster.uncleanLeaderElection,
  };
  const raw = c.topics ?? [{ name: "events" }];
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`${where}.topics: expected a list of topics such as [{ name: "orders", partitions: 3 }], got ${JSON.stringify(raw)}`);
  const topics = raw.map((t, i): TopicConfig => {
    const at = `${where}.topics[${i}]`;
    const o = (typeof t === "object" && t !== null ? t : { name: t }) as Record<string, unknown>;
    const name = stringValue(o.name, `${at}.name`);
    const topic = readOptions(TOPIC_OPTIONS, o, at, base);
    const rf = topic.replicationFactor;
    if (rf > brokers.length) throw new Error(`${at}.replicationFactor: ${rf} replicas need ${rf} brokers, but the cluster has ${brokers.length}`);
    return { name, partitions: topic.partitions, replicationFactor: rf, minInsyncReplicas: topic.minInsyncReplicas, uncleanLeaderElection: topic.uncleanLeaderElection };
  });
  return { brokers, topics, sessionTimeout: Math.max(1, cluster.sessionTimeout) };
}
