import type { LinkSpec } from "./latency-spec";

/** The network: defaults, zone defaults and per-pair overrides. Later entries win. */
export interface NetworkSpec extends LinkSpec {
  /** Links between nodes of different zones (default: the same as within a zone). */
  crossZone?: LinkSpec;
  /** Per zone pair, `from` and `to` zone names. */
  zones?: Array<LinkSpec & { from: string; to: string; bidirectional?: boolean }>;
  /** Per node pair. */
  links?: Array<LinkSpec & { from: string; to: string; bidirectional?: boolean }>;
}
