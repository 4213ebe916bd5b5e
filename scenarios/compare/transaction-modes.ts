import type { JsonObject } from "../../engine/core/json";

/** The business data and client settings every mode of the comparison runs with. */
export interface SharedSetup {
  /** The branch services' business data (BUSINESS_DATA_OPTIONS). */
  data: JsonObject;
  /** The business client's place-order stream (PLACE_ORDER_OPTIONS). */
  orders: JsonObject;
}

/**
 * One mode of the four-way comparison: which kinds it needs (a mode whose kinds are not in the
 * catalog is left out, and the report says so) and the services it runs on the shared nodes:
 * `tc` (a coordinator, if the mode has one), `client` (the business client, with
 * `setup.orders` as its config), `order`, `stock`, `payment` (the branch services, each a
 * process named after its service on the node of that name, with `setup.data`). A mode's
 * services answer `business-read` (business-reader.ts), which the comparison's reader on
 * `display` sends.
 */
export interface ComparisonMode {
  mode: "2pc" | "at" | "tcc" | "saga";
  label: string;
  kinds: readonly string[];
  services(setup: SharedSetup): JsonObject[];
}

const branches = (kind: string, setup: SharedSetup, extra: JsonObject = {}): JsonObject[] =>
  ["order", "stock", "payment"].map((s) => ({ name: s, kind, on: s, config: { ...setup.data, ...extra } }));

/**
 * The modes, in the report's order. The TCC and Saga entries name the kinds seata-tcc-saga
 * announced (ANNOUNCE.md, 03:20); until those kinds are in the catalog the comparison runs the
 * other modes and names these as not run.
 */
export const COMPARISON_MODES: readonly ComparisonMode[] = [
  {
    mode: "2pc", label: "2PC (XA-like, commit family)", kinds: ["2pc-coordinator", "2pc-business-participant", "2pc-business-client"],
    services: (setup) => [
      { name: "coordinator", kind: "2pc-coordinator", on: "tc" },
      ...branches("2pc-business-participant", setup),
      { name: "business", kind: "2pc-business-client", on: "client", config: setup.orders },
    ],
  },
  {
    mode: "at", label: "Seata AT", kinds: ["seata-server", "seata-at-service", "seata-at-business"],
    services: (setup) => [
      { name: "seata", kind: "seata-server", on: "tc" },
      ...branches("seata-at-service", setup),
      { name: "business", kind: "seata-at-business", on: "client", config: setup.orders },
    ],
  },
  {
    mode: "tcc", label: "Seata TCC (with fence)", kinds: ["seata-tcc-server", "seata-tcc-service", "seata-tcc-business"],
    services: (setup) => [
      { name: "seata", kind: "seata-tcc-server", on: "tc" },
      ...branches("seata-tcc-service", setup, { useTCCFence: true }),
      { name: "business", kind: "seata-tcc-business", on: "client", config: setup.orders },
    ],
  },
  {
    mode: "saga", label: "Saga (orchestrated)", kinds: ["saga-orchestrator", "saga-service"],
    services: (setup) => [
      ...branches("saga-service", setup),
      { name: "business", kind: "saga-orchestrator", on: "client", config: setup.orders },
    ],
  },
];
