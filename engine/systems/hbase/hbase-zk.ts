import type { Json } from "../../core/json";
import { MS } from "../../core/time";
import type { Micros } from "../../core/time";
import type { Runtime } from "../../node/runtime-api";
import { badConfig } from "../../options/option-values";
import { ZK_MSG } from "../consensus/zookeeper/zk-messages";
import { resolveZkClientOptions } from "../consensus/zookeeper/zk-options";
import { ZK_SERVER_KIND } from "../consensus/zookeeper/zk-server";
import { ZkSession } from "../consensus/zookeeper/zk-session";
import { HDFS_KIND } from "./hdfs";

/** The znode under which each live region server keeps an ephemeral znode named by its server name. */
export const RS_ZNODE = "/hbase/rs";

/** A ZooKeeper session for an HBase process, asking for `timeout` (the ensemble clamps it). */
export function hbaseSession(rt: Runtime, timeout: Micros, where: string): ZkSession {
  const servers = rt.directory().filter((p) => p.kind === ZK_SERVER_KIND).map((p) => p.address);
  if (servers.length === 0) badConfig(where, "zookeeper", `at least one ${ZK_SERVER_KIND} (hbase.zookeeper.quorum; none in the scenario)`, servers);
  return new ZkSession(rt, resolveZkClientOptions({ sessionTimeoutUs: timeout }, where), servers);
}

/** Creates a persistent znode that may already exist; returns false if the session expired first. */
export async function ensureZnode(s: ZkSession, rt: Runtime, path: string, data: Json = null, ephemeral = false): Promise<boolean> {
  for (;;) {
    const r = await s.call(ZK_MSG.create, { session: s.id, path, data, ...(ephemeral ? { ephemeral } : {}) });
    if (r.ok || r.code === "NODEEXISTS") return true;
    if (r.code === "SESSIONEXPIRED") return false;
    await rt.sleep(20 * MS);
  }
}

/** The address of the HDFS-like service (hbase.rootdir's file system). */
export function hdfsAddress(rt: Runtime, where: string): string {
  const a = rt.directory().find((p) => p.kind === HDFS_KIND)?.address;
  return a ?? badConfig(where, "hbase.rootdir", `an ${HDFS_KIND} process (none in the scenario)`, null);
}
