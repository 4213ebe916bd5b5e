import type { Micros } from "../core/time";
import type { Rng } from "../core/rng";
import type { Tagged } from "../core/event-kinds";
import type { EventLoop } from "../core/loop";
import { K_MSG } from "../core/event-kinds";
import { assert } from "../core/assert";
import type { Address, CallErrorCode } from "../node/runtime-api";
import type { SimMessage } from "../node/sim-message";
import type { Outbox } from "../node/host-context";
import type { NodeState } from "../node/node-state";
import type { ProcessHost } from "../node/process-host";
import { NODE_DOWN, NODE_PAUSED } from "../node/node-state";
import type { Network } from "./network";

/** The part of the trace recorder the transport writes to. */
export interface MessageRecorder {
  send(time: Micros, m: SimMessage): number;
  deliver(time: Micros, m: SimMessage): number;
  drop(time: Micros, m: SimMessage, atReceiver: boolean, reason: string): number;
}

/** Something that watches sends and deliveries (the event triggers): it may run a fault inside. */
export interface MessageWatcher {
  onMessage(on: "send" | "deliver", msg: SimMessage): void;
}

/** Sees each recorded send and delivery with its trace sequence number (checkers that observe messages). */
export type MessageObserver = (kind: "send" | "deliver", m: SimMessage, seq: number, t: Micros) => void;

/**
 * What the transport is built from. The hosts are built after it (they send through it), so the
 * world passes the array it will fill; the addresses and nodes of the processes come first.
 */
export interface TransportParts {
  readonly loop: EventLoop<Tagged>;
  readonly network: Network;
  readonly nodes: readonly NodeState[];
  /** Down and paused bits per node (see `NodeState`), read on every delivery. */
  readonly nodeFlags: Uint8Array;
  readonly hosts: readonly ProcessHost[];
  /** The address of each process, in index order. */
  readonly procAddress: readonly Address[];
  /** The node index of each process. */
  readonly procNode: Int32Array;
  /** One network stream per sending node. */
  readonly netRng: readonly Rng[];
  readonly rec: MessageRecorder | null;
  readonly watcher: MessageWatcher | null;
  /** Called only when the trace is recorded: it hands over the trace sequence number. */
  readonly observer: MessageObserver | null;
}

/**
 * Message transport: a send is recorded, then lost, cut, or scheduled for arrival after the link's
 * latency (and maybe duplicated); an arrival is dropped if its node is down or cut off, held while
 * it is paused, and otherwise handed to the process. It keeps the run's message counters.
 */
export class Transport implements Outbox {
  sent = 0;
  delivered = 0;
  dropped = 0;
  duplicated = 0;
  /** Drops by reason. */
  readonly drops: Record<string, number> = {};
  private msgId = 0;
  private readonly loop: EventLoop<Tagged>;
  private readonly network: Network;
  private readonly nodes: readonly NodeState[];
  private readonly nodeFlags: Uint8Array;
  private readonly hosts: readonly ProcessHost[];
  private readonly netRng: readonly Rng[];
  private readonly rec: MessageRecorder | null;
  private readonly watcher: MessageWatcher | null;
  private readonly observer: MessageObserver | null;
  private readonly addresses = new Map<Address, number>();
  private readonly procAddress: readonly Address[];
  private readonly procNode: Int32Array;

  constructor(p: TransportParts) {
    this.loop = p.loop;
    this.network = p.network;
    this.nodes = p.nodes;
    this.nodeFlags = p.nodeFlags;
    this.hosts = p.hosts;
    this.netRng = p.netRng;
    this.rec = p.rec;
    this.watcher = p.watcher;
    this.observer = p.observer;
    assert(p.nodeFlags.length === p.nodes.length && p.netRng.length === p.nodes.length, "transport: one flag byte and one stream per node");
    assert(p.procNode.length === p.procAddress.length, "transport: one node per process");
    this.procAddress = p.procAddress;
    this.procNode = p.procNode;
    p.procAddress.forEach((address, i) => {
      assert(!this.addresses.has(address), () => `transport: two processes at ${address}`);
      assert(p.procNode[i] >= 0 && p.procNode[i] < p.nodes.length, () => `transport: ${address} is on no node of the run`);
      this.addresses.set(address, i);
    });
  }

