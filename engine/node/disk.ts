import type { Json } from "../core/json";
import type { Disk } from "./runtime-api";

const DELETED = Symbol("deleted");

/**
 * A process's disk, which survives crashes. Writes go to a page cache that reads see at once;
 * `sync` makes them durable; a crash drops the page cache, so exactly the unsynced writes are lost.
 */
export class DiskState {
  private readonly durable = new Map<string, Json>();
  private readonly cache = new Map<string, Json | typeof DELETED>();
  /** Writes and syncs, for the metrics. */
  writes = 0;
  syncs = 0;

  write(key: string, value: Json): void {
    this.cache.set(key, structuredClone(value));
    this.writes++;
  }

  read(key: string): Json | undefined {
    const v = this.cache.get(key);
    if (v === DELETED) return undefined;
    if (v !== undefined) return v;
    return this.durable.get(key);
  }

  delete(key: string): void {
    this.cache.set(key, DELETED);
    this.writes++;
  }

  keys(prefix = ""): string[] {
    const out = new Set<string>();
    for (const k of this.durable.keys()) if (k.startsWith(prefix)) out.add(k);
    for (const [k, v] of this.cache) {
      if (!k.startsWith(prefix)) continue;
      if (v === DELETED) out.delete(k);
      else out.add(k);
    }
    return [...out].sort();
  }

  sync(): void {
    for (const [k, v] of this.cache) {
      if (v === DELETED) this.durable.delete(k);
      else this.durable.set(k, v);
    }
    this.cache.clear();
    this.syncs++;
  }

  get unsynced(): number {
    return this.cache.size;
  }

  /** A crash: the page cache is gone. Returns how many writes were lost. */
  loseUnsynced(): number {
    const lost = this.cache.size;
    this.cache.clear();
    return lost;
  }

  /** The durable contents, for tests and the state panel. */
  durableEntries(): Array<[string, Json]> {
    return [...this.durable.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }
}

/**
 * The `Disk` one incarnation sees: reads always work, writes and syncs do nothing once that
 * incarnation has crashed (its code may still be running out its handler).
 */
export class DiskView implements Disk {
  constructor(private readonly state: DiskState, private readonly owner: { readonly alive: boolean }) {}

  write(key: string, value: Json): void {
    if (this.owner.alive) this.state.write(key, value);
  }

  read<T extends Json = Json>(key: string): T | undefined {
    return this.state.read(key) as T | undefined;
  }

  delete(key: string): void {
    if (this.owner.alive) this.state.delete(key);
  }

  keys(prefix?: string): string[] {
    return this.state.keys(prefix);
  }

  sync(): void {
    if (this.owner.alive) this.state.sync();
  }

  get unsynced(): number {
    return this.state.unsynced;
  }
}
