import type { Micros } from "../../core/time";
import type { JsonObject } from "../../core/json";

/**
 * An instance's own status, as it reports it (Eureka's InstanceStatus). Only `UP` instances take
 * traffic; `OUT_OF_SERVICE` is an operator's drain, `STARTING` a process not yet ready.
 */
export type InstanceStatus = "UP" | "DOWN" | "STARTING" | "OUT_OF_SERVICE";

/**
 * What an instance registers: who it is, where to reach it, and how to weigh it. The registry
 * adds its own lease bookkeeping; this part is what replicates between servers and what a query
 * returns.
 */
export interface InstanceInfo {
  /** The service (Eureka's app name, Nacos's service name). */
  service: string;
  /** Unique within the service and stable across restarts: by default the process address. */
  id: string;
  /** Where to send requests: `node/process`. */
  address: string;
  ip: string;
  zone: string;
  /** Balancer weight, a non-negative integer (nginx `weight=`, Nacos `weight`). */
  weight: number;
  status: InstanceStatus;
  /**
   * Eureka's lastDirtyTimestamp: the instance's local time of its last change to this record.
   * When two versions meet (a replicated register, a re-register after a partition), the larger
   * one wins, as in AbstractInstanceRegistry.register.
   */
  dirty: Micros;
  metadata?: JsonObject;
}

/**
 * An instance as a query returns it: its info plus the server's health verdict. `healthy` is
 * false once a Nacos- or Consul-style server stopped hearing from it; Eureka never marks, it
 * evicts. `protected` is Nacos's protection threshold answer: the instance is returned although
 * it is unhealthy, because too few were healthy.
 */
export interface InstanceView extends InstanceInfo {
  healthy: boolean;
}

/** The answer to a query or a watch push: a service's instances as one server sees them. */
export interface ServiceSnapshot {
  service: string;
  instances: InstanceView[];
  /** Nacos `reachProtectionThreshold`: every instance was returned because too few were healthy. */
  protected: boolean;
  /** Which server answered. */
  server: string;
  /** The server's local time when the answer was made (a response cache makes it older). */
  asOf: Micros;
}

/**
 * A change to the registry: the commands a server applies to its store. They are the unit of
 * replication between AP servers, and they are what a replicated log would carry for a CP
 * registry: every replica applies the same commands in the same order.
 */
export type RegistryCommand =
  | { op: "register"; info: InstanceInfo }
  | { op: "renew"; service: string; id: string }
  | { op: "cancel"; service: string; id: string }
  | { op: "status"; service: string; id: string; status: InstanceStatus; dirty: Micros };

/** Request and message types of the registry protocol, in one place. */
export const REGISTRY_MSG = {
  register: "registry.register",
  renew: "registry.renew",
  cancel: "registry.cancel",
  status: "registry.status",
  /** A query; with `watch: true` it also subscribes (or renews a subscription) for pushes. */
  query: "registry.query",
  push: "registry.push",
  replicate: "registry.replicate",
  sync: "registry.sync",
} as const;

/** The reply to a renew: `not-found` tells the client to register again (Eureka's 404). */
export interface RenewReply {
  ok: boolean;
  reason?: "not-found";
}

/** One batch of replicated commands from a peer; renewals carry the info so a peer can re-create. */
export interface ReplicateBody {
  from: string;
  ops: Array<RegistryCommand & { info?: InstanceInfo }>;
}
