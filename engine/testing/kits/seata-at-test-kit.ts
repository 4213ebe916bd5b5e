import type { Micros } from "../../core/time";
import { MS } from "../../core/time";
import type { CheckSpec, FaultSpec, Scenario, TriggerSpec } from "../../scenario";

/**
 * Seata AT on the shared place-order model: the TC `seata` on tc, the branch services `order`,
 * `stock` and `payment` on nodes of those names, the business (TM) on client, over 1 ms links.
 * `data` goes to every service (and `service.<name>` to one), `business` to the business. Test code only.
 */
export function seataAtScenario(s: {
  duration: Micros; faults?: FaultSpec[]; triggers?: TriggerSpec[]; checks?: CheckSpec[];
  server?: Record<string, unknown>; data?: Record<string, unknown>; service?: Record<string, Record<string, unknown>>; business?: Record<string, unknown>;
}): Scenario {
  return {
    name: "seata-at-test",
    seed: 1,
    duration: s.duration,
    nodes: ["tc", "client", "order", "stock", "payment"].map((name) => ({ name })),
    network: { latency: { dist: "constant", value: MS } },
    processes: [
      { node: "tc", name: "seata", kind: "seata-server", config: { ...s.server } },
      ...["order", "stock", "payment"].map((node) => ({ node, name: node, kind: "seata-at-service", config: { ...s.data, ...s.service?.[node] } })),
      { node: "client", name: "business", kind: "seata-at-business", config: { ...s.business } },
    ],
    faults: s.faults,
    triggers: s.triggers,
    checks: s.checks ?? [{ name: "atomic-outcome" }, { name: "money-conserved" }, { name: "stock-conserved" }],
  } as Scenario;
}