  /** The messages still travelling: sent (or duplicated) and neither delivered nor dropped. */
  get inFlight(): number {
    return this.sent + this.duplicated - this.delivered - this.dropped;
  }

  /** Sends a message from process `fromProc` (see `Outbox.send`). */
  send(
    fromProc: number, to: Address, type: string, body: unknown, isRequest: boolean,
    replyTo: number | undefined, error: CallErrorCode | undefined, senderAlive: boolean,
  ): SimMessage {
    const now = this.loop.now;
    const toProc = this.addresses.get(to) ?? -1;
    const a = this.procNode[fromProc];
    const b = toProc >= 0 ? this.procNode[toProc] : -1;
    const msg: SimMessage = {
      k: K_MSG, id: ++this.msgId, from: this.procAddress[fromProc], to, type, body, sentAt: now, replyTo,
      dup: undefined, fromProc, toProc, fromNode: a, toNode: b, isRequest, error,
    };
    this.sent++;
    const rec = this.rec;
    if (rec) {
      const seq = rec.send(now, msg);
      if (this.observer) this.observer("send", msg, seq, now);
    }
    if (!senderAlive) return this.drop(msg, false, "sender-down");
    if (this.watcher) this.watcher.onMessage("send", msg);
    if (b < 0) return this.drop(msg, false, "no-process");
    const loop = this.loop;
    if (a === b) {
      loop.at(now, msg);
      return msg;
    }
    const net = this.network;
    if (net.cuts.length > 0 && net.isCut(a, b)) return this.drop(msg, false, "partition");
    const link = net.link(a, b);
    const rng = this.netRng[a];
    if (link.lossRatio > 0 && rng.next() < link.lossRatio) return this.drop(msg, false, "loss");
    let arrival = now + link.sample(rng);
    if (link.fifo) arrival = net.fifoArrival(a, b, arrival, link.reorderRatio > 0 && rng.next() < link.reorderRatio);
    loop.at(arrival, msg);
    if (link.duplicateRatio > 0 && rng.next() < link.duplicateRatio) {
      this.duplicated++;
      const copy: SimMessage = { ...msg, dup: 1 };
      loop.at(now + link.sample(rng), copy);
    }
    return msg;
  }

  /** Sends the reply to a request (see `Outbox.reply`). */
  reply(fromProc: number, senderAlive: boolean, req: SimMessage, body: unknown, error: CallErrorCode | undefined): void {
    const type = error === undefined ? `${req.type}.reply` : `${req.type}.error`;
    this.send(fromProc, req.from, type, body, false, req.id, error, senderAlive);
  }

  /** A message's arrival time came: drops it, holds it for a paused node, or hands it over. */
  arrive(msg: SimMessage): void {
    const flags = this.nodeFlags[msg.toNode];
    if (flags & NODE_DOWN) {
      this.drop(msg, true, "node-down");
      return;
    }
    if (msg.fromNode !== msg.toNode && this.network.cuts.length > 0 && this.network.isCut(msg.fromNode, msg.toNode)) {
      this.drop(msg, true, "partition");
      return;
    }
    if (flags & NODE_PAUSED) {
      this.nodes[msg.toNode].deferred.push(msg);
      return;
    }
    const host = this.hosts[msg.toProc];
    if (host.process === null) {
      this.drop(msg, true, "no-process");
      return;
    }
    this.loop.count(K_MSG, msg.toProc, msg.id);
    this.delivered++;
    if (this.rec) {
      const seq = this.rec.deliver(this.loop.now, msg);
      if (this.observer) this.observer("deliver", msg, seq, this.loop.now);
    }
    if (this.watcher) this.watcher.onMessage("deliver", msg);
    // A trigger may have crashed the receiver inside this delivery.
    if (host.process !== null) host.receive(msg);
  }

  /** Drops a message on the sender's side (at send) or the receiver's (at arrival). */
  private drop(msg: SimMessage, atReceiver: boolean, reason: string): SimMessage {
    this.dropped++;
    this.drops[reason] = (this.drops[reason] ?? 0) + 1;
    if (this.rec) this.rec.drop(this.loop.now, msg, atReceiver, reason);
    return msg;
  }
}
