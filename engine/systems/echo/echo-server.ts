import type { JsonObject } from "../../core/json";
import type { ProcessFactory } from "../../node/runtime-api";
import type { OptionTable } from "../../options/option-table";
import { optionsSchema, readOptions } from "../../options/option-table";
import { checkKeys } from "../../options/option-values";
import { closedObject } from "../../options/schema-fragments";

/** The echo server's options, each declared once. */
export const ECHO_SERVER_OPTIONS = {
  serviceTime: { type: "duration", default: 0, description: "Service time per request; 0 answers at once." },
  durableCount: { type: "bool", default: false, description: "Count requests on disk (synced every request), to show what survives a restart." },
} as const satisfies OptionTable;

/** Configuration of the echo server, as a scenario writes it. */
export type EchoServerConfig = Partial<Record<keyof typeof ECHO_SERVER_OPTIONS, unknown>>;

/** The `echo-server` kind's config. */
export const ECHO_SERVER_SCHEMA: JsonObject = closedObject(optionsSchema(ECHO_SERVER_OPTIONS), "An echo server.");

/**
 * The smallest useful service: it answers every request with its body, after an optional
 * service time, and publishes how many requests it has served.
 */
export const echoServer: ProcessFactory<EchoServerConfig> = (rt, raw) => {
  const where = `${rt.address} (echo-server)`;
  checkKeys(raw, Object.keys(ECHO_SERVER_OPTIONS), where);
  const config = readOptions(ECHO_SERVER_OPTIONS, raw, where);
  const serviceTime = config.serviceTime;
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
