import type { Json } from "../../core/json";
import type { ProcessFactory } from "../../node/runtime-api";
import { resolveConfigClientOptions } from "./config-options";
import { CONFIG_MSG, CONFIG_SERVER_KIND } from "./config-messages";
import type { FetchReply, FetchRequest, NamespaceRelease, Notification, NotificationsRequest } from "./config-messages";
import { ExponentialSchedulePolicy } from "./schedule-policy";

/** Apollo's first notification id: "I know nothing", so the first poll is answered at once. */
const INIT_NOTIFICATION_ID = -1;

/** The state a config client publishes. */
export interface ConfigClientState {
  namespaces: Record<string, { version: number | null; source: string | null }>;
  /** The wait before the next long poll after failures (0 while polling normally). */
  backoffUs: number;
}

/**
 * The Apollo client inside an application. At start it asks a config server for each namespace;
 * when no server answers (connect timeout 1 s, read timeout 5 s), it falls back to its local
 * cache file, the copy of the last config it received, which it keeps on its own disk (synced,
 * so it survives a crash). Then it long-polls for changes (`/notifications/v2`: the server holds
 * the poll 60 s, the client waits up to 90 s), and fetches a namespace whenever a poll says it
 * changed. A failed poll waits 1, 2, 4 ... up to 120 s before the next one. Every 5 min it also
 * fetches everything, in case a push was missed. Every request first connects, which fails
 * within the connect timeout when the server cannot be reached; but a poll already held at the
 * server when the network fails is noticed only when its 90 s read timeout expires.
 *
 * History: `config-client-start` (namespaces), `config-applied` (namespace, version, source:
 * server or cache) whenever the config in use changes, and `config-fallback` (namespace, version
 * or null) when the client starts from its cache. Metrics: `config.client.applied`,
 * `config.client.fallback`, `config.client.poll-failed`, `config.client.fetch-failed`.
 */
export const configClient: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `config-client ${rt.address}`;
  const o = resolveConfigClientOptions(config, where);
  const servers = o.servers ?? rt.directory().filter((p) => p.kind === CONFIG_SERVER_KIND).map((p) => p.address);
  if (servers.length === 0) throw new Error(`${where}: no config servers (add a process of kind "${CONFIG_SERVER_KIND}" or set servers)`);
  let current = 0;
  const inUse = new Map<string, { release: NamespaceRelease; source: string }>();
  const notified = new Map<string, number>(o.namespaces.map((n) => [n, INIT_NOTIFICATION_ID]));
  const backoff = new ExponentialSchedulePolicy(o.longPollFailLowerUs, o.longPollFailUpperUs);
  let backoffUs = 0;

  const publish = () => rt.publish<ConfigClientState>((s) => {
    s.namespaces = Object.fromEntries(o.namespaces.map((n) => [n, { version: inUse.get(n)?.release.version ?? null, source: inUse.get(n)?.source ?? null }]));
    s.backoffUs = backoffUs;
  });

  /** One HTTP request: connect, then the request, to the current server and then the others. */
  const http = async <R>(type: string, body: Json, readTimeoutUs: number): Promise<R> => {
    let last: unknown = null;
    for (let i = 0; i < servers.length; i++) {
      const k = (current + i) % servers.length;
      try {
        await rt.call(servers[k], CONFIG_MSG.connect, null, { timeout: o.connectTimeoutUs });
        const r = await rt.call<R>(servers[k], type, body, { timeout: readTimeoutUs });
        current = k;
        return r;
      } catch (e) {
        last = e;
      }
    }
    throw last;
  };

  /** Takes a release into use when it is newer, and writes the local cache file. */
  const apply = (release: NamespaceRelease, source: "server" | "cache") => {
    const had = inUse.get(release.namespace);
    if (had && had.release.version >= release.version) return;
    inUse.set(release.namespace, { release, source });
    if (o.localCache && source === "server") {
      rt.disk.write(`cache/${release.namespace}`, release as unknown as Json);
      rt.disk.sync();
    }
    rt.record("config-applied", { namespace: release.namespace, version: release.version, source });
    rt.metrics.count("config.client.applied");
    publish();
  };

  /** Fetches one namespace; false when no server answered. */
  const load = async (namespace: string): Promise<boolean> => {
    try {
      const r = await http<FetchReply>(CONFIG_MSG.fetch, { namespace, version: inUse.get(namespace)?.release.version ?? 0 } satisfies FetchRequest as unknown as Json, o.readTimeoutUs);
      if (r.status === 200) apply(r.release, "server");
      return true;
    } catch {
      rt.metrics.count("config.client.fetch-failed");
      return false;
    }
  };

  const longPoll = async (): Promise<void> => {
    for (;;) {
      const body: NotificationsRequest = { notifications: o.namespaces.map((namespace) => ({ namespace, notificationId: notified.get(namespace)! })) };
      let changed: Notification[];
      try {
        changed = await http<Notification[]>(CONFIG_MSG.notifications, body as unknown as Json, o.longPollReadTimeoutUs);
      } catch {
        rt.metrics.count("config.client.poll-failed");
        backoffUs = backoff.fail();
        publish();
        await rt.sleep(backoffUs);
        continue;
      }
      backoff.success();
      if (backoffUs !== 0) {
        backoffUs = 0;
        publish();
      }
      for (const c of changed) {
        notified.set(c.namespace, c.notificationId);
        // Apollo tries a notified namespace twice, 1 s apart; after that it waits for the periodic refresh.
        if (!(await load(c.namespace))) {
          await rt.sleep(o.longPollFailLowerUs);
          await load(c.namespace);
        }
      }
    }
  };

  const refresh = () => {
    for (const n of o.namespaces) void load(n);
    rt.setTimer(o.refreshIntervalUs, refresh, "config-refresh");
  };

  const init = async (): Promise<void> => {
    for (const namespace of o.namespaces) {
      if (await load(namespace)) continue;
      const cached = o.localCache ? rt.disk.read<Json>(`cache/${namespace}`) as unknown as NamespaceRelease | undefined : undefined;
      rt.record("config-fallback", { namespace, version: cached?.version ?? null });
      rt.metrics.count("config.client.fallback");
      if (cached) apply(cached, "cache");
    }
    rt.setTimer(o.refreshIntervalUs, refresh, "config-refresh");
    await rt.sleep(o.longPollInitialDelayUs);
    await longPoll();
  };

  return {
    start() {
      rt.record("config-client-start", { namespaces: o.namespaces });
      publish();
      void init();
    },
  };
};
