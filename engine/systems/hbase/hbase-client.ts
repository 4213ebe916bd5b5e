import type { Json } from "../../core/json";
import { SECOND } from "../../core/time";
import type { ProcessFactory, Runtime } from "../../node/runtime-api";
import { CallError } from "../../node/runtime-api";
import { readOptions } from "../../options/option-table";
import { badConfig } from "../../options/option-values";
import { appendClient } from "../replication/append-client";
import type { AppendStore, StoreOutcome } from "../replication/append-client";
import { checkClientKeys, readAppendWorkload } from "../replication/append-workload-options";
import type { HBaseError } from "./hbase-messages";
import { HBASE_MSG } from "./hbase-messages";
import { HBASE_MASTER_KIND } from "./hbase-master";
import type { HBaseClientOptions } from "./hbase-options";
import { HBASE_CLIENT_OPTIONS, RETRY_BACKOFF } from "./hbase-options";

/** The process kind of the HBase clients. */
export const HBASE_CLIENT_KIND = "hbase-client";

/**
 * HBase's client library, reduced to what failover shows [HBASE]: it looks a row's region up in
 * meta (the master here), caches the location, and calls the region server with
 * hbase.rpc.timeout. After an error or a timeout it drops the cached location, pauses
 * hbase.client.pause × RETRY_BACKOFF[try] and tries again (a region in transition has no
 * location: it pauses and asks again), up to hbase.client.retries.number retries within
 * hbase.client.operation.timeout. So a region's unavailability shows as operations that take
 * about as long as the failover, rather than as errors. A put that timed out at least once may
 * have happened: if it never succeeds it ends as `info`.
 */
export function hbaseStore(rt: Runtime, o: HBaseClientOptions, master: string): AppendStore {
  const cache = new Map<string, { region: string; address: string }>();
  const locate = async (key: string): Promise<{ region: string; address: string } | null> => {
    const hit = cache.get(key);
    if (hit) return hit;
    try {
      const r = await rt.call<{ region: string; address: string | null }>(master, HBASE_MSG.locate, { key }, { timeout: Math.min(o.hbaseRpcTimeout, 10 * SECOND) });
      if (r.address === null) return null;
      const loc = { region: r.region, address: r.address };
      cache.set(key, loc);
      return loc;
    } catch {
      return null;
    }
  };
  const op = async (type: string, key: string, value: string | null): Promise<StoreOutcome> => {
    const deadline = rt.now() + o.hbaseClientOperationTimeout;
    let mayHaveHappened = false;
    let last = "no location";
    for (let attempt = 0; attempt <= o.hbaseClientRetriesNumber; attempt++) {
      if (attempt > 0) {
        const pause = o.hbaseClientPause * RETRY_BACKOFF[Math.min(attempt - 1, RETRY_BACKOFF.length - 1)];
        if (rt.now() + pause >= deadline) break;
        await rt.sleep(pause);
      }
      const loc = await locate(key);
      if (loc === null) { last = "region in transition"; continue; }
      try {
        const r = await rt.call<{ value?: Json }>(loc.address, type, { region: loc.region, key, value }, { timeout: Math.max(1, Math.min(o.hbaseRpcTimeout, deadline - rt.now())) });
        return { kind: "ok", value: value === null ? r.value ?? [] : null };
      } catch (e) {
        if (!(e instanceof CallError)) throw e;
        cache.delete(key);
        if (e.code === "timeout") mayHaveHappened = true;
        last = e.code === "remote" ? String((e.detail as HBaseError | undefined)?.code ?? "remote") : e.code;
      }
    }
    return value !== null && mayHaveHappened ? { kind: "info", why: last } : { kind: "fail", why: last };
  };
  return {
    append: (key, value) => op(HBASE_MSG.put, key, value),
    read: (key) => op(HBASE_MSG.get, key, null),
  };
}

/** The `hbase-client` kind: the list-append workload against an HBase table. */
export const hbaseClient: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `${HBASE_CLIENT_KIND} ${rt.address}`;
  checkClientKeys(config, Object.keys(HBASE_CLIENT_OPTIONS), where);
  const o = readOptions(HBASE_CLIENT_OPTIONS, config, where);
  const master = rt.directory().find((p) => p.kind === HBASE_MASTER_KIND)?.address ?? badConfig(where, "master", `an ${HBASE_MASTER_KIND} process (none in the scenario)`, null);
  return appendClient(rt, hbaseStore(rt, o, master), readAppendWorkload(config, where), "hbase");
};
