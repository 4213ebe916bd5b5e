/**
 * In-flight requests per instance id, as the balancer itself counted them (nginx `peer->conns`,
 * HAProxy `served`, Envoy `rq_active`). Counts are keyed by id, so a call that ends after its
 * instance left the membership still decrements the right counter.
 */
export class ActiveCounts {
  private readonly counts = new Map<string, number>();

  /** Requests in flight to `id`. */
  get(id: string): number {
    return this.counts.get(id) ?? 0;
  }

  /** One more request in flight to `id`. */
  start(id: string): void {
    this.counts.set(id, this.get(id) + 1);
  }

  /**
   * One request to `id` ended. An end without a start is ignored rather than driving the count
   * negative, because a negative count would make the instance look better than idle forever.
   */
  end(id: string): void {
    const n = this.get(id);
    if (n <= 1) this.counts.delete(id);
    else this.counts.set(id, n - 1);
  }
}
