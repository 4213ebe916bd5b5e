import type { Json } from "../../core/json";
import { SECOND } from "../../core/time";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { CallError } from "../../node/runtime-api";
import { readOptions } from "../../options/option-table";
import { checkKeys } from "../../options/option-values";
import { ZK_MSG } from "../consensus/zookeeper/zk-messages";
import type { HBaseError, WalEntry } from "./hbase-messages";
import { HBASE_MSG, HDFS_MSG } from "./hbase-messages";
import { HBASE_RS_OPTIONS } from "./hbase-options";
import { ensureZnode, hbaseSession, hdfsAddress, RS_ZNODE } from "./hbase-zk";

/** The process kind of HBase's region servers. */
export const HBASE_RS_KIND = "hbase-regionserver";

/** What a region server publishes for the visualizer. */
export interface HBaseRsState {
  server: string;
  regions: string[];
  aborted: boolean;
}

const refuse = (code: string, message: string): never => { throw { code, message } satisfies HBaseError; };
const why = (e: unknown) => (e instanceof CallError ? String((e.detail as HBaseError | undefined)?.code ?? e.code) : String(e));

/**
 * An HBase region server [HBASE] (docs/stores.md). Its server name is `host,16020,startcode`
 * with the process's incarnation as the start code, so a restarted server is a new server. At
 * start it creates its WAL directory /hbase/WALs/<server name> and its first WAL in HDFS, then
 * opens a ZooKeeper session and registers the ephemeral znode /hbase/rs/<server name> (its
 * data: the address clients call).
 *
 * - Regions: the master tells it to open a region; it replays the region's recovered edits
 *   (written by the master's WAL split) into the region's memstore and serves it.
 * - Writes: a put is appended to the WAL and synced in HDFS before it is applied to the memstore
 *   and acknowledged. When an append is refused (the master recovered the WAL's lease), the
 *   server rolls to a new WAL in its WAL directory with createNonRecursive; if that fails too
 *   (the master renamed the directory to -splitting) it aborts. That is HBase's fencing of a
 *   server that the master has declared dead but that is only paused: its late writes are refused.
 * - Its session: when ZooKeeper answers SESSIONEXPIRED, it aborts (HRegionServer.abort). An
 *   aborted server serves nothing again (a supervisor would start a new process, which is a new
 *   server name).
 * - Simplified: no memstore flushes or HFiles (a region's durable state is its recovered-edits
 *   files, which stay and play the part of the store files), one WAL per server, no
 *   regionServerReport to the master (so no YouAreDeadException), no region splits.
 * - Bug `serve-after-expiry`: it ignores the session's expiry, and its WAL roll creates the WAL
 *   directory again (a plain create, as a lazily created WAL did in HBase 2.x), so a paused
 *   server that wakes up goes on acknowledging writes for regions the master has moved, into a
 *   WAL nobody will split.
 *
 * History: `hbase-rs-registered` (server, session), `hbase-region-open` (region, server,
 * edits), `hbase-put` (region, server, wal: the WAL that has it) for each acknowledged write, `hbase-wal-roll` (server,
 * path), `hbase-rs-abort` (server, why, regions). Metrics: `hbase.rs.puts`, `hbase.rs.refused`.
 */
