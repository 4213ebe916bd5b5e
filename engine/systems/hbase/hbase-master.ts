import type { Json } from "../../core/json";
import { SECOND } from "../../core/time";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { CallError } from "../../node/runtime-api";
import { readOptions } from "../../options/option-table";
import { checkKeys } from "../../options/option-values";
import { ZK_MSG } from "../consensus/zookeeper/zk-messages";
import type { HBaseError, WalEntry } from "./hbase-messages";
import { HBASE_MSG, HDFS_MSG } from "./hbase-messages";
import { HBASE_MASTER_OPTIONS, regionOf } from "./hbase-options";
import { ensureZnode, hbaseSession, hdfsAddress, RS_ZNODE } from "./hbase-zk";

/** The process kind of HBase's master. */
export const HBASE_MASTER_KIND = "hbase-master";

/** Where a region is: its server name and address, or null while it is in transition. */
interface Location { server: string | null; address: string | null }

/** What the master publishes for the visualizer. */
export interface HBaseMasterState {
  live: string[];
  dead: string[];
  meta: Record<string, string | null>;
}

/**
 * HBase's active master [HBASE] (docs/stores.md), with hbase:meta kept in its memory: the
 * master answers clients' location lookups itself (in HBase meta is a region on a region
 * server; its own failover, and the master's, are not modelled).
 *
 * At start it waits hbase.master.wait.on.regionservers.timeout for region servers to register
 * under /hbase/rs, then assigns the table's regions, each to the live server with the fewest.
 * It keeps a watch on /hbase/rs's children (reading after a sync, so a follower's stale list
 * cannot hide a change). When a server's ephemeral znode is gone (its session expired, or it
 * closed it as it aborted), the master runs the crash procedure (ServerCrashProcedure), in the
 * order the reference guide's "Log Splitting, Step by Step" gives:
 *
 * 1. its regions go offline in meta: clients asking for them are told to wait;
 * 2. its WAL directory /hbase/WALs/<server> is renamed to <server>-splitting, so that a server
 *    that is only paused cannot roll to a new WAL there;
 * 3. each WAL's lease is recovered (the file is closed against its writer), then the WAL is
 *    read and its edits written per region to /hbase/data/<region>/recovered.edits/;
 * 4. the -splitting directory is deleted and each region is assigned to a live server, which
 *    replays its recovered edits before serving it.
 *
 * A server name declared dead stays dead: a znode of that name appearing again is ignored (the
 * master refuses a dead server, YouAreDeadException). Splitting is done by the master itself
 * (HBase 2 hands it to region servers as SplitWALProcedures; the order of the steps is the same).
 *
 * History: `hbase-rs-online` (server), `hbase-server-crash` (server, regions),
 * `hbase-wal-fenced` (server, dir), `hbase-wal-split` (server, files, wals: their paths before
 * the rename, edits, regions),
 * `hbase-assign` (region, server).
 */
