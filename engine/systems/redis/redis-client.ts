import type { Json } from "../../core/json";
import { CallError } from "../../node/runtime-api";
import type { ProcessFactory, Runtime } from "../../node/runtime-api";
import { readOptions } from "../../options/option-table";
import { appendClient } from "../replication/append-client";
import type { AppendStore, StoreOutcome } from "../replication/append-client";
import { checkClientKeys, readAppendWorkload } from "../replication/append-workload-options";
import { REDIS_MSG, REDIS_SENTINEL_KIND } from "./redis-messages";
import type { RedisError } from "./redis-messages";
import { REDIS_CLIENT_OPTIONS } from "./redis-options";
import type { RedisClientOptions } from "./redis-options";

/** The Redis error code in a failed call, if the server answered with one. */
function redisCode(e: unknown): RedisError["code"] | null {
  if (e instanceof CallError && e.code === "remote" && e.detail && typeof e.detail === "object") return ((e.detail as RedisError).code ?? null);
  return null;
}

/**
 * A Sentinel-aware Redis client, as the Sentinel client guidelines describe one: it asks the
 * sentinels, in order, for the primary's address (SENTINEL get-master-addr-by-name), sends
 * every command there, and asks again when the primary times out or answers -READONLY (it
 * has become a replica). A client cut off from every sentinel keeps the address it has.
 * With `wait-numreplicas`, each RPUSH is followed by `WAIT numreplicas timeout`; a WAIT that
 * counts fewer replicas leaves the write in place on the primary, so the client reports it
 * as indeterminate (`info`), not as failed. `primary` (an address) is where it starts; without
 * sentinels it stays there.
 */
export function redisStore(rt: Runtime, o: RedisClientOptions, sentinels: readonly string[], initial: string | null = null): AppendStore {
  let primary: string | null = initial;
  let askedAt = -Infinity;

  const discover = async (): Promise<string | null> => {
    if (rt.now() - askedAt < o.timeoutUs && primary !== null) return primary;
    askedAt = rt.now();
    for (const s of sentinels) {
      try {
        const r = await rt.call<{ primary: string }>(s, REDIS_MSG.getMaster, { name: o["master-name"] }, { timeout: o.timeoutUs });
        primary = r.primary;
        return primary;
      } catch {
        // The next sentinel.
      }
    }
    return primary;
  };
  // A refusal means the command did not run; a timeout leaves a write in doubt. Both a
  // timeout and -READONLY send the client back to the sentinels.
  const failed = (e: unknown): StoreOutcome => {
    const code = redisCode(e);
    if (code === "READONLY") { askedAt = -Infinity; return { kind: "fail", why: "READONLY" }; }
    if (code !== null) return { kind: "fail", why: code };
    askedAt = -Infinity;
    return { kind: "info", why: "timeout" };
  };

  return {
    async append(key, value) {
      const to = primary ?? (await discover());
      if (to === null) return { kind: "fail", why: "no primary known" };
      let at: number;
      try {
        at = (await rt.call<{ offset: number }>(to, REDIS_MSG.rpush, { key, value }, { timeout: o.timeoutUs })).offset;
      } catch (e) {
        const r = failed(e);
        if (askedAt === -Infinity) void discover();
        return r;
      }
      if (o["wait-numreplicas"] === null) return { kind: "ok", value: null };
      try {
        const w = await rt.call<{ replicas: number }>(to, REDIS_MSG.wait, { offset: at, numreplicas: o["wait-numreplicas"], timeout: o["wait-timeout"] }, { timeout: o.timeoutUs });
        if (w.replicas >= o["wait-numreplicas"]) return { kind: "ok", value: null };
        return { kind: "info", why: `WAIT ${o["wait-numreplicas"]} ${o["wait-timeout"]} counted ${w.replicas}` };
      } catch (e) {
        const r = failed(e);
        return { kind: "info", why: `WAIT: ${r.kind === "ok" ? "answered" : r.why}` };
      }
    },
    async read(key) {
      const to = primary ?? (await discover());
      if (to === null) return { kind: "fail", why: "no primary known" };
      try {
        const r = await rt.call<{ value: string[] }>(to, REDIS_MSG.lrange, { key }, { timeout: o.timeoutUs });
        return { kind: "ok", value: r.value as unknown as Json };
      } catch (e) {
        const r = failed(e);
        if (askedAt === -Infinity) void discover();
        return r.kind === "info" ? { kind: "fail", why: r.why } : r;
      }
    },
  };
}

/** The `redis-client` kind: the list-append workload through a Sentinel-aware client. */
export const redisClient: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `redis-client ${rt.address}`;
  checkClientKeys(config, [...Object.keys(REDIS_CLIENT_OPTIONS), "sentinels", "primary"], where);
  const o = readOptions(REDIS_CLIENT_OPTIONS, config, where);
  const sentinels = Array.isArray(config.sentinels) ? (config.sentinels as string[]) : rt.directory().filter((p) => p.kind === REDIS_SENTINEL_KIND).map((p) => p.address);
  const primary = typeof config.primary === "string" ? config.primary : null;
  return appendClient(rt, redisStore(rt, o, sentinels, primary), readAppendWorkload(config, where), "redis");
};