export const hbaseRegionServer: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `${HBASE_RS_KIND} ${rt.address}`;
  checkKeys(config, Object.keys(HBASE_RS_OPTIONS), where);
  const o = readOptions(HBASE_RS_OPTIONS, config, where);
  const hdfs = hdfsAddress(rt, where);
  const sn = `${rt.node},16020,${rt.incarnation}`;
  const walDir = `/hbase/WALs/${sn}`;
  const zk = hbaseSession(rt, o.zookeeperSessionTimeout, where);
  const regions = new Map<string, Map<string, string[]>>();
  let wal: { inode: number; path: string } | null = null;
  let walSeq = 0;
  let rolling: Promise<boolean> | null = null;
  let aborted = false;

  const publish = () => rt.publish<HBaseRsState>((s) => { s.server = sn; s.regions = [...regions.keys()].sort(); s.aborted = aborted; });
  const fs = <T>(type: string, body: Record<string, Json>) => rt.call<T>(hdfs, type, body, { timeout: 10 * SECOND });

  const abort = (reason: string) => {
    if (aborted) return;
    aborted = true;
    rt.record("hbase-rs-abort", { server: sn, why: reason, regions: [...regions.keys()].sort() });
    regions.clear();
    // The process exits: its session closes with it, which deletes its znode at once.
    if (zk.id !== 0) void zk.call(ZK_MSG.closeSession, { session: zk.id });
    publish();
  };

  const roll = async (): Promise<boolean> => {
    const path = `${walDir}/${sn}.${++walSeq}`;
    try {
      const r = await fs<{ inode: number }>(HDFS_MSG.create, { path, holder: sn, createParent: o.bug === "serve-after-expiry" });
      wal = { inode: r.inode, path };
      rt.record("hbase-wal-roll", { server: sn, path });
      return true;
    } catch (e) {
      abort(`the WAL roll to ${path} failed (${why(e)})`);
      return false;
    }
  };
  const rollOnce = (): Promise<boolean> => (rolling ??= roll().finally(() => { rolling = null; }));

  /** Appends and syncs one edit, returning the WAL that has it; throws if the server cannot make it durable. */
  const appendWal = async (e: WalEntry): Promise<string> => {
    for (let attempt = 0; attempt < 3 && !aborted; attempt++) {
      const w = wal!;
      try {
        await fs(HDFS_MSG.append, { inode: w.inode, holder: sn, entries: [e as unknown as Json] });
        return w.path;
      } catch {
        if (aborted) break;
        // Another put may have rolled already: then only retry, on the new WAL.
        if (wal === w && !(await rollOnce())) break;
      }
    }
    return refuse("RegionServerAbortedException", `${sn} is aborted: the edit could not be written to its WAL`);
  };

  const session = async () => {
    await zk.open();
    await ensureZnode(zk, rt, "/hbase");
    await ensureZnode(zk, rt, RS_ZNODE);
    if (!(await ensureZnode(zk, rt, `${RS_ZNODE}/${sn}`, rt.address, true))) return abort("its ZooKeeper session expired while it registered");
    rt.record("hbase-rs-registered", { server: sn, session: zk.id });
    await zk.keepAlive();
    if (o.bug === "serve-after-expiry") { rt.record("hbase-rs-expiry-ignored", { server: sn }); return; }
    abort("its ZooKeeper session expired");
  };

  const serving = (region: string): Map<string, string[]> => {
    const m = aborted ? undefined : regions.get(region);
    if (m) return m;
    rt.metrics.count("hbase.rs.refused");
    return refuse("NotServingRegionException", `${sn} is not serving region ${region}${aborted ? " (aborted)" : ""}`);
  };

  return {
    async start() {
      publish();
      await fs(HDFS_MSG.mkdirs, { path: walDir });
      if (await roll()) void session();
    },
    async request(req: Message) {
      const b = (req.body ?? {}) as Record<string, Json>;
      const region = String(b.region);
      switch (req.type) {
        case HBASE_MSG.openRegion: {
          if (aborted) refuse("RegionServerAbortedException", `${sn} is aborted`);
          const dir = `/hbase/data/${region}/recovered.edits`;
          const mem = new Map<string, string[]>();
          let edits = 0;
          const listed = await fs<{ files: string[] }>(HDFS_MSG.list, { path: dir }).catch(() => ({ files: [] as string[] }));
          for (const f of listed.files) {
            for (const e of (await fs<{ entries: WalEntry[] }>(HDFS_MSG.read, { path: `${dir}/${f}` })).entries) {
              (mem.get(e.key) ?? mem.set(e.key, []).get(e.key)!).push(e.value);
              edits++;
            }
          }
          if (aborted) refuse("RegionServerAbortedException", `${sn} is aborted`);
          regions.set(region, mem);
          rt.record("hbase-region-open", { region, server: sn, edits });
          publish();
          return { ok: true };
        }
        case HBASE_MSG.put: {
          serving(region);
          const key = String(b.key), value = String(b.value);
          const walPath = await appendWal({ region, key, value });
          const mem = serving(region);
          (mem.get(key) ?? mem.set(key, []).get(key)!).push(value);
          rt.metrics.count("hbase.rs.puts");
          rt.record("hbase-put", { region, server: sn, wal: walPath });
          return { ok: true };
        }
        case HBASE_MSG.get:
          return { value: serving(region).get(String(b.key)) ?? [] };
      }
      return refuse("UnknownProtocolException", `no such call: ${req.type}`);
    },
    message(msg: Message) {
      if (msg.type === ZK_MSG.watchEvent) zk.event(msg.body as never);
    },
  };
};
