import type { Runtime } from "../../../node/runtime-api";
import { badConfig } from "../../../options/option-values";
import { AT_KIND } from "./at-messages";

/** The TC's address: the config's `server`, else the run's one `seata-server`. */
export function serverAddress(rt: Runtime, given: unknown, where: string): string {
  if (typeof given === "string" && given.length > 0) return given;
  if (given !== undefined && given !== null) badConfig(where, "server", "the seata-server's address (node/process)", given);
  const servers = rt.directory().filter((p) => p.kind === AT_KIND.server);
  if (servers.length !== 1) badConfig(where, "server", `the seata-server's address (the run has ${servers.length} seata-server processes, so it cannot be chosen for you)`, given);
  return servers[0].address;
}

/** A branch service's address: the `seata-at-service` process named, or on the node named, after the service. */
export function serviceAddress(rt: Runtime, service: string, given: unknown, where: string): string {
  if (typeof given === "string" && given.length > 0) return given;
  const found = rt.directory().find((p) => p.kind === AT_KIND.service && (p.process === service || p.node === service));
  if (!found) badConfig(where, service, `the ${service} service's address (no ${AT_KIND.service} process is named ${service} or runs on a node of that name)`, given);
  return found.address;
}
