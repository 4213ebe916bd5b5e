import type { Rng } from "../../core/rng";
import { BalancerError } from "./balancer-error";
import { nearest } from "./nearest";
import type { OptionTable } from "../../options/option-table";
import type { Strategy } from "./strategy";
import { IP_HASH_OPTIONS, createIpHash, type IpHashOptions } from "./strategies/ip-hash";
import { KETAMA_OPTIONS, createKetama, type KetamaOptions } from "./strategies/ketama";
import { LEAST_CONNECTIONS_OPTIONS, createLeastConnections, type LeastConnectionsOptions } from "./strategies/least-connections";
import { LEAST_CONNECTIONS_HAPROXY_OPTIONS, createLeastConnectionsHaproxy, type LeastConnectionsHaproxyOptions } from "./strategies/least-connections-haproxy";
import { MAGLEV_OPTIONS, createMaglev, type MaglevOptions } from "./strategies/maglev";
import { PEAK_EWMA_OPTIONS, createPeakEwma, type PeakEwmaOptions } from "./strategies/peak-ewma";
import { POWER_OF_TWO_CHOICES_OPTIONS, createPowerOfTwoChoices, type PowerOfTwoChoicesOptions } from "./strategies/power-of-two-choices";
import { RANDOM_OPTIONS, createRandom, type RandomOptions } from "./strategies/random";
import { ROUND_ROBIN_OPTIONS, createRoundRobin, type RoundRobinOptions } from "./strategies/round-robin";
import { SMOOTH_WEIGHTED_ROUND_ROBIN_OPTIONS, createSmoothWeightedRoundRobin, type SmoothWeightedRoundRobinOptions } from "./strategies/smooth-weighted-round-robin";
import { SOURCE_HASH_OPTIONS, createSourceHash, type SourceHashOptions } from "./strategies/source-hash";
import { URI_HASH_OPTIONS, createUriHash, type UriHashOptions } from "./strategies/uri-hash";
import { WEIGHTED_SOURCE_HASH_OPTIONS, createWeightedSourceHash, type WeightedSourceHashOptions } from "./strategies/weighted-source-hash";

/** The options type of each strategy, by catalog name. */
export interface StrategyOptionsByName {
  "round-robin": RoundRobinOptions;
  "smooth-weighted-round-robin": SmoothWeightedRoundRobinOptions;
  "least-connections": LeastConnectionsOptions;
  "least-connections-haproxy": LeastConnectionsHaproxyOptions;
  "ip-hash": IpHashOptions;
  "uri-hash": UriHashOptions;
  "source-hash": SourceHashOptions;
  "weighted-source-hash": WeightedSourceHashOptions;
  random: RandomOptions;
  "power-of-two-choices": PowerOfTwoChoicesOptions;
  ketama: KetamaOptions;
  maglev: MaglevOptions;
  "peak-ewma": PeakEwmaOptions;
}

/** A strategy's catalog name. */
export type StrategyName = keyof StrategyOptionsByName;

type Factory = (options: object | undefined, rng: Rng) => Strategy;

/** Every strategy's factory, by name. */
const FACTORIES: { [N in StrategyName]: Factory } = {
  "round-robin": (o) => createRoundRobin(o as Partial<RoundRobinOptions>),
  "smooth-weighted-round-robin": (o) => createSmoothWeightedRoundRobin(o as Partial<SmoothWeightedRoundRobinOptions>),
  "least-connections": (o) => createLeastConnections(o as Partial<LeastConnectionsOptions>),
  "least-connections-haproxy": (o) => createLeastConnectionsHaproxy(o as Partial<LeastConnectionsHaproxyOptions>),
  "ip-hash": (o) => createIpHash(o as Partial<IpHashOptions>),
  "uri-hash": (o) => createUriHash(o as Partial<UriHashOptions>),
  "source-hash": (o) => createSourceHash(o as Partial<SourceHashOptions>),
  "weighted-source-hash": (o) => createWeightedSourceHash(o as Partial<WeightedSourceHashOptions>),
  random: (o, rng) => createRandom(o as Partial<RandomOptions>, rng),
  "power-of-two-choices": (o, rng) => createPowerOfTwoChoices(o as Partial<PowerOfTwoChoicesOptions>, rng),
  ketama: (o) => createKetama(o as Partial<KetamaOptions>),
  maglev: (o) => createMaglev(o as Partial<MaglevOptions>),
  "peak-ewma": (o, rng) => createPeakEwma(o as Partial<PeakEwmaOptions>, rng),
};

