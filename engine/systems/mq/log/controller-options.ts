import type { Micros } from "../../../core/time";
import { SECOND } from "../../../core/time";
import { addressList, booleanValue, durationValue, integerValue, stringValue } from "../config-values";
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
 * Kafka's defaults: `min.insync.replicas` 1, `unclean.leader.election.enable` false, one
 * partition, replication factor 3 (capped at the number of brokers), and KRaft's broker session
 * timeout of 9 s.
 */
export const CONTROLLER_DEFAULTS = {
  partitions: 1,
  replicationFactor: 3,
  minInsyncReplicas: 1,
  uncleanLeaderElection: false,
  sessionTimeout: 9 * SECOND,
};

/** Reads the controller's config. Topic settings default from the cluster-wide ones. */
export function controllerOptions(c: Record<string, unknown>, where: string): ControllerOptions {
  const brokers = addressList(c.brokers, `${where}.brokers`);
  const d = CONTROLLER_DEFAULTS;
  const minIsr = integerValue(c.minInsyncReplicas, `${where}.minInsyncReplicas`, d.minInsyncReplicas, 1);
  const unclean = booleanValue(c.uncleanLeaderElection, `${where}.uncleanLeaderElection`, d.uncleanLeaderElection);
  const raw = c.topics ?? [{ name: "events" }];
  if (!Array.isArray(raw) || raw.length === 0) throw new Error(`${where}.topics: expected a list of topics such as [{ name: "orders", partitions: 3 }], got ${JSON.stringify(raw)}`);
  const topics = raw.map((t, i): TopicConfig => {
    const at = `${where}.topics[${i}]`;
    const o = (typeof t === "object" && t !== null ? t : { name: t }) as Record<string, unknown>;
    const rf = integerValue(o.replicationFactor, `${at}.replicationFactor`, Math.min(d.replicationFactor, brokers.length), 1);
    if (rf > brokers.length) throw new Error(`${at}.replicationFactor: ${rf} replicas need ${rf} brokers, but the cluster has ${brokers.length}`);
    return {
      name: stringValue(o.name, `${at}.name`),
      partitions: integerValue(o.partitions, `${at}.partitions`, d.partitions, 1),
      replicationFactor: rf,
      minInsyncReplicas: integerValue(o.minInsyncReplicas, `${at}.minInsyncReplicas`, minIsr, 1),
      uncleanLeaderElection: booleanValue(o.uncleanLeaderElection, `${at}.uncleanLeaderElection`, unclean),
    };
  });
  return { brokers, topics, sessionTimeout: Math.max(1, durationValue(c.sessionTimeout, `${where}.sessionTimeout`, d.sessionTimeout)) };
}
