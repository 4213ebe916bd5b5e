import type { CheckerFactory, CheckOutcome } from "../../check/checker";
import { SECOND, formatMicros } from "../../core/time";
import { toMicros } from "../../options/option-values";
import { downDuring, nodeDowntime } from "./node-downtime";
import { sameIds } from "./routable";

/** One process's view of each service: its instance ids and the history entry that set them. */
type ViewTable = Map<string, Map<string, { ids: string[]; index: number; node: string }>>;

/** The views of the registry servers and of the clients, by address. */
interface Views { servers: ViewTable; clients: ViewTable }

function copyViews(v: Views): Views {
  const copy = (t: ViewTable): ViewTable => new Map([...t].map(([a, m]) => [a, new Map(m)]));
  return { servers: copy(v.servers), clients: copy(v.clients) };
}

/**
 * Liveness of the registry: once every fault has healed, every live registry server and every
 * live client that discovers a service agree on its instances within `bound`. Judged at
 * healedAt + bound from the `registry-view` and `registry-start` records; a process restarted
 * since holds no view until it records one. When the run ends before that moment there is
 * nothing to judge, and the checker says so. Online: it keeps the current views (one per
 * process and service), and a copy of them as they stood at that moment.
 *
 * Params: `bound` (default 60 s).
 */
export const registryConverges: CheckerFactory = (params) => {
  const bound = params.bound === undefined ? 60 * SECOND : toMicros(params.bound, "registry-converges", "bound");
  return {
    name: "registry-converges",
    description: `After faults heal, every registry server and client agree on each service within ${formatMicros(bound)}.`,
    events: ["registry-start", "registry-view"],
    start(run) {
      // The views now, and a copy of them as they stood at healedAt + bound, taken when the
      // first record after that moment arrives; a later fault moves the moment past now, so the
      // copy is dropped and the live views (which hold everything so far) serve again.
      const current: Views = { servers: new Map(), clients: new Map() };
      let frozen: Views | null = null;
      let frozenAt = -1;
      return {
        record(h) {
          const at = run.healedAt + bound;
          if (frozen !== null && frozenAt !== at) frozen = null;
          if (h.t > at && frozen === null) { frozen = copyViews(current); frozenAt = at; }
          const role = h.fields.role;
          const table = role === "server" ? current.servers : role === "client" ? current.clients : null;
          if (!table) return;
          if (h.event === "registry-start") table.set(h.address, new Map());
          else {
            let m = table.get(h.address);
            if (!m) table.set(h.address, (m = new Map()));
            m.set(String(h.fields.service), { ids: h.fields.ids as string[], index: h.index, node: h.node });
          }
        },
        finish(ctx): CheckOutcome {
          const at = ctx.healedAt + bound;
          if (at > ctx.endedAt) {
            return { violations: [], findings: [{ message: `the run ended ${formatMicros(at - ctx.endedAt)} too early to judge convergence (healed at ${formatMicros(ctx.healedAt)})` }] };
          }
          const { servers, clients } = frozen !== null && frozenAt === at ? frozen : current;
          const down = nodeDowntime(ctx.faults);
          const live = (node: string) => !downDuring(down, node, at, at);
          const nodeOf = (address: string) => address.slice(0, address.indexOf("/"));
          const violations: CheckOutcome["violations"] = [];
          const services = new Set<string>();
          for (const m of servers.values()) for (const s of m.keys()) services.add(s);
          for (const service of [...services].sort()) {
            const views = [...servers.entries()]
              .filter(([address]) => live(nodeOf(address)))
              .map(([address, m]) => ({ address, v: m.get(service) ?? { ids: [], index: -1, node: nodeOf(address) } }));
            if (views.length === 0) continue;
            const truth = views[0].v.ids;
            for (const x of views.slice(1)) {
              if (!sameIds(truth, x.v.ids)) {
                violations.push({
                  message: `at ${formatMicros(at)} registry servers disagree on ${service}: ${views[0].address} has [${truth.join(", ")}], ${x.address} has [${x.v.ids.join(", ")}]`,
                  t: at, nodes: [views[0].v.node, x.v.node], history: [views[0].v.index, x.v.index].filter((i) => i >= 0), events: [],
                });
              }
            }
            for (const [address, m] of clients) {
              const v = m.get(service);
              if (!v || !live(nodeOf(address)) || sameIds(v.ids, truth)) continue;
              violations.push({
                message: `at ${formatMicros(at)} ${address} sees ${service} as [${v.ids.join(", ")}], the registry as [${truth.join(", ")}]`,
                t: at, nodes: [v.node], history: [v.index], events: [],
              });
            }
          }
          return { violations: violations.slice(0, 20) };
        },
      };
    },
  };
};
