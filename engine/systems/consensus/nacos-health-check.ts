import type { Json } from "../../core/json";
import { MS, SECOND } from "../../core/time";
import type { ProcessFactory } from "../../node/runtime-api";
import type { OptionTable, OptionValues } from "../../options/option-table";
import { readOptions } from "../../options/option-table";
import { checkKeys, badConfig } from "../../options/option-values";
import { callServer } from "./etcd-client";
import { ETCD_MSG } from "./kv-state-machine";
import { REGISTRY_ROOTS, registryKey, registryKeyOf } from "./registry-view-recorder";

/** The process kind of the Nacos-like servers (the Raft KV store holding persistent instances). */
export const NACOS_SERVER_KIND = "nacos-server";

/** The process kind of the Nacos server's health checker, one beside each server. */
export const NACOS_HEALTH_CHECK_KIND = "nacos-health-check";

/** The health checker's options, each declared once. */
export const NACOS_HEALTH_CHECK_OPTIONS = {
  checkIntervalUs: { type: "duration", default: 5 * SECOND, min: MS, description: "How often the server probes each persistent instance.", source: "Nacos HealthCheckTask: a TCP check every 2 s plus a random part of up to 5 s (TcpHealthParams max 5000 ms); 5 s stands for it" },
  probeTimeoutUs: { type: "duration", default: 500 * MS, min: 1, description: "A probe not answered within this fails.", source: "Nacos TcpHealthParams min 500 ms" },
  server: { type: "string", default: "", description: "The nacos-server it works for (an address); empty: the one on its node." },
} as const satisfies OptionTable;

/** The health checker's options. */
export type NacosHealthCheckOptions = OptionValues<typeof NACOS_HEALTH_CHECK_OPTIONS>;

/**
 * The server side of Nacos's persistent instances (ephemeral=false): they never expire; the
 * server probes them and marks them healthy or unhealthy, and they stay registered either way
 * until deregistered. One checker sits beside each nacos-server and works only while its server
 * leads (it asks its server for the instances in a read that only a leader answers, so a
 * checker on the minority side, or beside a follower, does nothing), as only one Nacos server
 * is responsible for checking an instance. Each round it probes every instance with a request
 * (`nacos.health-check`, which a backend serves like any request: Nacos's TCP check only
 * connects) and writes `/health/<service>/<id>` through the log when the verdict changed.
 *
 * History: `nacos-health` (service, id, healthy) when a verdict is written.
 */
export const nacosHealthCheck: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `${NACOS_HEALTH_CHECK_KIND} ${rt.address}`;
  checkKeys(config, Object.keys(NACOS_HEALTH_CHECK_OPTIONS), where);
  const o = readOptions(NACOS_HEALTH_CHECK_OPTIONS, config, where);
  const server = o.server !== "" ? o.server : rt.directory().find((p) => p.kind === NACOS_SERVER_KIND && p.node === rt.node)?.address;
  if (!server) return badConfig(where, "server", `a ${NACOS_SERVER_KIND} address (none on node ${rt.node})`, o.server);

  const round = async () => {
    const services = await callServer(rt, server, ETCD_MSG.get, { key: `${REGISTRY_ROOTS.services}/`, prefix: true, leaderLocal: true }, o.probeTimeoutUs);
    if (!services.ok) return;
    const health = await callServer(rt, server, ETCD_MSG.get, { key: `${REGISTRY_ROOTS.health}/`, prefix: true, leaderLocal: true }, o.probeTimeoutUs);
    if (!health.ok) return;
    const verdicts = new Map((health.body.kvs as Array<{ key: string; value: Json }>).map((kv) => [kv.key, kv.value]));
    await Promise.all((services.body.kvs as Array<{ key: string; value: Json }>).map(async (kv) => {
      const r = registryKeyOf(kv.key);
      const address = (kv.value as { address?: unknown } | null)?.address;
      if (!r || typeof address !== "string") return;
      let healthy = true;
      try { await rt.call(address, "nacos.health-check", null, { timeout: o.probeTimeoutUs }); } catch { healthy = false; }
      const key = registryKey("health", r.service, r.id);
      if ((verdicts.get(key) ?? true) === healthy) return;
      const w = await callServer(rt, server, ETCD_MSG.put, { key, value: healthy }, 2 * SECOND);
      if (w.ok) rt.record("nacos-health", { service: r.service, id: r.id, healthy });
    }));
  };

  return {
    start() {
      const tick = () => {
        void round();
        rt.setTimer(o.checkIntervalUs, tick, "nacos-health-check");
      };
      rt.setTimer(o.checkIntervalUs, tick, "nacos-health-check");
    },
  };
};
