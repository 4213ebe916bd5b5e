import type { Json } from "../../core/json";
import { MS } from "../../core/time";
import { CallError } from "../../node/runtime-api";
import type { ProcessFactory, Runtime } from "../../node/runtime-api";
import { readOptions } from "../../options/option-table";
import { appendClient } from "../replication/append-client";
import type { AppendStore, StoreOutcome } from "../replication/append-client";
import { checkClientKeys, readAppendWorkload } from "../replication/append-workload-options";
import { MONGO_CLIENT_OPTIONS } from "./mongo-options";
import type { MongoClientOptions } from "./mongo-options";
import { MONGO_MSG, MONGOD_KIND } from "./mongod";

/**
 * A MongoDB driver, reduced to what matters here: it asks every member `hello` and sends
 * operations to the one that says it is the writable primary with the newest term, and asks
 * again after any error. A write refused by a non-primary did not happen; one that timed out or
 * got a write concern error may have (`info`), and stays on the primary either way.
 */
export function mongoStore(rt: Runtime, o: MongoClientOptions, members: readonly string[]): AppendStore {
  let primary: string | null = null;
  const timeout = o.socketTimeoutMS * MS;
  const discover = async (): Promise<string | null> => {
    const answers = await Promise.all(members.map((m) => rt.call<{ isWritablePrimary: boolean; term: number }>(m, MONGO_MSG.hello, {}, { timeout: Math.min(timeout, 1000 * MS) }).then((r) => ({ m, r }), () => null)));
    const best = answers.filter((a) => a !== null && a.r.isWritablePrimary).sort((a, b) => b!.r.term - a!.r.term)[0];
    primary = best ? best.m : null;
    return primary;
  };
  const failed = (e: unknown, write: boolean): StoreOutcome => {
    void discover();
    const code = e instanceof CallError && e.code === "remote" ? String((e.detail as { code?: string } | undefined)?.code ?? "error") : "timeout";
    const certain = code === "NotWritablePrimary" || code === "NotPrimaryNoSecondaryOk";
    return write && !certain ? { kind: "info", why: code } : { kind: "fail", why: code };
  };
  return {
    async append(key, value) {
      const to = primary ?? (await discover());
      if (to === null) return { kind: "fail", why: "no primary" };
      try {
        await rt.call(to, MONGO_MSG.insert, { key, value, w: o.w, wtimeout: o.wtimeout }, { timeout });
        return { kind: "ok", value: null };
      } catch (e) {
        return failed(e, true);
      }
    },
    async read(key) {
      const to = primary ?? (await discover());
      if (to === null) return { kind: "fail", why: "no primary" };
      try {
        return { kind: "ok", value: (await rt.call<{ value: string[] }>(to, MONGO_MSG.find, { key, readConcern: o.readConcern }, { timeout })).value as unknown as Json };
      } catch (e) {
        return failed(e, false);
      }
    },
  };
}

/** The `mongo-client` kind: the list-append workload with a write and a read concern. */
export const mongoClient: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `mongo-client ${rt.address}`;
  checkClientKeys(config, Object.keys(MONGO_CLIENT_OPTIONS), where);
  const c = { ...config, ...(typeof config.w === "number" ? { w: String(config.w) } : {}) };
  const o = readOptions(MONGO_CLIENT_OPTIONS, c, where);
  const members = rt.directory().filter((p) => p.kind === MONGOD_KIND).map((p) => p.address);
  return appendClient(rt, mongoStore(rt, o, members), readAppendWorkload(c, where), "mongo");
};
