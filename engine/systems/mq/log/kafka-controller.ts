import type { Json } from "../../../core/json";
import type { ProcessFactory, Runtime } from "../../../node/runtime-api";
import { resumingNow } from "../resume-now";
import { MQ_EVENTS } from "../mq-events";
import { mqError } from "../mq-error";
import { controllerOptions } from "./controller-options";
import type { ControllerOptions } from "./controller-options";
import { electLeader } from "./elect-leader";
import type { PartitionState, TopicConfig, TopicMetadata } from "./topic-layout";
import { assignReplicas, tpName } from "./topic-layout";

/** A broker's session with the controller. */
interface Session {
  deadline: number;
  incarnation: number;
  fenced: boolean;
}

/** What the controller publishes for the visualizer. */
interface ControllerView {
  partitions: Record<string, { leader: string | null; epoch: number; isr: string[] }>;
  fenced: string[];
}

/**
 * The Kafka-like controller (KRaft's active controller, reduced to one process). It owns the
 * partition states: who leads, in which epoch, which replicas are in sync. Brokers heartbeat to
 * it; a broker silent for `sessionTimeout`, or one that comes back as a new incarnation (it
 * restarted and lost its page cache), is fenced: it leaves every ISR that has others in it, and
 * the partitions it led get a new leader from their ISR (`electLeader`). Leaders ask it to
 * shrink or expand the ISR (AlterPartition). Every change is synced to its disk before it is
 * pushed to the replicas, as KRaft commits to its metadata log first.
 *
 * Elections are deterministic: the first live in-sync replica in preference order. There is
 * one controller and it does not fail over; while it is down or cut off, no election happens.
 */
