import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { springConfigServer } from "./spring-config-server";
import { springConfigClient } from "./spring-config-client";
import { springBusBroker } from "./spring-bus-broker";
import { springBusRefresh } from "./spring-bus-refresh";
import { SPRING_BUS_BROKER_SCHEMA, SPRING_BUS_REFRESH_SCHEMA, SPRING_CONFIG_CLIENT_SCHEMA, SPRING_CONFIG_SERVER_SCHEMA } from "./spring-config-schemas";

/**
 * Spring Cloud Config and Spring Cloud Bus. Their defaults are Spring's, so `spring-cloud` is
 * the only profile. Convergence is judged by the config center's `config-converges` checker,
 * which reads the same history records.
 */
export const springConfigProcesses: ProcessCatalog = {
  "spring-config-server": {
    factory: springConfigServer, configSchema: SPRING_CONFIG_SERVER_SCHEMA, profiles: { "spring-cloud": {} },
    description: "A Spring Cloud Config server over a versioned repository (labels, commits), read on every request; no push.",
  },
  "spring-config-client": {
    factory: springConfigClient, configSchema: SPRING_CONFIG_CLIENT_SCHEMA, profiles: { "spring-cloud": {} },
    description: "A Spring Boot app with the config client: fetch at start (fail-fast, spring-retry 1000 ms × 1.1 ≤ 2000 ms, 6 attempts), refresh on bus events.",
  },
  "spring-bus-broker": {
    factory: springBusBroker, configSchema: SPRING_BUS_BROKER_SCHEMA,
    description: "The broker under Spring Cloud Bus: fans events out to an anonymous auto-delete queue per instance; a connection silent 60 s loses its queue.",
  },
  "spring-bus-refresh": {
    factory: springBusRefresh, configSchema: SPRING_BUS_REFRESH_SCHEMA,
    description: "The operator: POST /actuator/busrefresh on an instance at scripted times.",
  },
};

/** Spring Cloud Config adds no checker of its own: `config-converges` reads its records. */
export const springConfigCheckers: CheckerCatalog = {};
