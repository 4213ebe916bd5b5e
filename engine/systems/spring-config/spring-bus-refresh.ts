import type { ProcessFactory } from "../../node/runtime-api";
import { SECOND } from "../../core/time";
import { resolveBusRefreshes } from "./spring-config-options";
import { SPRING_MSG } from "./spring-config-messages";

/**
 * The operator: at scripted times it calls `POST /actuator/busrefresh` on one instance, as one
 * does after pushing a commit to the config repository. The instance publishes a
 * RefreshRemoteApplicationEvent on the bus, and every instance that gets it refreshes.
 * History: `bus-refresh-called` (target, destination, ok).
 */
export const springBusRefresh: ProcessFactory<Record<string, unknown>> = (rt, config) => {
  const refreshes = resolveBusRefreshes(config, `spring-bus-refresh ${rt.address}`);
  return {
    start() {
      for (const r of refreshes) {
        if (r.atUs < rt.now()) continue;
        rt.setTimer(r.atUs - rt.now(), () => {
          void rt.call(r.target, SPRING_MSG.busRefresh, { destination: r.destination }, { timeout: 5 * SECOND }).then(
            () => rt.record("bus-refresh-called", { target: r.target, destination: r.destination, ok: true }),
            () => rt.record("bus-refresh-called", { target: r.target, destination: r.destination, ok: false }),
          );
        }, "busrefresh");
      }
    },
  };
};
