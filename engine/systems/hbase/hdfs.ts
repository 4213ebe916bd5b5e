import type { Json } from "../../core/json";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { checkKeys } from "../../options/option-values";
import type { HBaseError } from "./hbase-messages";
import { HDFS_MSG } from "./hbase-messages";

/** The process kind of the HDFS-like file service. */
export const HDFS_KIND = "hdfs";

/** One file: its path now (renames move it), its lease holder (null once closed) and its entries. */
interface Inode {
  path: string;
  holder: string | null;
  entries: Json[];
}

const fail = (code: string, message: string): never => { throw { code, message } satisfies HBaseError; };
const parentOf = (path: string) => path.slice(0, Math.max(1, path.lastIndexOf("/")));

/**
 * HDFS as HBase uses it, reduced to one durable service [HBASE] (docs/stores.md): directories,
 * files written by one lease holder, and the two operations HBase's fencing relies on.
 *
 * - A file is created by a client that then holds its lease; appends name the file by inode
 *   (as an open output stream does), so renaming its directory does not stop its writer.
 * - `recoverLease` closes the file and takes the lease from its writer: from then on the old
 *   writer's appends are refused (LeaseExpiredException). The master recovers the lease of every
 *   WAL of a dead region server before it splits it, so a server that is only paused cannot
 *   add to a WAL being split.
 * - `create` without `createParent` is HBase's createNonRecursive: it fails when the parent
 *   directory is gone. The master renames a dead server's WAL directory to `-splitting`, so a
 *   paused server that wakes and rolls to a new WAL cannot create it.
 *
 * Simplified: one process stands for the NameNode and the DataNodes, and its state is kept in
 * memory: the scenarios never crash or cut it, and block replication, pipelines, lease
 * soft/hard limits and the NameNode's own failover are not modelled. Every answered append is
 * durable (hsync).
 *
 * History: `hdfs-lease-recovered` (path, holder, length), `hdfs-renamed` (from, to). Metrics:
 * `hdfs.append.entries`, `hdfs.append.refused` (appends by a writer that lost its lease, or to
 * a file deleted since).
 */
export const hdfs: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  checkKeys(config, [], `${HDFS_KIND} ${rt.address}`);
  const dirs = new Set<string>(["/"]);
  const files = new Map<string, number>();
  const inodes = new Map<number, Inode>();
  let nextInode = 1;

  const mkdirs = (path: string) => {
    for (let p = path; !dirs.has(p); p = parentOf(p)) dirs.add(p);
  };
  const under = (dir: string, path: string) => path.startsWith(`${dir}/`);
  const inodeAt = (path: string): Inode => {
    const id = files.get(path);
    return id === undefined ? fail("FileNotFoundException", `File does not exist: ${path}`) : inodes.get(id)!;
  };

  const handle = (req: Message): unknown => {
    const b = (req.body ?? {}) as Record<string, Json>;
    const path = String(b.path ?? "");
    switch (req.type) {
      case HDFS_MSG.mkdirs: mkdirs(path); return { ok: true };
      case HDFS_MSG.create: {
        if (files.has(path) || dirs.has(path)) fail("FileAlreadyExistsException", `${path} already exists`);
        if (!dirs.has(parentOf(path))) {
          if (b.createParent !== true) fail("FileNotFoundException", `Parent directory doesn't exist: ${parentOf(path)}`);
          mkdirs(parentOf(path));
        }
        const id = nextInode++;
        const entries = Array.isArray(b.entries) ? [...b.entries] : [];
        inodes.set(id, { path, holder: b.close === true ? null : String(b.holder), entries });
        files.set(path, id);
        return { inode: id };
      }
      case HDFS_MSG.append: {
        const f = inodes.get(Number(b.inode));
        // Refused: the file is gone (split and deleted) or its writer lost the lease (recoverLease).
        if (!f || files.get(f.path) !== Number(b.inode) || f.holder !== String(b.holder)) rt.metrics.count("hdfs.append.refused");
        if (!f || files.get(f.path) !== Number(b.inode)) return fail("FileNotFoundException", `File does not exist (inode ${String(b.inode)})`);
        if (f.holder !== String(b.holder)) return fail("LeaseExpiredException", `No lease on ${f.path}: ${String(b.holder)} does not hold it${f.holder === null ? " (the file is closed: its lease was recovered)" : ""}`);
        for (const e of b.entries as Json[]) f.entries.push(e);
        rt.metrics.count("hdfs.append.entries", (b.entries as Json[]).length);
        return { length: f.entries.length };
      }
      case HDFS_MSG.recoverLease: {
        const f = inodeAt(path);
        const had = f.holder;
        f.holder = null;
        rt.record("hdfs-lease-recovered", { path, holder: had, length: f.entries.length });
        return { length: f.entries.length };
      }
      case HDFS_MSG.rename: {
        const from = String(b.from), to = String(b.to);
        if (!dirs.has(from)) fail("FileNotFoundException", `${from} does not exist`);
        if (dirs.has(to) || files.has(to)) fail("FileAlreadyExistsException", `${to} already exists`);
        mkdirs(parentOf(to));
        for (const d of [...dirs]) if (d === from || under(from, d)) { dirs.delete(d); dirs.add(to + d.slice(from.length)); }
        for (const [p, id] of [...files]) if (under(from, p)) { files.delete(p); files.set(to + p.slice(from.length), id); inodes.get(id)!.path = to + p.slice(from.length); }
        rt.record("hdfs-renamed", { from, to });
        return { ok: true };
      }
      case HDFS_MSG.list: {
        if (!dirs.has(path)) fail("FileNotFoundException", `${path} does not exist`);
        return { files: [...files.keys()].filter((p) => parentOf(p) === path).map((p) => p.slice(path.length + 1)).sort() };
      }
      case HDFS_MSG.read: return { entries: inodeAt(path).entries };
      case HDFS_MSG.delete: {
        for (const d of [...dirs]) if (d === path || under(path, d)) dirs.delete(d);
        for (const [p, id] of [...files]) if (p === path || under(path, p)) { files.delete(p); inodes.delete(id); }
        return { ok: true };
      }
    }
    return fail("UnsupportedOperationException", `no such operation: ${req.type}`);
  };

  return { request: handle };
};
