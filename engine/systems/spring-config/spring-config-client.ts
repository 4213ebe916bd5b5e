import type { Json } from "../../core/json";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import type { ConfigItems } from "../config/config-messages";
import { resolveSpringConfigClientOptions } from "./spring-config-options";
import { SPRING_BUS_BROKER_KIND, SPRING_CONFIG_SERVER_KIND, SPRING_MSG } from "./spring-config-messages";
import type { EnvironmentReply, EnvironmentRequest, HeartbeatReply, RefreshEvent } from "./spring-config-messages";
import { retryWaits } from "./retry-schedule";

/** The state a client publishes. */
export interface SpringConfigClientState {
  phase: "starting" | "running" | "failed";
  /** The commit in use (0: the local application.yml), null before any. */
  commit: number | null;
  source: "server" | "local" | null;
  bus: "connected" | "disconnected" | "off";
}

/** Whether a RefreshRemoteApplicationEvent's destination (`app:**`, `**`, null) names this application. */
export function destinationMatches(destination: string | null, application: string): boolean {
  if (destination === null || destination === "**" || destination === "*") return true;
  const name = destination.split(":")[0];
  return name === "**" || name === "*" || name === application;
}

/**
 * A Spring Boot application with the Spring Cloud Config client and Spring Cloud Bus. At start
 * it fetches `/{application}/{profile}/{label}` from the config server (connect timeout 10 s,
 * read timeout 185 s). When no server answers: with `failFast` off (Spring's default) it logs a
 * warning and starts on its local application.yml; with `failFast` on it fails to start, at
 * once, or, with `retry` (spring-retry on the classpath), after `retryMaxAttempts` attempts
 * (6, waiting 1000 ms × 1.1ⁿ up to 2000 ms between them). Once running it never polls: it
 * refreshes (fetches again and applies what changed, as ContextRefresher does) only when a
 * RefreshRemoteApplicationEvent for it arrives on the bus. It joins the bus by declaring an
 * anonymous queue at the broker and heartbeats every half heartbeat timeout (30 s); when the
 * broker says it no longer knows the queue (it closed the silent connection), the client
 * declares a new one, empty: whatever was sent meanwhile it never sees. `POST /actuator/busrefresh`
 * on an instance publishes a refresh event for every instance (or the destination named).
 *
 * History: `config-client-start` (namespaces: [label]) once the application has started;
 * `config-applied` (namespace: the label, version: the commit number, 0 for local, source:
 * server or local); `spring-config-local` (label, items) when it starts on its local configuration
 * (not `config-fallback`, Apollo's record for its cache file, which a Spring client has none of);
 * `spring-config-attempt-failed` (attempt, error); `spring-config-start-failed` (attempts);
 * `spring-config-refresh` (event, commit, changed keys); `bus-subscribed` (first: false when it declares a new queue after losing one). Metrics:
 * `spring.config.client.*` (attempt-failed, start-failed, local, refreshed, refresh-failed).
 */
