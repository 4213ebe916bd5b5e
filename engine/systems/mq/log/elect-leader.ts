import type { PartitionState } from "./topic-layout";

/** The outcome of an election: the new leader, ISR and whether it was unclean; or offline. */
export type Election =
  | { leader: string; isr: string[]; unclean: boolean }
  | { leader: null; isr: string[] };

/**
 * Chooses a partition's leader after its leader failed or a broker came back, as Kafka's
 * controller does:
 * - clean: the first replica, in preference order, that is live and in the ISR; the new ISR is
 *   the old one without the dead;
 * - none eligible and `unclean` (unclean.leader.election.enable=true): the first live replica,
 *   in sync or not, with an ISR of itself: whatever the old ISR had acknowledged beyond its log
 *   is gone;
 * - none eligible and not `unclean`: no leader. The ISR is kept as it was, because it names the
 *   replicas that may still come back with every committed record; the partition stays offline
 *   rather than lose data.
 */
export function electLeader(state: Pick<PartitionState, "replicas" | "isr">, live: ReadonlySet<string>, unclean: boolean): Election {
  const inSync = state.replicas.filter((r) => state.isr.includes(r) && live.has(r));
  if (inSync.length > 0) return { leader: inSync[0], isr: inSync, unclean: false };
  if (unclean) {
    const any = state.replicas.find((r) => live.has(r));
    if (any !== undefined) return { leader: any, isr: [any], unclean: true };
  }
  return { leader: null, isr: [...state.isr] };
}
