import type { Json } from "../../core/json";
import type { Micros } from "../../core/time";
import { MS } from "../../core/time";
import type { ProcessFactory } from "../../node/runtime-api";
import { badConfig, checkKeys, toChoice, toMicros } from "../../options/option-values";
import { callServer, ETCD_SERVER_KIND } from "./etcd-client";
import { RAFT_ADMIN } from "./raft-server";

/** One scheduled membership change. */
export interface MembershipChange {
  at: Micros;
  op: "add-learner" | "add-voter" | "remove";
  address: string;
}

const OPS = { "add-learner": RAFT_ADMIN.addLearner, "add-voter": RAFT_ADMIN.addVoter, remove: RAFT_ADMIN.remove } as const;

/**
 * An operator running single-server membership changes (`etcdctl member add --learner`,
 * `member promote`, `member remove`) at the given times: it finds the leader by following
 * `not-leader` hints and retries every 200 ms until the change is committed (the leader
 * refuses while another change is in flight). History: `membership` (op, address, ok, at).
 */
export const etcdAdmin: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `etcd-admin ${rt.address}`;
  checkKeys(config, ["changes", "servers"], where);
  if (!Array.isArray(config.changes)) badConfig(where, "changes", "a list of { at, op: add-learner|add-voter|remove, address }", config.changes);
  const changes: MembershipChange[] = (config.changes as Array<Record<string, unknown>>).map((c, i) => ({
    at: toMicros(c.at, where, `changes[${i}].at`),
    op: toChoice(c.op, ["add-learner", "add-voter", "remove"] as const, where, `changes[${i}].op`),
    address: typeof c.address === "string" && c.address.includes("/") ? c.address : badConfig(where, `changes[${i}].address`, "a server address", c.address),
  }));
  const servers = Array.isArray(config.servers) ? (config.servers as string[]) : rt.directory().filter((p) => p.kind === ETCD_SERVER_KIND).map((p) => p.address);
  let leader = servers[0];

  const apply = async (c: MembershipChange): Promise<void> => {
    for (let tries = 0; tries < 200; tries++) {
      const r = await callServer(rt, leader, OPS[c.op], { address: c.address } as Json, 1000 * MS);
      if (r.ok) { rt.record("membership", { op: c.op, address: c.address, ok: true }); return; }
      leader = r.leader && r.leader !== leader ? r.leader : servers[(servers.indexOf(leader) + 1) % servers.length];
      await rt.sleep(200 * MS);
    }
    rt.record("membership", { op: c.op, address: c.address, ok: false });
  };

  return {
    async start() {
      // The changes run one after another, each at its time or after the one before it.
      for (const c of changes) {
        if (rt.now() < c.at) await rt.sleep(c.at - rt.now());
        await apply(c);
      }
    },
  };
};