export const kafkaController: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const o = controllerOptions(config, `${rt.address} config`);
  const topics = new Map(o.topics.map((t) => [t.name, t]));
  const states = loadOrCreate(rt, o);
  const sessions = new Map<string, Session>();
  const tick = Math.max(1, Math.floor(o.sessionTimeout / 8));

  const live = (): Set<string> => new Set(o.brokers.filter((b) => !sessions.get(b)?.fenced));

  const save = (s: PartitionState) => {
    rt.disk.write(`partition/${tpName(s.topic, s.partition)}`, s as unknown as Json);
  };

  const push = (s: PartitionState) => {
    for (const r of s.replicas) rt.send(r, "partition-state", s);
  };

  const publish = () => {
    rt.publish<ControllerView>((v) => {
      v.partitions = {};
      for (const s of states.values()) v.partitions[tpName(s.topic, s.partition)] = { leader: s.leader, epoch: s.leaderEpoch, isr: [...s.isr] };
      v.fenced = o.brokers.filter((b) => sessions.get(b)?.fenced);
    });
  };

  /** Applies a batch of changes: durable first, then pushed, then shown. */
  const commit = (changed: PartitionState[]) => {
    if (changed.length === 0) return;
    for (const s of changed) save(s);
    rt.disk.sync();
    for (const s of changed) push(s);
    publish();
  };

  const elect = (s: PartitionState, reason: string): void => {
    const topic = topics.get(s.topic)!;
    const e = electLeader(s, live(), topic.uncleanLeaderElection);
    s.version++;
    if (e.leader === null) {
      const wasOnline = s.leader !== null;
      s.leader = null;
      s.isr = e.isr;
      if (wasOnline) rt.record(MQ_EVENTS.partitionOffline, { topic: s.topic, partition: s.partition, isr: [...s.isr], reason });
      return;
    }
    s.leader = e.leader;
    s.isr = e.isr;
    s.leaderEpoch++;
    rt.record(MQ_EVENTS.leaderElected, { topic: s.topic, partition: s.partition, leader: e.leader, epoch: s.leaderEpoch, isr: [...e.isr], unclean: e.unclean, reason });
  };

  const fence = (broker: string, reason: string) => {
    const session = sessions.get(broker);
    if (session) session.fenced = true;
    const changed: PartitionState[] = [];
    for (const s of states.values()) {
      if (s.leader === broker) {
        elect(s, reason);
        changed.push(s);
      } else if (s.leader !== null && s.isr.includes(broker)) {
        s.isr = s.isr.filter((r) => r !== broker);
        s.version++;
        rt.record(MQ_EVENTS.isrChange, { topic: s.topic, partition: s.partition, isr: [...s.isr], reason: `${broker} fenced: ${reason}` });
        changed.push(s);
      }
    }
    commit(changed);
  };

  const unfence = (broker: string) => {
    const session = sessions.get(broker);
    if (session) session.fenced = false;
    const changed: PartitionState[] = [];
    for (const s of states.values()) {
      if (s.leader === null && s.replicas.includes(broker)) {
        elect(s, `${broker} is back`);
        if (s.leader !== null) changed.push(s);
      }
    }
    commit(changed);
    publish();
  };

  const expire = () => {
    const now = rt.now();
    for (const b of o.brokers) {
      const s = sessions.get(b)!;
      if (!s.fenced && s.deadline <= now) fence(b, "session expired");
    }
    rt.setTimer(tick, resumingNow(expire), "session-check");
  };

  const heartbeat = (body: { broker: string; incarnation: number }) => {
    const s = sessions.get(body.broker);
    if (!s) return mqError("NOT_FOUND", `${body.broker} is not a broker of this cluster`);
    if (s.incarnation >= 0 && s.incarnation !== body.incarnation && !s.fenced) fence(body.broker, "restarted");
    s.incarnation = body.incarnation;
    s.deadline = rt.now() + o.sessionTimeout;
    if (s.fenced) unfence(body.broker);
    return { partitions: [...states.values()].filter((p) => p.replicas.includes(body.broker)) };
  };

  const alterPartition = (body: { topic: string; partition: number; leader: string; leaderEpoch: number; version: number; isr: string[] }) => {
    const s = states.get(tpName(body.topic, body.partition));
    if (!s) return mqError("UNKNOWN_TOPIC_OR_PARTITION", `no partition ${tpName(body.topic, body.partition)}`);
    if (s.leader !== body.leader || s.leaderEpoch !== body.leaderEpoch) return { ...mqError("FENCED_LEADER_EPOCH", `${body.leader} no longer leads ${tpName(s.topic, s.partition)}`), state: s };
    if (s.version !== body.version) return { ...mqError("FENCED_LEADER_EPOCH", `stale partition version ${body.version}, current ${s.version}`), state: s };
    const liveNow = live();
    const isr = s.replicas.filter((r) => body.isr.includes(r) && (s.isr.includes(r) || liveNow.has(r)));
    if (!isr.includes(body.leader)) return { ...mqError("NOT_LEADER_OR_FOLLOWER", "the ISR must contain its leader"), state: s };
    const added = isr.filter((r) => !s.isr.includes(r));
    const removed = s.isr.filter((r) => !isr.includes(r));
    if (added.length > 0 || removed.length > 0) {
      s.isr = isr;
      s.version++;
      rt.record(MQ_EVENTS.isrChange, { topic: s.topic, partition: s.partition, isr: [...isr], reason: added.length > 0 ? `${added.join(",")} caught up` : `${removed.join(",")} fell behind` });
      commit([s]);
    }
    return { state: s };
  };

  const metadata = () => {
    const out: Record<string, TopicMetadata & { minIsr: number }> = {};
    for (const t of o.topics) {
      out[t.name] = {
        minIsr: t.minInsyncReplicas,
        partitions: Array.from({ length: t.partitions }, (_, p) => {
          const s = states.get(tpName(t.name, p))!;
          return { partition: p, leader: s.leader, leaderEpoch: s.leaderEpoch };
        }),
      };
    }
    return { topics: out };
  };

  return {
    start() {
      // Every broker gets a full session after a (re)start, so a controller restart fences no one.
      for (const b of o.brokers) sessions.set(b, { deadline: rt.now() + o.sessionTimeout, incarnation: -1, fenced: false });
      for (const s of states.values()) push(s);
      publish();
      rt.setTimer(tick, resumingNow(expire), "session-check");
    },
    request(req) {
      switch (req.type) {
        case "broker-heartbeat": return heartbeat(req.body as { broker: string; incarnation: number });
        case "metadata": return metadata();
        case "alter-partition": return alterPartition(req.body as Parameters<typeof alterPartition>[0]);
        default: return mqError("NOT_FOUND", `the controller does not answer "${req.type}"`);
      }
    },
  };
};

/** The partition states from disk, or a fresh layout (written and synced) on the first start. */
function loadOrCreate(rt: Runtime, o: ControllerOptions): Map<string, PartitionState> {
  const states = new Map<string, PartitionState>();
  let fresh = false;
  for (const t of o.topics) {
    for (let p = 0; p < t.partitions; p++) {
      const name = tpName(t.name, p);
      const saved = rt.disk.read<Json>(`partition/${name}`) as unknown as PartitionState | undefined;
      if (saved) {
        states.set(name, { ...saved, isr: [...saved.isr], replicas: [...saved.replicas] });
        continue;
      }
      states.set(name, initial(o.brokers, t, p));
      fresh = true;
    }
  }
  if (fresh) {
    for (const [name, s] of states) rt.disk.write(`partition/${name}`, s as unknown as Json);
    rt.disk.sync();
  }
  return states;
}

/** A new partition: led by its first replica, every replica in sync, epoch 0. */
function initial(brokers: readonly string[], t: TopicConfig, p: number): PartitionState {
  const replicas = assignReplicas(brokers, p, t.replicationFactor);
  return { topic: t.name, partition: p, replicas, leader: replicas[0], leaderEpoch: 0, isr: [...replicas], version: 0, minIsr: t.minInsyncReplicas };
}
