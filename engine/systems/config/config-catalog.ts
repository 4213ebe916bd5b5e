import type { CheckerCatalog, ProcessCatalog } from "../../run-options";
import { configServer } from "./config-server";
import { configClient } from "./config-client";
import { configRelease } from "./config-release";
import { configConverges } from "./config-converges";
import { CONFIG_CLIENT_SCHEMA, CONFIG_RELEASE_SCHEMA, CONFIG_SERVER_SCHEMA } from "./config-schemas";

/** The configuration center's kinds. Their defaults are Apollo's, so `apollo` is the only profile. */
export const configProcesses: ProcessCatalog = {
  "config-server": {
    factory: configServer, configSchema: CONFIG_SERVER_SCHEMA, profiles: { apollo: {} },
    description: "An Apollo-like config server: versioned namespaces, long-poll notifications (60 s hold, 1 s release scan), durable releases.",
  },
  "config-client": {
    factory: configClient, configSchema: CONFIG_CLIENT_SCHEMA, profiles: { apollo: {} },
    description: "The Apollo client in an application: fetch, long poll with 1..120 s backoff, 5 min refresh, local cache file fallback.",
  },
  "config-release": {
    factory: configRelease, configSchema: CONFIG_RELEASE_SCHEMA,
    description: "Releases new config versions at scripted times, retrying until the server acknowledges.",
  },
};

/** The configuration center's checkers. */
export const configCheckers: CheckerCatalog = {
  "config-converges": { factory: configConverges, description: "After faults heal, every config client holds the latest release within a bound; reports staleness." },
};
