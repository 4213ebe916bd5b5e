/**
 * The request types of the HDFS-like file service (a small part of the NameNode's client
 * protocol, with the DataNodes' writes folded in) and of HBase's master and region servers.
 */
export const HDFS_MSG = {
  /** `{ path }`: the directory and its parents. */
  mkdirs: "hdfs.mkdirs",
  /** `{ path, holder, createParent, entries?, close? }`: a new file whose lease `holder` holds; answers `{ inode }`. Without createParent the parent must exist (createNonRecursive). */
  create: "hdfs.create",
  /** `{ inode, holder, entries }`: appended and synced (hflush); refused once the holder lost the file's lease. Answers `{ length }`. */
  append: "hdfs.append",
  /** `{ path }`: closes the file and takes the lease from its writer (recoverLease); answers `{ length }`. */
  recoverLease: "hdfs.recover-lease",
  /** `{ from, to }`: renames a directory with everything under it. */
  rename: "hdfs.rename",
  /** `{ path }`: the names of the files directly under a directory, sorted. */
  list: "hdfs.list",
  /** `{ path }`: a file's entries. */
  read: "hdfs.read",
  /** `{ path }`: a directory and everything under it. */
  delete: "hdfs.delete",
} as const;

/** What HBase's master and region servers answer. */
export const HBASE_MSG = {
  /** Master: `{ key }` → `{ region, server, address }` (server and address null while the region is in transition). */
  locate: "hbase.locate",
  /** Master to region server: `{ region }`; the server replays the region's recovered edits and serves it. */
  openRegion: "hbase.open-region",
  /** Region server: `{ region, key, value }`: appended to the list at key once the WAL has it. */
  put: "hbase.put",
  /** Region server: `{ region, key }` → `{ value }`. */
  get: "hbase.get",
} as const;

/** A WAL entry: one edit of one region (HBase's WALKey + WALEdit, reduced to an append). */
export interface WalEntry {
  region: string;
  key: string;
  value: string;
}

/** An error a server throws, as HBase and HDFS name their exceptions. */
export interface HBaseError {
  code: string;
  message: string;
}
