import { MS } from "../../../core/time";
import type { OptionTable, OptionValues } from "../../../options/option-table";

/**
 * The Seata server's (TC's) options, under the names and with the defaults of Seata's
 * script/config-center/config.txt [SEATA-CONF], in milliseconds as there. The TC keeps its
 * global sessions and the global lock table on its disk (store.mode=file).
 */
export const SEATA_SERVER_OPTIONS = {
  "server.recovery.asynCommittingRetryPeriod": { type: "int", default: 1000, min: 1, description: "Milliseconds between the TC's passes over AT transactions that committed: each pass tells their branches to delete their undo logs (phase two of a commit is asynchronous).", source: "server.recovery.asynCommittingRetryPeriod" },
  "server.recovery.rollbackingRetryPeriod": { type: "int", default: 1000, min: 1, description: "Milliseconds between the TC's retries of rollbacks that could not finish (a branch down, cut off, or its row locked).", source: "server.recovery.rollbackingRetryPeriod" },
  "server.recovery.timeoutRetryPeriod": { type: "int", default: 1000, min: 1, description: "Milliseconds between the TC's checks for global transactions past their timeout, which it then rolls back.", source: "server.recovery.timeoutRetryPeriod" },
  "transport.rpcTcRequestTimeout": { type: "int", default: 30_000, min: 1, description: "Milliseconds the TC waits for a branch's answer to a phase-two request.", source: "transport.rpcTcRequestTimeout" },
} as const satisfies OptionTable;

/** The TC's options, read. */
export type SeataServerOptions = OptionValues<typeof SEATA_SERVER_OPTIONS>;

/**
 * A branch service's resource manager (RM) options, Seata's client.rm.* and client.undo.*
 * [SEATA-CONF], and the local database's row-lock wait (MySQL's innodb_lock_wait_timeout,
 * seconds, default 50 [MYSQL-LOCK]). `serviceTime` is how long the branch's business SQL takes.
 */
export const AT_RM_OPTIONS = {
  "client.rm.lock.retryInterval": { type: "int", default: 10, min: 1, description: "Milliseconds between attempts to take (phase one) or check (SELECT ... FOR UPDATE) a global lock another global transaction holds.", source: "client.rm.lock.retryInterval" },
  "client.rm.lock.retryTimes": { type: "int", default: 30, min: 0, description: "Retries of a global lock before the local transaction rolls back with a lock conflict (the branch, and so the global transaction, fails).", source: "client.rm.lock.retryTimes" },
  "client.rm.lock.retryPolicyBranchRollbackOnConflict": { type: "bool", default: true, description: "When the lock's holder is rolling back, give up at once instead of retrying, releasing the local row lock the holder's rollback needs.", source: "client.rm.lock.retryPolicyBranchRollbackOnConflict" },
  "client.undo.dataValidation": { type: "bool", default: true, description: "At rollback, compare the row with the undo log's after-image first: a row someone else changed is a dirty write, and the branch's rollback stops (PhaseTwo_RollbackFailed_Unretryable) instead of overwriting it.", source: "client.undo.dataValidation" },
  "transport.rpcRmRequestTimeout": { type: "int", default: 30_000, min: 1, description: "Milliseconds the RM waits for the TC's answer (branch register, lock query).", source: "transport.rpcRmRequestTimeout" },
  innodb_lock_wait_timeout: { type: "int", default: 50, min: 1, description: "Seconds a local transaction waits for a row lock before it gives up.", source: "MySQL innodb_lock_wait_timeout" },
  serviceTime: { type: "duration", default: 2 * MS, description: "How long the branch's business SQL takes (its UPDATE or INSERT, before images and undo log included)." },
} as const satisfies OptionTable;

/** An RM's options, read. */
export type AtRmOptions = OptionValues<typeof AT_RM_OPTIONS>;

/**
 * The business application's transaction manager (TM) options, Seata's client.tm.*
 * [SEATA-CONF], and the timeout of its RPCs to the branch services (Dubbo's consumer
 * `timeout`, default 1000 ms [DUBBO-TIMEOUT]).
 */
export const AT_TM_OPTIONS = {
  "client.tm.defaultGlobalTransactionTimeout": { type: "int", default: 60_000, min: 1, description: "Milliseconds a global transaction may run before the TC rolls it back (@GlobalTransactional's timeoutMills when not given).", source: "client.tm.defaultGlobalTransactionTimeout" },
  "client.tm.commitRetryCount": { type: "int", default: 5, min: 0, description: "Retries of a global commit request the TC did not answer.", source: "client.tm.commitRetryCount" },
  "client.tm.rollbackRetryCount": { type: "int", default: 5, min: 0, description: "Retries of a global rollback request the TC did not answer.", source: "client.tm.rollbackRetryCount" },
  "transport.rpcTmRequestTimeout": { type: "int", default: 30_000, min: 1, description: "Milliseconds the TM waits for the TC's answer (begin, commit, rollback).", source: "transport.rpcTmRequestTimeout" },
  rpcTimeout: { type: "int", default: 1000, min: 1, description: "Milliseconds the business waits for a branch service's answer (Dubbo's consumer timeout); then the global transaction rolls back.", source: "Dubbo <dubbo:consumer timeout>" },
} as const satisfies OptionTable;

/** A TM's options, read. */
export type AtTmOptions = OptionValues<typeof AT_TM_OPTIONS>;

/**
 * A reader's options: what it reads, how often, and whether it reads with SELECT ... FOR
 * UPDATE, which Seata's RM proxies to check the global lock (global read committed), or
 * with a plain SELECT (the default global isolation, read uncommitted) [SEATA-AT].
 */
export const AT_READER_OPTIONS = {
  resource: { type: "string", default: "stock/item-1", description: "The row it reads." },
  forUpdate: { type: "bool", default: false, description: "Read with SELECT ... FOR UPDATE (checks the global lock, waits while another global transaction holds it) instead of a plain SELECT." },
  every: { type: "duration", default: 10 * MS, min: 1, description: "Between two reads." },
  startAt: { type: "duration", default: 0, description: "When the first read happens." },
  stopAt: { type: "duration", default: null, nullable: true, description: "No read after this time; null: until the run ends." },
  rpcTimeout: AT_TM_OPTIONS.rpcTimeout,
} as const satisfies OptionTable;

/** A reader's options, read. */
export type AtReaderOptions = OptionValues<typeof AT_READER_OPTIONS>;

/**
 * A writer that changes a row in a local transaction of its own, outside any global
 * transaction and without @GlobalLock: an operator's script, or a service Seata does not
 * proxy. Seata does not see it, which is what makes a later rollback find a dirty write.
 */
export const AT_LOCAL_WRITER_OPTIONS = {
  resource: { type: "string", default: "stock/item-1", description: "The row it changes." },
  delta: { type: "int", default: 5, min: -1_000_000, description: "What each write adds to the row (a restock)." },
  every: { type: "duration", default: 20 * MS, min: 1, description: "Between two writes." },
  startAt: { type: "duration", default: 0, description: "When the first write happens." },
  stopAt: { type: "duration", default: null, nullable: true, description: "No write after this time; null: until the run ends." },
  rpcTimeout: AT_TM_OPTIONS.rpcTimeout,
} as const satisfies OptionTable;

/** A local writer's options, read. */
export type AtLocalWriterOptions = OptionValues<typeof AT_LOCAL_WRITER_OPTIONS>;