/** Every strategy's options table (its one declaration of names, defaults and ranges), by name: the schema and docs/options.md derive from these. */
export const STRATEGY_OPTIONS: { [N in StrategyName]: OptionTable } = {
  "round-robin": ROUND_ROBIN_OPTIONS,
  "smooth-weighted-round-robin": SMOOTH_WEIGHTED_ROUND_ROBIN_OPTIONS,
  "least-connections": LEAST_CONNECTIONS_OPTIONS,
  "least-connections-haproxy": LEAST_CONNECTIONS_HAPROXY_OPTIONS,
  "ip-hash": IP_HASH_OPTIONS,
  "uri-hash": URI_HASH_OPTIONS,
  "source-hash": SOURCE_HASH_OPTIONS,
  "weighted-source-hash": WEIGHTED_SOURCE_HASH_OPTIONS,
  random: RANDOM_OPTIONS,
  "power-of-two-choices": POWER_OF_TWO_CHOICES_OPTIONS,
  ketama: KETAMA_OPTIONS,
  maglev: MAGLEV_OPTIONS,
  "peak-ewma": PEAK_EWMA_OPTIONS,
};

/** Every catalog name, in a stable order. */
export const STRATEGY_NAMES: readonly StrategyName[] = Object.keys(FACTORIES) as StrategyName[];

/**
 * What users of other systems call these strategies, so an error can point them to ours. These
 * are suggestions only: the catalog accepts its own names and nothing else.
 */
const KNOWN_AS: Record<string, StrategyName> = {
  roundrobin: "round-robin",
  rr: "round-robin",
  "static-rr": "smooth-weighted-round-robin",
  wrr: "smooth-weighted-round-robin",
  swrr: "smooth-weighted-round-robin",
  "weighted-round-robin": "smooth-weighted-round-robin",
  least_conn: "least-connections",
  leastconn: "least-connections-haproxy",
  lc: "least-connections",
  ip_hash: "ip-hash",
  uri: "uri-hash",
  source: "source-hash",
  sh: "weighted-source-hash",
  p2c: "power-of-two-choices",
  least_request: "power-of-two-choices",
  "least-request": "power-of-two-choices",
  ring_hash: "ketama",
  "ring-hash": "ketama",
  "consistent-hash": "ketama",
  consistent: "ketama",
  ewma: "peak-ewma",
  p2cpeakewma: "peak-ewma",
};

/** True when `name` is a catalog name. */
export function isStrategyName(name: string): name is StrategyName {
  return Object.prototype.hasOwnProperty.call(FACTORIES, name);
}

/**
 * Creates a strategy by catalog name with checked options (unknown keys, wrong types and out of
 * range values throw a `BalancerError` that says what would be right). `rng` is the stream that
 * random strategies draw from; the others ignore it.
 */
export function createStrategy<N extends StrategyName>(name: N, options: Partial<StrategyOptionsByName[N]> | undefined, rng: Rng): Strategy;
export function createStrategy(name: string, options: object | undefined, rng: Rng): Strategy;
export function createStrategy(name: string, options: object | undefined, rng: Rng): Strategy {
  if (!isStrategyName(name)) {
    const hint = KNOWN_AS[name.toLowerCase()] ?? nearest(name, STRATEGY_NAMES);
    throw new BalancerError(
      "CS703",
      `balancer: unknown strategy "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; valid strategies: ${STRATEGY_NAMES.join(", ")}.`,
    );
  }
  return FACTORIES[name](options, rng);
}