export const springConfigClient: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `spring-config-client ${rt.address}`;
  const o = resolveSpringConfigClientOptions(config, where);
  const application = o.application === "" ? rt.process : o.application;
  const servers = o.servers ?? rt.directory().filter((p) => p.kind === SPRING_CONFIG_SERVER_KIND).map((p) => p.address);
  if (servers.length === 0) throw new Error(`${where}: no config servers (add a process of kind "${SPRING_CONFIG_SERVER_KIND}" or set servers)`);
  const broker = o.broker ?? rt.directory().find((p) => p.kind === SPRING_BUS_BROKER_KIND)?.address ?? null;
  if (o.bus && broker === null) throw new Error(`${where}: bus is on but there is no broker (add a process of kind "${SPRING_BUS_BROKER_KIND}", set broker, or set bus: false)`);

  let phase: SpringConfigClientState["phase"] = "starting";
  let inUse: { commit: number; source: "server" | "local"; items: ConfigItems } | null = null;
  let bus: SpringConfigClientState["bus"] = o.bus ? "disconnected" : "off";
  let events = 0;
  let subscriptions = 0;

  const publish = () => rt.publish<SpringConfigClientState>((s) => {
    s.phase = phase;
    s.commit = inUse?.commit ?? null;
    s.source = inUse?.source ?? null;
    s.bus = bus;
  });

  /** One fetch: connect, then GET, to each server in turn. */
  const fetchEnvironment = async (): Promise<EnvironmentReply> => {
    let last: unknown = null;
    for (const server of servers) {
      try {
        await rt.call(server, SPRING_MSG.connect, null, { timeout: o.requestConnectTimeoutUs });
        return await rt.call<EnvironmentReply>(server, SPRING_MSG.fetch, { application, profile: o.profile, label: o.label } satisfies EnvironmentRequest as unknown as Json, { timeout: o.requestReadTimeoutUs });
      } catch (e) {
        last = e;
      }
    }
    throw last;
  };

  const apply = (commit: number, source: "server" | "local", items: ConfigItems): string[] => {
    const before = inUse?.items ?? {};
    const changed = [...new Set([...Object.keys(before), ...Object.keys(items)])].filter((k) => before[k] !== items[k]).sort();
    if (inUse !== null && inUse.commit === commit && inUse.source === source) return changed;
    inUse = { commit, source, items: { ...items } };
    rt.record("config-applied", { namespace: o.label, version: commit, source });
    publish();
    return changed;
  };

  const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

  /** Spring Boot's start: the config phase, then the application context. */
  const boot = async (): Promise<void> => {
    const waits = o.failFast && o.retry ? retryWaits(o.retryInitialIntervalUs, o.retryMultiplier, o.retryMaxIntervalUs, o.retryMaxAttempts) : [];
    let env: EnvironmentReply | null = null;
    for (let attempt = 1; ; attempt++) {
      try {
        env = await fetchEnvironment();
        break;
      } catch (e) {
        rt.record("spring-config-attempt-failed", { attempt, error: errorText(e) });
        rt.metrics.count("spring.config.client.attempt-failed");
        if (attempt > waits.length) break;
        await rt.sleep(waits[attempt - 1]);
      }
    }
    if (env === null && o.failFast) {
      // "Could not locate PropertySource and the fail fast property is set, failing": the
      // application context never starts, so the instance serves nothing and joins no bus.
      phase = "failed";
      rt.record("spring-config-start-failed", { attempts: waits.length + 1 });
      rt.metrics.count("spring.config.client.start-failed");
      publish();
      return;
    }
    phase = "running";
    rt.record("config-client-start", { namespaces: [o.label] });
    if (env === null) {
      rt.record("spring-config-local", { label: o.label, items: o.localItems });
      rt.metrics.count("spring.config.client.local");
      apply(0, "local", o.localItems);
    } else {
      apply(env.commit, "server", { ...o.localItems, ...env.propertySources[0]?.source });
    }
    if (o.bus) void heartbeat();
  };

  /** The broker connection: declare the queue, then heartbeat; declare a new queue when the old one is gone. */
  const heartbeat = async (): Promise<void> => {
    let known = false;
    for (;;) {
      try {
        const r = await rt.call<HeartbeatReply>(broker!, known ? SPRING_MSG.heartbeat : SPRING_MSG.subscribe, null, { timeout: o.busHeartbeatUs / 2 });
        if (!r.known) {
          known = false;
          continue;
        }
        if (!known) rt.record("bus-subscribed", { first: subscriptions++ === 0 });
        known = true;
        bus = "connected";
      } catch {
        bus = "disconnected";
      }
      publish();
      await rt.sleep(o.busHeartbeatUs / 2);
    }
  };

  const refresh = async (e: RefreshEvent): Promise<void> => {
    try {
      const env = await fetchEnvironment();
      const changed = apply(env.commit, "server", { ...o.localItems, ...env.propertySources[0]?.source });
      rt.record("spring-config-refresh", { event: e.id, commit: env.commit, changed });
      rt.metrics.count("spring.config.client.refreshed");
    } catch (err) {
      rt.record("spring-config-refresh", { event: e.id, commit: null, error: errorText(err) });
      rt.metrics.count("spring.config.client.refresh-failed");
    }
  };

  return {
    start() {
      publish();
      void boot();
    },
    async request(req: Message) {
      if (phase !== "running") throw { status: 503, code: "unavailable", message: `${where}: not started` };
      switch (req.type) {
        case SPRING_MSG.busRefresh: {
          const destination = (req.body as { destination?: string | null } | null)?.destination ?? null;
          const e: RefreshEvent = { id: `${rt.address}#${++events}`, originService: rt.address, destination };
          return await rt.call(broker!, SPRING_MSG.publish, e as unknown as Json, { timeout: o.busHeartbeatUs / 2 });
        }
        case SPRING_MSG.deliver: {
          const e = req.body as RefreshEvent;
          events++;
          if (destinationMatches(e.destination, application)) await refresh(e);
          return null;
        }
        default:
          throw { status: 400, code: "error", message: `${where}: unknown request type "${req.type}"` };
      }
    },
  };
};
