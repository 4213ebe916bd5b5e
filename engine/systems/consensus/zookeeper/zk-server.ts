import type { Json } from "../../../core/json";
import type { Micros } from "../../../core/time";
import type { Message, ProcessFactory } from "../../../node/runtime-api";
import { CallError } from "../../../node/runtime-api";
import { RAFT_MSG } from "../raft-messages";
import type { RaftRefusal } from "../raft-server";
import { raftServer } from "../raft-server";
import { ZK_MSG } from "./zk-messages";
import { resolveZkServerOptions, ZK_SERVER_OPTIONS } from "./zk-options";
import type { ZkStateMachine } from "./zk-state-machine";
import { zkStateMachine } from "./zk-state-machine";

/** The process kind of the ZooKeeper-like servers. */
export const ZK_SERVER_KIND = "zk-server";

/** Why a ZooKeeper server refused a client: `not-connected` (no quorum in reach; nothing happened) or what Raft said. */
export interface ZkRefusal {
  code: "not-connected" | "timeout" | RaftRefusal["code"];
  message: string;
}

const WRITES: ReadonlySet<string> = new Set([ZK_MSG.createSession, ZK_MSG.ping, ZK_MSG.closeSession, ZK_MSG.create, ZK_MSG.setData, ZK_MSG.delete, ZK_MSG.sync]);

/**
 * A ZooKeeper-like server: the data tree of zk-state-machine.ts replicated by this project's
 * Raft (raft-server.ts), with what ZooKeeper's servers do around it.
 *
 * - Replication: Raft, not ZAB. ZooKeeper replicates with ZAB (Zookeeper Atomic Broadcast), a
 *   primary-backup protocol: a newly elected leader first runs a discovery and a
 *   synchronization phase in which it brings every follower's history in line with its own
 *   (sending DIFF, TRUNC or SNAP) before it broadcasts anything new, and transactions are
 *   identified by zxid = (epoch, counter). Raft instead repairs logs lazily, entry by entry, as
 *   AppendEntries finds mismatches, and commits a new leader's older entries only through an
 *   entry of its own term. Both give a single total order of writes committed by a majority;
 *   what a client sees here is what ZooKeeper promises (ordered writes, possibly stale local
 *   reads, sync). ZooKeeper's observers, which get the commits but do not vote, are Raft's
 *   learners here; in ZAB a learner (follower or observer) syncs with the leader before it
 *   serves clients, while a Raft learner serves what it has applied.
 * - Clients may talk to any server. Reads are answered from the server's own applied state, so
 *   a follower's answer can be stale; `sync` goes through the leader and a read carrying
 *   `after: index` waits until this server has applied that far (ZooKeeper's sync + read).
 *   Writes sent to a follower are forwarded to the leader, as ZooKeeper's followers do.
 * - A server that has not been in touch with a quorum for syncLimit ticks (a follower that has
 *   heard no AppendEntries, a leader that has heard from no majority) refuses clients with
 *   `not-connected`, as a ZooKeeper server cut off from the majority drops them (read-only mode,
 *   ZooKeeper's opt-in exception, is not modelled).
 *
 * Config: the Raft keys (raft-options.ts) and ZK_SERVER_OPTIONS.
 */
export const zkServer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `${ZK_SERVER_KIND} ${rt.address}`;
  const zkPart: Record<string, unknown> = {};
  const raftPart: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) (k in ZK_SERVER_OPTIONS ? zkPart : raftPart)[k] = v;
  const o = resolveZkServerOptions(zkPart, where);
  let machine: ZkStateMachine | null = null;
  const inner = raftServer(ZK_SERVER_KIND, (ctx) => (machine = zkStateMachine(ctx, o, `${rt.address}@${rt.incarnation}`)))(rt, raftPart);
  const limit: Micros = o.syncLimit * o.tickTimeUs;
  const servers = rt.directory().filter((p) => p.kind === ZK_SERVER_KIND && p.process === rt.process).length;
  let heardAt: Micros = Number.NEGATIVE_INFINITY;
  const repliedAt = new Map<string, Micros>();

  const connected = () => {
    const now = rt.now();
    if (now - heardAt <= limit) return true;
    let fresh = 1;
    for (const t of repliedAt.values()) if (now - t <= limit) fresh++;
    return fresh * 2 > servers;
  };
  const refuse = (code: ZkRefusal["code"], message: string): never => { throw { code, message } satisfies ZkRefusal; };

  const forward = async (leader: string, req: Message): Promise<unknown> => {
    try {
      return await rt.call(leader, req.type, { ...(req.body as Record<string, Json>), forwarded: true }, { timeout: limit });
    } catch (e) {
      if (e instanceof CallError && e.code === "remote" && e.detail) throw e.detail;
      return refuse("unknown", `${rt.address}: forwarding to the leader ${leader} failed (${e instanceof CallError ? e.code : String(e)}); the write may or may not take effect`);
    }
  };

  const handle = async (req: Message): Promise<unknown> => {
    if (!connected()) refuse("not-connected", `${rt.address} has not been in touch with a quorum for ${o.syncLimit} ticks and drops its clients`);
    const body = (req.body ?? {}) as Record<string, Json>;
    if (WRITES.has(req.type)) {
      try {
        return await inner.request!(req);
      } catch (e) {
        const r = e as RaftRefusal;
        if (r?.code === "not-leader" && r.leader && r.leader !== rt.address && body.forwarded !== true) return forward(r.leader, req);
        throw e;
      }
    }
    const after = typeof body.after === "number" ? body.after : 0;
    if (machine && after > machine.appliedIndex()) {
      let timer = null as ReturnType<typeof rt.setTimer> | null;
      const late = await Promise.race([
        machine.whenApplied(after).then(() => false),
        new Promise<boolean>((resolve) => { timer = rt.setTimer(limit, () => resolve(true), "zk-read-after"); }),
      ]);
      if (timer) rt.clearTimer(timer);
      if (late) refuse("timeout", `${rt.address} had not applied index ${after} within ${o.syncLimit} ticks`);
    }
    return inner.request!({ ...req, body: { ...body, to: req.from } });
  };

  return {
    start: () => inner.start?.(),
    message(msg: Message) {
      if (msg.type === RAFT_MSG.append || msg.type === RAFT_MSG.snapshot) heardAt = rt.now();
      else if (msg.type === RAFT_MSG.appendReply) repliedAt.set(msg.from, rt.now());
      return inner.message?.(msg);
    },
    request: handle,
  };
};
