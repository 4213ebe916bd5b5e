import type { ConfigItems } from "../config/config-messages";

/** The message types of Spring Cloud Config and Spring Cloud Bus (HTTP endpoints and AMQP frames, one type each). */
export const SPRING_MSG = {
  /** TCP connect to the config server: refused at once while it is not listening. */
  connect: "spring.config.connect",
  /** GET /{application}/{profile}/{label}: the Environment. */
  fetch: "spring.config.fetch",
  /** POST /actuator/busrefresh on an instance. */
  busRefresh: "spring.actuator.busrefresh",
  /** Subscribe: declare an anonymous auto-delete queue bound to the springCloudBus exchange. */
  subscribe: "spring.bus.subscribe",
  /** A connection heartbeat; the answer says whether the broker still has the client's queue. */
  heartbeat: "spring.bus.heartbeat",
  /** Publish a RemoteApplicationEvent to the springCloudBus exchange. */
  publish: "spring.bus.publish",
  /** The broker delivers an event from the client's queue (acknowledged by the reply). */
  deliver: "spring.bus.deliver",
} as const;

/** The process kinds clients find in the directory. */
export const SPRING_CONFIG_SERVER_KIND = "spring-config-server";
/** The bus broker's kind. */
export const SPRING_BUS_BROKER_KIND = "spring-bus-broker";

/** GET /{application}/{profile}/{label}. */
export interface EnvironmentRequest {
  application: string;
  profile: string;
  label: string;
}

/** The server's Environment: the label, the commit it resolved to (`version`) and the property sources. */
export interface EnvironmentReply {
  name: string;
  profiles: string[];
  label: string;
  /** The commit id (git's SHA; here `<label>-<n>`). */
  version: string;
  /** The commit's number on its label, 1 for the first, so versions compare. */
  commit: number;
  propertySources: Array<{ name: string; source: ConfigItems }>;
}

/** A RefreshRemoteApplicationEvent on the bus. */
export interface RefreshEvent {
  /** The event's id (the originService and a sequence number). */
  id: string;
  originService: string;
  /** The destination pattern; null means every instance (`**`). */
  destination: string | null;
}

/** What a heartbeat's answer says. */
export interface HeartbeatReply {
  /** False when the broker closed the connection and deleted the queue: subscribe again. */
  known: boolean;
}
