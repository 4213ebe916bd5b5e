import { ActiveCounts } from "../active-counts";
import { memberKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { isHealthy, isUsable } from "../usable";
import { LEAST_CONNECTIONS_BUGS, type LeastConnectionsBug } from "./least-connections";

/** Options of HAProxy's `balance leastconn`. */
export interface LeastConnectionsHaproxyOptions {
  /** A deliberate bug to reproduce (see `LeastConnectionsBug`); `"none"` is correct. */
  bug: LeastConnectionsBug;
}

/** The options, declared once: no bug by default. */
export const LEAST_CONNECTIONS_HAPROXY_OPTIONS = {
  bug: { type: "enum", default: "none", values: LEAST_CONNECTIONS_BUGS, description: "Bug zoo: leak-on-timeout (a timed-out call is never subtracted from its instance's count)." },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const LEAST_CONNECTIONS_HAPROXY_DEFAULTS: LeastConnectionsHaproxyOptions = defaultsOf(LEAST_CONNECTIONS_HAPROXY_OPTIONS);

/** HAProxy's `BE_WEIGHT_SCALE`: effective weight = user weight x 16. */
const BE_WEIGHT_SCALE = 16;
/** HAProxy's `SRV_EWGHT_MAX` = `SRV_UWGHT_MAX` (256) x `BE_WEIGHT_SCALE`. */
const SRV_EWGHT_MAX = 256 * BE_WEIGHT_SCALE;

/** A server's place in HAProxy's leastconn tree: its key, then insertion order among equals. */
interface TreeNode {
  key: number;
  seq: number;
  weight: number;
}

/**
 * HAProxy `balance leastconn` (lb_fwlc.c, 2.x): servers sit in a tree keyed by
 * `inflight ? (inflight + 1) * SRV_EWGHT_MAX / eweight : 0` and the first server that is not
 * full wins. A server is taken out and put back each time it gains or loses a connection, and
 * the tree puts it after the servers with the same key, which is what makes equal-load servers
 * take turns. Idle servers all share key 0 whatever their weight ("servers with no connection
 * are always picked first"), so under light load weights {2, 1} alternate a b a b where nginx
 * gives a b a. A server that goes down leaves the tree; when it returns it goes in last.
 */
export function createLeastConnectionsHaproxy(options?: Partial<LeastConnectionsHaproxyOptions>): Strategy {
  const opts = readStrategyOptions("least-connections-haproxy", options, LEAST_CONNECTIONS_HAPROXY_OPTIONS);
  const active = new ActiveCounts();
  let tree = new Map<string, TreeNode>();
  let seq = 0;
  const keyOf = (id: string, weight: number): number => {
    const inflight = active.get(id);
    return inflight === 0 ? 0 : Math.floor(((inflight + 1) * SRV_EWGHT_MAX) / (weight * BE_WEIGHT_SCALE));
  };
  const requeue = (id: string): void => {
    const node = tree.get(id);
    if (node === undefined) return;
    node.key = keyOf(id, node.weight);
    node.seq = ++seq;
  };
  const cache = new MembershipCache(memberKey, (list) => {
    // Servers still up keep their place; servers that came up (or joined) are queued last.
    const next = new Map<string, TreeNode>();
    for (const inst of list) {
      if (!isHealthy(inst)) continue;
      const old = tree.get(inst.id);
      next.set(inst.id, old !== undefined && old.weight === inst.weight ? old : { key: keyOf(inst.id, inst.weight), seq: ++seq, weight: inst.weight });
    }
    tree = next;
    return next;
  });
  return {
    name: "least-connections-haproxy",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const nodes = cache.get(instances);
      let best: Instance | undefined;
      let bestNode: TreeNode | undefined;
      for (const inst of instances) {
        if (!isUsable(inst, active, req)) continue;
        const node = nodes.get(inst.id);
        if (node === undefined) continue;
        if (bestNode === undefined || node.key < bestNode.key || (node.key === bestNode.key && node.seq < bestNode.seq)) {
          best = inst;
          bestNode = node;
        }
      }
      return best;
    },
    onStart(id: string): void {
      active.start(id);
      requeue(id);
    },
    onEnd(id: string, outcome: Outcome): void {
      const leak = opts.bug === "leak-on-timeout" && !outcome.ok && outcome.timeout === true;
      if (!leak) active.end(id);
      requeue(id);
    },
  };
}
