import type { Micros } from "../../../core/time";
import type { QueuedMessage } from "./queued-message";

/** A consumer on a queue (AMQP basic.consume on a channel; one channel per connection here). */
export interface Subscription {
  ctag: string;
  queue: string;
  /** basic.qos prefetch count: most unacknowledged deliveries; 0 is unlimited. */
  prefetch: number;
  autoAck: boolean;
  connection: Connection;
  /** Deliveries not yet acknowledged. */
  unacked: number;
}

/** A delivery awaiting its ack. */
export interface Delivery {
  tag: number;
  msg: QueuedMessage;
  sub: Subscription;
}

/** A consumer's connection: its subscriptions, its unacknowledged deliveries, its last sign of life. */
export interface Connection {
  id: string;
  address: string;
  lastSeen: Micros;
  subs: Subscription[];
  unacked: Map<number, Delivery>;
  nextTag: number;
  /** The number the next settlement (ack, nack, reject) from the consumer must carry. */
  expectSeq: number;
  /** The last delivery tag sent as of the previous heartbeat. */
  tagAtHeartbeat: number;
  /** The heartbeat timeout agreed with this consumer. */
  heartbeat: Micros;
}

/**
 * The broker's consumers: connections, their subscriptions by queue, and the round robin that
 * picks the next consumer with room under its prefetch. A connection silent for the heartbeat
 * timeout, or replaced by a new connection from the same process (it restarted), is closed,
 * and its unacknowledged deliveries go back to their queues.
 */
export class ConsumerRegistry {
  readonly connections = new Map<string, Connection>();
  private readonly byQueue = new Map<string, Subscription[]>();
  private readonly next = new Map<string, number>();

  /** The connection `id`, opened if new. Returns it, and the ids of older connections of the same process. */
  open(id: string, address: string, now: Micros, heartbeat: Micros): { connection: Connection; replaced: string[] } {
    let c = this.connections.get(id);
    const replaced: string[] = [];
    if (!c) {
      for (const other of this.connections.values()) if (other.address === address) replaced.push(other.id);
      c = { id, address, lastSeen: now, subs: [], unacked: new Map(), nextTag: 1, expectSeq: 1, tagAtHeartbeat: 0, heartbeat };
      this.connections.set(id, c);
    }
    c.lastSeen = now;
    return { connection: c, replaced };
  }

  subscribe(c: Connection, queue: string, prefetch: number, autoAck: boolean): Subscription {
    const sub: Subscription = { ctag: `${c.id}/${c.subs.length + 1}`, queue, prefetch, autoAck, connection: c, unacked: 0 };
    c.subs.push(sub);
    const list = this.byQueue.get(queue) ?? [];
    list.push(sub);
    this.byQueue.set(queue, list);
    return sub;
  }

  /** The next consumer of `queue` with room for a delivery, round robin. */
  pick(queue: string): Subscription | undefined {
    const subs = this.byQueue.get(queue);
    if (!subs || subs.length === 0) return undefined;
    const start = this.next.get(queue) ?? 0;
    for (let i = 0; i < subs.length; i++) {
      const sub = subs[(start + i) % subs.length];
      if (sub.autoAck || sub.prefetch === 0 || sub.unacked < sub.prefetch) {
        this.next.set(queue, (start + i + 1) % subs.length);
        return sub;
      }
    }
    return undefined;
  }

  /** Records a delivery to `sub` and returns its delivery tag. */
  delivered(sub: Subscription, msg: QueuedMessage): number {
    const c = sub.connection;
    const tag = c.nextTag++;
    if (!sub.autoAck) {
      c.unacked.set(tag, { tag, msg, sub });
      sub.unacked++;
    }
    return tag;
  }

  /** Settles deliveries (ack, nack, reject): `tag`, or every tag up to it with `multiple`. */
  settle(connectionId: string, tag: number, multiple: boolean): Delivery[] {
    const c = this.connections.get(connectionId);
    if (!c) return [];
    const tags = multiple ? [...c.unacked.keys()].filter((t) => t <= tag).sort((a, b) => a - b) : c.unacked.has(tag) ? [tag] : [];
    return tags.map((t) => {
      const d = c.unacked.get(t)!;
      c.unacked.delete(t);
      d.sub.unacked--;
      return d;
    });
  }

  /** Closes a connection; returns its unacknowledged deliveries in tag order. */
  close(id: string): Delivery[] {
    const c = this.connections.get(id);
    if (!c) return [];
    this.connections.delete(id);
    for (const sub of c.subs) {
      const list = this.byQueue.get(sub.queue)!;
      list.splice(list.indexOf(sub), 1);
    }
    return [...c.unacked.values()].sort((a, b) => a.tag - b.tag);
  }

  /** Connections silent longer than their heartbeat timeout. */
  silent(now: Micros): string[] {
    return [...this.connections.values()].filter((c) => now - c.lastSeen > c.heartbeat).map((c) => c.id);
  }

  /** Queues some consumer reads. */
  consumedQueues(): string[] {
    return [...this.byQueue.entries()].filter(([, s]) => s.length > 0).map(([q]) => q);
  }
}
