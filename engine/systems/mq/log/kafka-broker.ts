import type { ProcessFactory } from "../../../node/runtime-api";
import { resumeNow, resumingNow } from "../resume-now";
import { Flusher } from "../flusher";
import { isMqError, mqError } from "../mq-error";
import type { BrokerContext } from "./broker-context";
import { brokerOptions } from "./broker-options";
import { handleFetch } from "./fetch-handler";
import type { FetchRequest } from "./fetch-handler";
import { handleProduce } from "./produce-handler";
import type { ProduceRequest } from "./produce-handler";
import { Replica } from "./replica";
import { runFetcher } from "./replica-fetcher";
import type { PartitionState } from "./topic-layout";
import { tpName } from "./topic-layout";

/** What a broker publishes for the visualizer, per partition it hosts. */
interface BrokerView {
  partitions: Record<string, { role: string; leader: string | null; epoch: number; leo: number; hw: number; isr: string[] }>;
}

/**
 * A Kafka-like broker. It hosts replicas of the partitions the controller assigns it, learns
 * their states from the controller's pushes and from its own heartbeats' answers, leads some
 * (serving producers and fetches, keeping the ISR) and follows the others (fetching from their
 * leaders). Its disk holds the logs; the flush policy decides how much of them a crash loses.
 * On restart it reads its logs back and waits for the controller to tell it its roles again.
 */
export const kafkaBroker: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const o = brokerOptions(config, `${rt.address} config`);
  const replicas = new Map<string, Replica>();
  const flusher = new Flusher(rt, o.flush, o.flushLatency);

  const ctx: BrokerContext = {
    rt, o, flusher,
    replica: (topic, partition) => replicas.get(tpName(topic, partition)),
    proposeIsr: (r, isr) => void proposeIsr(r, isr),
    show: (r) => show(r),
  };

  const show = (r: Replica) => {
    rt.publish<BrokerView>((v) => {
      v.partitions ??= {};
      v.partitions[tpName(r.topic, r.partition)] = { role: r.role, leader: r.leader, epoch: r.epoch, leo: r.log.leo, hw: r.hw, isr: [...r.isr] };
    });
  };

  const apply = (s: PartitionState) => {
    if (!s.replicas.includes(rt.address)) return;
    const name = tpName(s.topic, s.partition);
    let r = replicas.get(name);
    if (!r) {
      r = new Replica(rt, rt.address, s.topic, s.partition);
      replicas.set(name, r);
    }
    const t = r.apply(s);
    if (t === "stale") return;
    if (t === "became-follower") void runFetcher(ctx, r);
    show(r);
  };

  async function proposeIsr(r: Replica, isr: string[]): Promise<void> {
    if (r.alterInFlight || r.role !== "leader") return;
    r.alterInFlight = true;
    try {
      const reply = await rt.call<{ state?: PartitionState }>(o.controller, "alter-partition", {
        topic: r.topic, partition: r.partition, leader: rt.address, leaderEpoch: r.epoch, version: r.state!.version, isr,
      }, { timeout: o.heartbeatInterval });
      if (reply.state) apply(reply.state);
    } catch {
      // The controller is unreachable: the ISR stays as it is, and so may the high watermark.
    } finally {
      r.alterInFlight = false;
    }
  }

  /** Drops lagging followers from the ISR of every partition this broker leads. */
  const checkIsr = () => {
    for (const r of replicas.values()) {
      if (r.role !== "leader") continue;
      const lagging = r.laggingFollowers(o.replicaLagTimeMax);
      if (lagging.length > 0) void proposeIsr(r, r.isr.filter((x) => !lagging.includes(x)));
    }
    rt.setTimer(Math.max(1, Math.floor(o.replicaLagTimeMax / 2)), resumingNow(checkIsr), "isr-check");
  };

  const heartbeat = async () => {
    try {
      const reply = await rt.call<{ partitions?: PartitionState[] }>(o.controller, "broker-heartbeat", { broker: rt.address, incarnation: rt.incarnation }, { timeout: o.heartbeatInterval });
      if (!isMqError(reply)) for (const s of reply.partitions ?? []) apply(s);
    } catch {
      // Missed: the controller fences this broker if it stays silent for a whole session.
    }
  };

  const heartbeatLoop = () => {
    void heartbeat();
    rt.setTimer(o.heartbeatInterval, resumingNow(heartbeatLoop), "heartbeat");
  };

  return {
    start() {
      heartbeatLoop();
      rt.setTimer(Math.max(1, Math.floor(o.replicaLagTimeMax / 2)), resumingNow(checkIsr), "isr-check");
      return resumeNow();
    },
    message(msg) {
      if (msg.type === "partition-state") apply(msg.body as PartitionState);
      else if (msg.type === "produce") void handleProduce(ctx, { ...(msg.body as ProduceRequest), acks: 0 });
      // A new state wakes fetches and producers waiting on the replica: let them run now.
      return resumeNow();
    },
    request(req) {
      switch (req.type) {
        case "produce": return handleProduce(ctx, req.body as ProduceRequest);
        case "fetch": {
          const body = req.body as FetchRequest;
          return handleFetch(ctx, { ...body, replica: undefined, leaderEpoch: undefined });
        }
        case "replica-fetch": return handleFetch(ctx, req.body as FetchRequest);
        case "list-offsets": {
          const { topic, partition } = req.body as { topic: string; partition: number };
          const r = replicas.get(tpName(topic, partition));
          return r && r.role === "leader" ? { hw: r.hw } : mqError("NOT_LEADER_OR_FOLLOWER", `${rt.address} does not lead ${tpName(topic, partition)}`);
        }
        default: return mqError("NOT_FOUND", `a broker does not answer "${req.type}"`);
      }
    },
  };
};
