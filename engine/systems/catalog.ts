import type { CheckerCatalog, ProcessCatalog } from "../run-options";
import { ECHO_SERVER_SCHEMA, echoServer } from "./echo/echo-server";
import { ECHO_CLIENT_SCHEMA, echoClient } from "./workload/echo-client";
import { everyCallEnds } from "./checks/every-call-ends";
import { linearizable } from "../check/linearizability/history-checker";
import { commitCheckers, commitProcesses } from "./commit/commit-catalog";
import { mqCheckers, mqProcesses } from "./mq/mq-catalog";
import { serviceCheckers, serviceProcesses } from "./workload/service-catalog";
import { gatewayCheckers, gatewayProcesses } from "./gateway/gateway-catalog";
import { configCheckers, configProcesses } from "./config/config-catalog";
import { springConfigCheckers, springConfigProcesses } from "./spring-config/spring-config-catalog";
import { loggingCheckers, loggingProcesses } from "./logging/logging-catalog";
import { storeCheckers, storeProcesses } from "./store/store-catalog";
import { consensusCheckers, consensusProcesses } from "./consensus/consensus-catalog";
import { redisCheckers, redisProcesses } from "./redis/redis-catalog";
import { mysqlProcesses } from "./mysql/mysql-catalog";
import { mongoProcesses } from "./mongo/mongo-catalog";
import { atProcesses } from "./seata/at/at-catalog";
import { businessCheckers } from "./seata/business/business-catalog";
import { twoPcBusinessProcesses } from "./seata/business/two-pc/two-pc-business-catalog";
import { hbaseCheckers, hbaseProcesses } from "./hbase/hbase-catalog";
import { tccCheckers, tccProcesses } from "./seata/tcc/tcc-catalog";
import { sagaCheckers, sagaProcesses } from "./seata/saga/saga-catalog";

/**
 * The built-in process kinds, by the name scenario files use. Each component family adds its
 * kinds here in one line.
 */
export const builtinProcesses: ProcessCatalog = {
  ...commitProcesses,
  ...mqProcesses,
  "echo-server": { factory: echoServer, configSchema: ECHO_SERVER_SCHEMA, description: "Answers every request with its body, after an optional service time." },
  "echo-client": { factory: echoClient, configSchema: ECHO_CLIENT_SCHEMA, description: "Calls echo servers with Poisson arrivals and fails over on errors." },
  ...serviceProcesses,
  ...gatewayProcesses,
  ...configProcesses,
  ...springConfigProcesses,
  ...loggingProcesses,
  ...storeProcesses,
  ...consensusProcesses,
  ...redisProcesses,
  ...mysqlProcesses,
  ...mongoProcesses,
  ...atProcesses,
  ...twoPcBusinessProcesses,
  ...hbaseProcesses,
  ...tccProcesses,
  ...sagaProcesses,
};

/** The built-in checkers, by name. */
export const builtinCheckers: CheckerCatalog = {
  ...commitCheckers,
  ...mqCheckers,
  "every-call-ends": { factory: everyCallEnds, description: "Every call ends in a response or an error before its deadline." },
  linearizable: { factory: linearizable, description: "The clients' `op` records are linearizable (params: model kv|register|cas-register, key: the key field, budget: steps)." },
  ...serviceCheckers,
  ...gatewayCheckers,
  ...configCheckers,
  ...springConfigCheckers,
  ...loggingCheckers,
  ...storeCheckers,
  ...consensusCheckers,
  ...redisCheckers,
  ...businessCheckers,
  ...hbaseCheckers,
  ...tccCheckers,
  ...sagaCheckers,
};
