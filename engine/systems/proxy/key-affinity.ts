/** The most keys remembered; the oldest is forgotten first, so memory stays bounded. */
export const MAX_TRACKED_KEYS = 100_000;

/**
 * Which instance last answered each hash key, to count the keys a membership change moves: the
 * number consistent hashing is about (ketama moves only the departed instance's keys, a modulo
 * map moves most). A key "moves" when a successful call for it is answered by another instance
 * than the previous successful call.
 */
export class KeyAffinity {
  private readonly last = new Map<string, string>();
  moved = 0;

  /** Notes that `instance` answered `key`; true when the key moved. */
  observe(key: string, instance: string): boolean {
    const before = this.last.get(key);
    if (before === instance) return false;
    if (before === undefined && this.last.size >= MAX_TRACKED_KEYS) this.last.delete(this.last.keys().next().value as string);
    this.last.delete(key);
    this.last.set(key, instance);
    if (before === undefined) return false;
    this.moved++;
    return true;
  }

  /** Keys seen so far (up to the bound). */
  get size(): number {
    return this.last.size;
  }
}
