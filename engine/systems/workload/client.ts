import type { Json } from "../../core/json";
import type { ProcessFactory } from "../../node/runtime-api";
import { ServiceProxy } from "../proxy/service-proxy";
import { resolveClientConfig } from "./client-options";
import { OpenArrivals } from "./arrivals";
import { RequestKeys } from "./request-keys";

/** The state a client publishes once a second. */
export interface ClientState {
  sent: number;
  ok: number;
  failed: number;
  inFlight: number;
}

/**
 * The workload: a client that calls one service through a `ServiceProxy`, in an open loop
 * (Poisson, constant, bursts, a ramp: arrivals do not wait for answers, so overload builds up
 * as it does in production) or a closed loop (N users, each waiting for its answer and then
 * thinking). Each request carries a URI, a user id and a hash key as configured, and the node's
 * IP as its source address, and may have a deadline. Every call is in the history through the
 * proxy (`call-start`, `call-attempt`, `call-end`).
 */
export const client: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const where = `client ${rt.address}`;
  const o = resolveClientConfig(config, where);
  const proxy = new ServiceProxy(rt, o.proxy);
  const keys = new RequestKeys(o.keys, rt.random);
  let sent = 0, ok = 0, failed = 0, inFlight = 0;
  let changed = true;

  const mayStart = () => (o.requests === null || sent < o.requests) && (o.stopAtUs === null || rt.now() < o.stopAtUs);

  const one = async (): Promise<void> => {
    const n = ++sent;
    inFlight++;
    changed = true;
    const k = keys.draw();
    const body: Record<string, Json> = { ...(o.body as Record<string, Json>), n };
    if (k.uri !== undefined) body.uri = k.uri;
    if (k.user !== undefined) body.user = k.user;
    const r = await proxy.call({
      service: o.service, body, n, key: k.key, uri: k.uri, sourceIp: rt.ip,
      deadline: o.deadlineUs === null ? null : rt.now() + o.deadlineUs,
    });
    inFlight--;
    if (r.ok) ok++;
    else failed++;
  };

  const publish = () => {
    if (changed) {
      changed = false;
      rt.publish<ClientState>((s) => {
        s.sent = sent;
        s.ok = ok;
        s.failed = failed;
        s.inFlight = inFlight;
      });
    }
    rt.setTimer(1_000_000, publish, "publish");
  };

  return {
    start() {
      publish();
      const a = o.arrival;
      if (a.pattern === "closed") {
        const think = () => (a.think <= 0 ? 0 : o.thinkDistribution === "exponential" ? Math.max(1, Math.round(rt.random.exponential(a.think))) : a.think);
        const user = async (): Promise<void> => {
          while (mayStart()) {
            await one();
            const t = think();
            if (t > 0) await rt.sleep(t);
          }
        };
        // Returning the users' promise tells the run loop that continuations are pending, so
        // each user's first call goes out at this instant rather than at the next event.
        return Promise.all(Array.from({ length: a.concurrency }, user)).then(() => undefined);
      }
      const arrivals = new OpenArrivals(a, rt.random, rt.now());
      const schedule = () => {
        const next = arrivals.next(rt.now());
        if (next === null) return;
        rt.setTimer(next.delay, () => {
          const calls: Array<Promise<void>> = [];
          for (let i = 0; i < next.count && mayStart(); i++) calls.push(one());
          if (mayStart()) schedule();
          // Returned so the run loop drains the calls' continuations at this same instant.
          return calls.length === 1 ? calls[0] : Promise.all(calls);
        }, "arrival");
      };
      schedule();
    },
    message(msg) {
      proxy.handleMessage(msg);
    },
  };
};
