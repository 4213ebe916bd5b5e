import type { Micros } from "../../../core/time";
import type { ProcessFactory } from "../../../node/runtime-api";
import { mqError } from "../mq-error";
import { ConsumerGroup } from "./consumer-group";
import type { TopicPartition } from "./range-assignor";

/** A join request. */
interface JoinRequest {
  group: string;
  memberId: string | null;
  topics: Record<string, number>;
  sessionTimeout: Micros;
  rebalanceTimeout: Micros;
}

/** An offset commit: the next offset to read, per partition. */
interface CommitRequest {
  group: string;
  memberId: string;
  generation: number;
  offsets: Array<TopicPartition & { offset: number }>;
}

/** What the coordinator publishes for the visualizer. */
interface CoordinatorView {
  groups: Record<string, { state: string; generation: number; members: Record<string, string[]> }>;
}

/**
 * Kafka's group coordinator as a process of its own: consumer group membership and rebalances
 * (`ConsumerGroup`), heartbeats, and committed offsets. Offsets and each group's generation are
 * written and synced before a commit is acknowledged (Kafka keeps them in the replicated
 * `__consumer_offsets` topic), so they survive its crash; membership does not, and after a
 * restart every member learns it is unknown and joins again. As in Kafka, a commit is refused
 * from a member of an older generation (ILLEGAL_GENERATION) but accepted from the current one
 * while a rebalance is being prepared, so members can commit what they processed before they
 * rejoin.
 */
export const groupCoordinator: ProcessFactory<Record<string, unknown>> = (rt) => {
  const groups = new Map<string, ConsumerGroup>();
  let nextMember = 0;

  const show = () => {
    rt.publish<CoordinatorView>((v) => {
      v.groups = {};
      for (const g of groups.values()) {
        const members: Record<string, string[]> = {};
        for (const id of g.members.keys()) members[id] = g.assigned(id).map((tp) => `${tp.topic}-${tp.partition}`);
        v.groups[g.name] = { state: g.state, generation: g.generation, members };
      }
    });
  };

  const groupOf = (name: string): ConsumerGroup => {
    let g = groups.get(name);
    if (!g) {
      g = new ConsumerGroup(rt, name, rt.disk.read<number>(`generation/${name}`) ?? 0, (changed) => {
        rt.disk.write(`generation/${changed.name}`, changed.generation);
        rt.disk.sync();
        show();
      });
      groups.set(name, g);
    }
    return g;
  };

  const join = async (from: string, body: JoinRequest) => {
    const g = groupOf(body.group);
    const id = body.memberId !== null && g.members.has(body.memberId) ? body.memberId : `${from}~${rt.incarnation}.${nextMember++}`;
    const result = await g.join({
      id, address: from, topics: body.topics,
      sessionTimeout: Math.max(1, body.sessionTimeout), rebalanceTimeout: Math.max(1, body.rebalanceTimeout),
    });
    show();
    return result ?? mqError("UNKNOWN_MEMBER_ID", `${id} was dropped from ${body.group} before the rebalance completed`);
  };

  const heartbeat = (body: { group: string; memberId: string; generation: number }) => {
    const g = groupOf(body.group);
    const m = g.members.get(body.memberId);
    if (!m) return mqError("UNKNOWN_MEMBER_ID", `${body.memberId} is not a member of ${body.group}`);
    g.touch(m);
    if (g.state === "rebalancing") return mqError("REBALANCE_IN_PROGRESS", `${body.group} is rebalancing`);
    if (body.generation !== g.generation) return mqError("ILLEGAL_GENERATION", `${body.group} is in generation ${g.generation}, not ${body.generation}`);
    return { ok: true };
  };

  const commit = (body: CommitRequest) => {
    const g = groupOf(body.group);
    if (!g.members.has(body.memberId)) return mqError("UNKNOWN_MEMBER_ID", `${body.memberId} is not a member of ${body.group}`);
    if (body.generation !== g.generation) return mqError("ILLEGAL_GENERATION", `commit from generation ${body.generation}, ${body.group} is in ${g.generation}`);
    for (const o of body.offsets) rt.disk.write(`offset/${body.group}/${o.topic}/${o.partition}`, o.offset);
    rt.disk.sync();
    return { ok: true };
  };

  const fetchOffsets = (body: { group: string; partitions: TopicPartition[] }) => ({
    offsets: body.partitions.map((tp) => ({ ...tp, offset: rt.disk.read<number>(`offset/${body.group}/${tp.topic}/${tp.partition}`) ?? -1 })),
  });

  return {
    start() {
      show();
    },
    request(req) {
      switch (req.type) {
        case "join-group": return join(req.from, req.body as JoinRequest);
        case "heartbeat": return heartbeat(req.body as Parameters<typeof heartbeat>[0]);
        case "commit-offsets": return commit(req.body as CommitRequest);
        case "fetch-offsets": return fetchOffsets(req.body as Parameters<typeof fetchOffsets>[0]);
        default: return mqError("NOT_FOUND", `the group coordinator does not answer "${req.type}"`);
      }
    },
  };
};

