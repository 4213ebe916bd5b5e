import type { Micros } from "../../core/time";
import type { ProcessFactory } from "../../node/runtime-api";

/** Configuration of the echo server. */
export interface EchoServerConfig {
  /** Service time per request; 0 answers at once. */
  serviceTime?: Micros;
  /** Counts requests on disk (synced every request), to show what survives a restart. */
  durableCount?: boolean;
}

/**
 * The smallest useful service: it answers every request with its body, after an optional
 * service time, and publishes how many requests it has served.
 */
export const echoServer: ProcessFactory<EchoServerConfig> = (rt, config) => {
  const serviceTime = config.serviceTime ?? 0;
  let served = config.durableCount ? (rt.disk.read<number>("served") ?? 0) : 0;
  return {
    start() {
      rt.publish<{ served: number; incarnation: number }>((s) => {
        s.served = served;
        s.incarnation = rt.incarnation;
      });
    },
    async request(req) {
      if (serviceTime > 0) await rt.sleep(serviceTime);
      served++;
      if (config.durableCount) {
        rt.disk.write("served", served);
        rt.disk.sync();
      }
      rt.publish<{ served: number }>((s) => { s.served = served; });
      return req.body;
    },
  };
};
