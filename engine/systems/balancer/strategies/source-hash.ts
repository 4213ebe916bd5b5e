import { ActiveCounts } from "../active-counts";
import { buildServerMap, lookupServerMap, runningCount } from "../haproxy-map";
import { ipv4ToUint32 } from "../hash/ipv4";
import { memberKey, MembershipCache } from "../membership-cache";
import type { OptionTable } from "../../../options/option-table";
import { readStrategyOptions } from "../options";
import type { Instance, Outcome, PickRequest, Strategy } from "../strategy";

/** HAProxy's `balance source` takes no options here. */
export type SourceHashOptions = Record<string, never>;

/** Nothing to configure. */
export const SOURCE_HASH_DEFAULTS: SourceHashOptions = {};

/** It takes no options: the empty table, so a key given is refused. */
export const SOURCE_HASH_OPTIONS = {} as const satisfies OptionTable;

/**
 * HAProxy `balance source` with the default `hash-type map-based` (`get_server_sh`): the
 * client's IPv4 address as a 32-bit number (no mixing: HAProxy applies its avalanche only when
 * asked), modulo the total weight of the running servers, indexes the server map. A client
 * without an IPv4 address hashes as 0.0.0.0. Like `uri-hash`, most clients move when the
 * running set changes.
 */
export function createSourceHash(options?: Partial<SourceHashOptions>): Strategy {
  readStrategyOptions("source-hash", options, SOURCE_HASH_OPTIONS);
  const active = new ActiveCounts();
  const cache = new MembershipCache(memberKey, (list) => ({ map: buildServerMap(list), running: runningCount(list) }));
  return {
    name: "source-hash",
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const { map, running } = cache.get(instances);
      const hash = running <= 1 ? 0 : (ipv4ToUint32(req.sourceIp) ?? 0);
      return lookupServerMap(map, instances, hash, active, req);
    },
    onStart(id: string): void {
      active.start(id);
    },
    onEnd(id: string, _outcome: Outcome): void {
      active.end(id);
    },
  };
}
