import { ActiveCounts } from "../active-counts";
import { ipv4Octets } from "../hash/ipv4";
import { configKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { defaultsOf } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import { SmoothWeights } from "../smooth-weights";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";
import { isUsable } from "../usable";

/** Options of nginx's `ip_hash`. */
export interface IpHashOptions {
  /** nginx `max_fails`, for the effective-weight drop of the round-robin fallback. */
  maxFails: number;
}

/** The options, declared once: nginx's default `max_fails=1`. */
export const IP_HASH_OPTIONS = {
  maxFails: { type: "int", default: 1, min: 0, max: 1000, description: "For the effective-weight drop of the round-robin fallback; 0 turns it off.", source: "nginx max_fails" },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const IP_HASH_DEFAULTS: IpHashOptions = defaultsOf(IP_HASH_OPTIONS);

/** nginx rehashes at most this many times before falling back to round robin. */
const MAX_TRIES = 20;

/**
 * The bytes nginx hashes for a client: the first three octets of an IPv4 address, so a whole
 * /24 lands on one peer. A client that is not IPv4 hashes as three zero bytes, as nginx does
 * for non-inet sockets (`ngx_http_upstream_ip_hash_pseudo_addr`).
 */
export function ipHashBytes(sourceIp: string | undefined): readonly number[] {
  const o = ipv4Octets(sourceIp);
  return o === undefined ? [0, 0, 0] : [o[0], o[1], o[2]];
}

/** One round of nginx's ip_hash over the address bytes: `h = (h * 113 + b) % 6271` per byte. */
export function ipHashStep(hash: number, bytes: readonly number[]): number {
  let h = hash;
  for (const b of bytes) h = (h * 113 + b) % 6271;
  return h;
}

/**
 * nginx `ip_hash` (ngx_http_upstream_ip_hash_module.c): start at h = 89, run one round over the
 * client's first three octets, take `w = h % total_weight` and walk the peers subtracting
 * weights until `w < weight`. If that peer is down, tried, failed or full, run another round
 * from the current h; after 20 such tries, or with fewer than two peers, fall back to nginx
 * round robin. `total_weight` counts every configured peer, down ones included, which is why a
 * down peer only moves its own clients.
 */
export function createIpHash(options?: Partial<IpHashOptions>): Strategy {
  const opts = readStrategyOptions("ip-hash", options, IP_HASH_OPTIONS);
  const active = new ActiveCounts();
  const cache = new MembershipCache(configKey, SmoothWeights.of);
  return {
    name: "ip-hash",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const { weights, total } = cache.get(instances);
      const usable = (inst: Instance) => isUsable(inst, active, req);
      const roundRobin = () => {
        const i = weights.select(instances, usable);
        return i < 0 ? undefined : instances[i];
      };
      if (instances.length < 2 || total <= 0) return roundRobin();
      const bytes = ipHashBytes(req.sourceIp);
      let hash = 89;
      for (let tries = 0; ; ) {
        hash = ipHashStep(hash, bytes);
        let w = hash % total;
        let p = 0;
        while (w >= instances[p].weight) {
          w -= instances[p].weight;
          p++;
        }
        if (usable(instances[p])) return instances[p];
        if (++tries > MAX_TRIES) return roundRobin();
      }
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, outcome: Outcome): void {
      active.end(id);
      if (!outcome.ok) cache.current()?.weights.fail(id, opts.maxFails);
    },
  };
}