export const hbaseMaster: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `${HBASE_MASTER_KIND} ${rt.address}`;
  checkKeys(config, Object.keys(HBASE_MASTER_OPTIONS), where);
  const o = readOptions(HBASE_MASTER_OPTIONS, config, where);
  const hdfs = hdfsAddress(rt, where);
  const zk = hbaseSession(rt, o.zookeeperSessionTimeout, where);
  const meta = new Map<string, Location>(Array.from({ length: o.regions }, (_, i) => [`r${i}`, { server: null, address: null }]));
  const live = new Map<string, string>();
  const dead = new Set<string>();
  let splits = 0;

  const publish = () => rt.publish<HBaseMasterState>((s) => {
    s.live = [...live.keys()].sort();
    s.dead = [...dead].sort();
    s.meta = Object.fromEntries([...meta].map(([r, l]) => [r, l.server]));
  });
  /** An HDFS call, retried until HDFS answers; a refusal is returned as an error code. */
  const fs = async <T>(type: string, body: Record<string, Json>): Promise<T | { error: string }> => {
    for (;;) {
      try {
        return await rt.call<T>(hdfs, type, body, { timeout: 10 * SECOND });
      } catch (e) {
        if (e instanceof CallError && e.code === "remote") return { error: String((e.detail as HBaseError | undefined)?.code ?? "remote") };
        await rt.sleep(SECOND);
      }
    }
  };
  const load = (server: string) => [...meta.values()].filter((l) => l.server === server).length;

  const assign = async (region: string): Promise<void> => {
    for (;;) {
      const candidates = [...live.keys()].sort((a, b) => load(a) - load(b) || (a < b ? -1 : 1));
      if (candidates.length === 0) { await rt.sleep(SECOND); continue; }
      const server = candidates[0], address = live.get(server)!;
      try {
        await rt.call(address, HBASE_MSG.openRegion, { region }, { timeout: 30 * SECOND });
        meta.set(region, { server, address });
        rt.record("hbase-assign", { region, server });
        publish();
        return;
      } catch {
        // The server could not open it (it aborted, or it is down); try the next one.
        await rt.sleep(SECOND);
      }
    }
  };

  const split = async (server: string): Promise<void> => {
    const dir = `/hbase/WALs/${server}`, splitting = `${dir}-splitting`;
    const renamed = await fs(HDFS_MSG.rename, { from: dir, to: splitting });
    if (typeof renamed === "object" && renamed !== null && "error" in renamed) return;
    rt.record("hbase-wal-fenced", { server, dir: splitting });
    const listed = await fs<{ files: string[] }>(HDFS_MSG.list, { path: splitting });
    const files = "error" in listed ? [] : listed.files;
    const byRegion = new Map<string, WalEntry[]>();
    let edits = 0;
    for (const f of files) {
      const path = `${splitting}/${f}`;
      await fs(HDFS_MSG.recoverLease, { path });
      const read = await fs<{ entries: WalEntry[] }>(HDFS_MSG.read, { path });
      for (const e of "error" in read ? [] : read.entries) {
        (byRegion.get(e.region) ?? byRegion.set(e.region, []).get(e.region)!).push(e);
        edits++;
      }
    }
    const seq = String(++splits).padStart(10, "0");
    for (const [region, entries] of [...byRegion].sort()) {
      await fs(HDFS_MSG.create, { path: `/hbase/data/${region}/recovered.edits/${seq}-${server}`, holder: rt.address, createParent: true, close: true, entries: entries as unknown as Json[] });
    }
    await fs(HDFS_MSG.delete, { path: splitting });
    rt.record("hbase-wal-split", { server, files: files.length, wals: files.map((f) => `${dir}/${f}`), edits, regions: [...byRegion.keys()].sort() });
  };

  const crashed = async (server: string): Promise<void> => {
    live.delete(server);
    dead.add(server);
    const lost = [...meta].filter(([, l]) => l.server === server).map(([r]) => r);
    rt.record("hbase-server-crash", { server, regions: lost });
    for (const r of lost) meta.set(r, { server: null, address: null });
    publish();
    await split(server);
    for (const r of lost) await assign(r);
  };

  const watch = async (): Promise<void> => {
    for (;;) {
      const sync = await zk.call(ZK_MSG.sync, {});
      const c = await zk.call(ZK_MSG.getChildren, { path: RS_ZNODE, watch: true, after: sync.ok ? Number(sync.body.index) : 0 });
      if (!c.ok) { await rt.sleep(SECOND / 10); continue; }
      const names = c.body.children as string[];
      let changed = false;
      for (const server of names) {
        if (live.has(server) || dead.has(server)) continue;
        const d = await zk.call(ZK_MSG.getData, { path: `${RS_ZNODE}/${server}` });
        if (!d.ok) continue;
        live.set(server, String(d.body.data));
        rt.record("hbase-rs-online", { server });
        changed = true;
      }
      for (const server of [...live.keys()]) if (!names.includes(server)) { await crashed(server); changed = true; }
      for (const [r, l] of meta) if (l.server === null && live.size > 0) { await assign(r); changed = true; }
      publish();
      // A change seen while the master was busy may have fired the watch already: look again at once.
      if (!changed) await zk.waitFor(RS_ZNODE, 2 * SECOND);
    }
  };

  return {
    async start() {
      publish();
      await fs(HDFS_MSG.mkdirs, { path: "/hbase/WALs" });
      await fs(HDFS_MSG.mkdirs, { path: "/hbase/data" });
      await zk.open();
      void (async () => { for (;;) { await zk.keepAlive(); await zk.open(); } })();
      await ensureZnode(zk, rt, "/hbase");
      await ensureZnode(zk, rt, RS_ZNODE);
      await rt.sleep(o.waitOnRegionserversTimeout);
      return watch();
    },
    request(req: Message) {
      if (req.type !== HBASE_MSG.locate) throw { code: "UnknownProtocolException", message: `no such call: ${req.type}` } satisfies HBaseError;
      const region = regionOf(String((req.body as { key?: string } | null)?.key ?? ""), o.regions);
      const l = meta.get(region)!;
      return { region, server: l.server, address: l.address };
    },
    message(msg: Message) {
      if (msg.type === ZK_MSG.watchEvent) zk.event(msg.body as never);
    },
  };
};
