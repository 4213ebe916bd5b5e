import type { Json } from "../../core/json";
import type { Message, ProcessFactory } from "../../node/runtime-api";
import { resolveProxyOptions } from "./proxy-options";
import { ServiceProxy } from "./service-proxy";

/** What a local application sends to the sidecar: the service to call and the call's details. */
export interface SidecarRequest {
  service: string;
  body?: Json;
  /** Relative to the moment the sidecar receives the request. */
  deadlineUs?: number;
  key?: string;
  uri?: string;
}

/** The message type the sidecar serves. */
export const SIDECAR_CALL = "proxy.call";

/**
 * The proxy as its own process: a sidecar (Envoy, Linkerd) that local applications call with
 * `proxy.call` and that makes the service call for them with the full policy stack. It answers
 * with the service's reply, or fails with a remote error whose body says why (`failure`), so
 * the application sees exactly what the proxy decided. The caller's address is its source IP.
 */
export const proxyProcess: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const proxy = new ServiceProxy(rt, resolveProxyOptions(config, `proxy ${rt.address}`));
  const ipOf = (address: string) => rt.directory().find((p) => p.address === address)?.ip;
  return {
    message(msg: Message) {
      proxy.handleMessage(msg);
    },
    async request(req: Message) {
      if (req.type !== SIDECAR_CALL) throw { status: 400, code: "error", message: `${rt.address}: the sidecar serves "${SIDECAR_CALL}", not "${req.type}"` };
      const b = req.body as SidecarRequest;
      const r = await proxy.call({
        service: b.service, body: b.body, key: b.key, uri: b.uri, sourceIp: ipOf(req.from),
        deadline: b.deadlineUs === undefined ? null : rt.now() + b.deadlineUs,
      });
      if (r.ok) return r.value;
      throw { status: 503, code: "unavailable", failure: r.failure ?? "error", message: `${rt.address}: ${b.service}: ${r.failure}` };
    },
  };
};
