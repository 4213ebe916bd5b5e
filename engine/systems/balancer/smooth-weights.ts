import type { Instance } from "./strategy";

/** One nginx peer's SWRR state. */
interface PeerWeights {
  current: number;
  effective: number;
  weight: number;
}

/**
 * nginx's smooth weighted round-robin state (`ngx_http_upstream_get_peer`), shared by the
 * round-robin, least_conn and ip_hash fallbacks just as nginx shares `current_weight` and
 * `effective_weight` between them. Each selection: every candidate does
 * `current += effective`, the first with the strictly greatest `current` wins, and the winner
 * does `current -= total` (the sum of the candidates' effective weights). A failure lowers
 * `effective` by `weight / max_fails`; each selection it takes part in raises it by one, so a
 * failed peer comes back gradually.
 */
export class SmoothWeights {
  private peers = new Map<string, PeerWeights>();

  /** Starts afresh for a new membership, as nginx does on reload: current 0, effective = weight. */
  /**
   * The weights of a membership list, with the sum of its configured weights: what every
   * strategy built on nginx's round robin (itself, least_conn, ip_hash, random) caches per list.
   */
  static of(list: readonly Instance[]): { weights: SmoothWeights; total: number } {
    const weights = new SmoothWeights();
    weights.reset(list);
    let total = 0;
    for (const inst of list) total += inst.weight;
    return { weights, total };
  }

  reset(list: readonly Instance[]): void {
    this.peers = new Map();
    for (const inst of list) this.peers.set(inst.id, { current: 0, effective: inst.weight, weight: inst.weight });
  }

  /**
   * Runs one SWRR selection over the instances of `list` from index `from` on for which
   * `candidate` holds, and returns the winner's index, or -1 if there was no candidate.
   */
  select(list: readonly Instance[], candidate: (inst: Instance) => boolean, from = 0): number {
    let best = -1;
    let bestPeer: PeerWeights | undefined;
    let total = 0;
    for (let i = from; i < list.length; i++) {
      const inst = list[i];
      if (!candidate(inst)) continue;
      const peer = this.peer(inst);
      peer.current += peer.effective;
      total += peer.effective;
      if (peer.effective < peer.weight) peer.effective++;
      if (bestPeer === undefined || peer.current > bestPeer.current) {
        best = i;
        bestPeer = peer;
      }
    }
    if (bestPeer !== undefined) bestPeer.current -= total;
    return best;
  }

  /**
   * Records a failed request to `id` (`ngx_http_upstream_free_round_robin_peer`): effective
   * weight drops by `weight / maxFails` (integer division), never below 0. `maxFails` 0 turns
   * the drop off, as `max_fails=0` does in nginx.
   */
  fail(id: string, maxFails: number): void {
    const peer = this.peers.get(id);
    if (peer === undefined || maxFails <= 0) return;
    peer.effective -= Math.floor(peer.weight / maxFails);
    if (peer.effective < 0) peer.effective = 0;
  }

  /** The `current` and `effective` weights of `id`, for tests and the state panel. */
  weights(id: string): { current: number; effective: number } | undefined {
    const p = this.peers.get(id);
    return p === undefined ? undefined : { current: p.current, effective: p.effective };
  }

  private peer(inst: Instance): PeerWeights {
    let p = this.peers.get(inst.id);
    if (p === undefined) {
      // A peer outside the last reset only appears if the caller skipped the reset; starting it
      // like a freshly configured peer keeps the selection well defined anyway.
      p = { current: 0, effective: inst.weight, weight: inst.weight };
      this.peers.set(inst.id, p);
    }
    return p;
  }
}
