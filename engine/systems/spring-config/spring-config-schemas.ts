import type { JsonObject } from "../../core/json";
import { closedObject, duration } from "../../options/schema-fragments";
import { optionsSchema } from "../../options/option-table";
import { SPRING_BUS_BROKER_OPTIONS, SPRING_CONFIG_CLIENT_OPTIONS, SPRING_CONFIG_SERVER_OPTIONS } from "./spring-config-options";

const items: JsonObject = { type: "object", additionalProperties: { type: ["string", "number", "boolean"] }, description: "Key -> value, as application.yml holds them (kept as strings)." };
const address = (description: string): JsonObject => ({ type: "string", pattern: "^[^/]+/[^/]+$", description });

/** The `spring-config-server` kind's config. */
export const SPRING_CONFIG_SERVER_SCHEMA: JsonObject = closedObject({
  ...optionsSchema(SPRING_CONFIG_SERVER_OPTIONS),
  repository: { type: "object", additionalProperties: items, description: "The repository at start: label -> items (each label's first commit). Default {main: {}}." },
  commits: {
    type: "array", description: "Commits pushed to the repository later, in time order.",
    items: closedObject({ at: duration("When the commit is pushed."), label: { type: "string", description: "Default the default label." }, items }, "One commit: the keys it sets.", { required: ["at", "items"] }),
  },
}, "A Spring Cloud Config server over a versioned repository (labels and commits), read on every request.");

/** The `spring-config-client` kind's config. */
export const SPRING_CONFIG_CLIENT_SCHEMA: JsonObject = closedObject({
  ...optionsSchema(SPRING_CONFIG_CLIENT_OPTIONS),
  servers: { anyOf: [address("A config server."), { type: "array", minItems: 1, items: address("A config server.") }], description: "Config servers tried in order (default every spring-config-server)." },
  broker: address("The bus broker (default the first spring-bus-broker)."),
  localItems: items,
}, "A Spring Boot application with the Spring Cloud Config client and Spring Cloud Bus.");

/** The `spring-bus-broker` kind's config. */
export const SPRING_BUS_BROKER_SCHEMA: JsonObject = closedObject(optionsSchema(SPRING_BUS_BROKER_OPTIONS), "The broker under Spring Cloud Bus: a topic exchange, an anonymous auto-delete queue per instance.");

/** The `spring-bus-refresh` kind's config. */
export const SPRING_BUS_REFRESH_SCHEMA: JsonObject = closedObject({
  refreshes: {
    type: "array", description: "The calls to POST /actuator/busrefresh, in time order.",
    items: closedObject({ at: duration("When to call."), target: address("The instance whose endpoint is called."), destination: { anyOf: [{ type: "null" }, { type: "string" }], description: "The destination (app:**); default every instance." } }, "One call.", { required: ["at", "target"] }),
  },
}, "The operator: calls /actuator/busrefresh on an instance at scripted times.", { required: ["refreshes"] });
