import type { Json } from "../../core/json";
import { MS } from "../../core/time";
import { CallError } from "../../node/runtime-api";
import type { ProcessFactory, Runtime } from "../../node/runtime-api";
import { readOptions } from "../../options/option-table";
import { appendClient } from "../replication/append-client";
import type { AppendStore, StoreOutcome } from "../replication/append-client";
import { checkClientKeys, readAppendWorkload } from "../replication/append-workload-options";
import { MYSQL_FAILOVER_KIND, MYSQL_MSG } from "./mysql-messages";
import { MYSQL_CLIENT_OPTIONS } from "./mysql-options";
import type { MysqlClientOptions } from "./mysql-options";

/**
 * A MySQL client behind a failover manager: it asks the manager where the source is, sends
 * autocommit statements there, and asks again after a timeout or a read-only refusal. A commit
 * that times out is in doubt (`info`); a refusal certainly did not commit.
 */
export function mysqlStore(rt: Runtime, o: MysqlClientOptions, managers: readonly string[]): AppendStore {
  let source: string | null = null;
  const timeout = o.socketTimeout * MS;
  const discover = async (): Promise<string | null> => {
    for (const m of managers) {
      try {
        source = (await rt.call<{ source: string }>(m, MYSQL_MSG.getSource, {}, { timeout })).source;
        return source;
      } catch {
        // The next manager.
      }
    }
    return source;
  };
  const failed = (e: unknown): StoreOutcome => {
    const refused = e instanceof CallError && e.code === "remote";
    void discover();
    return refused ? { kind: "fail", why: String((e.detail as { code?: string } | undefined)?.code ?? e.message) } : { kind: "info", why: "timeout" };
  };
  return {
    async append(key, value) {
      const to = source ?? (await discover());
      if (to === null) return { kind: "fail", why: "no source known" };
      try {
        await rt.call(to, MYSQL_MSG.append, { key, value }, { timeout });
        return { kind: "ok", value: null };
      } catch (e) {
        return failed(e);
      }
    },
    async read(key) {
      const to = source ?? (await discover());
      if (to === null) return { kind: "fail", why: "no source known" };
      try {
        return { kind: "ok", value: (await rt.call<{ value: string[] }>(to, MYSQL_MSG.select, { key }, { timeout })).value as unknown as Json };
      } catch (e) {
        const r = failed(e);
        return r.kind === "info" ? { kind: "fail", why: r.why } : r;
      }
    },
  };
}

/** The `mysql-client` kind: the list-append workload against the source the manager names. */
export const mysqlClient: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `mysql-client ${rt.address}`;
  checkClientKeys(config, Object.keys(MYSQL_CLIENT_OPTIONS), where);
  const o = readOptions(MYSQL_CLIENT_OPTIONS, config, where);
  const managers = rt.directory().filter((p) => p.kind === MYSQL_FAILOVER_KIND).map((p) => p.address);
  return appendClient(rt, mysqlStore(rt, o, managers), readAppendWorkload(config, where), "mysql");
};
