import type { Micros } from "./time";
import type { Json } from "./json";
import type { Rng } from "./rng";
import type { Address, ProcessInfo } from "../node/runtime-api";
import type { CallErrorCode } from "../node/runtime-api";
import type { NodeState } from "../node/node-state";
import type { ProcessHost } from "../node/process-host";
import type { SimMessage } from "../net/sim-message";
import type { Network } from "../net/network";
import type { TraceRecorder } from "../trace/recorder";
import type { MetricsRegistry } from "../metrics/metrics-registry";
import type { HistoryEntry, ObservedMessage } from "../check/checker";
import type { StopReason } from "../result";
import type { TriggerSet } from "../faults/triggers";
import { EventQueue } from "./event-queue";
import { NODE_DOWN, NODE_PAUSED } from "../node/node-state";
import { K_FAULT, K_MSG, K_START, K_TIMER, FaultEvent, StartEvent, TimerEvent } from "./kernel-events";

type Payload = TimerEvent | FaultEvent | StartEvent | SimMessage;

/** An error thrown by component code, kept in the result (it is a bug, not a fault). */
export interface ProcessError {
  t: Micros;
  address: Address;
  message: string;
}

/**
 * The simulation kernel: virtual time, the event queue, message transport and dispatch. It is the
 * only thing that advances time; processes reach it only through their `Runtime`.
 */
export class Kernel {
  now: Micros = 0;
  readonly queue = new EventQueue<Payload>();
  readonly nodes: NodeState[] = [];
  readonly hosts: ProcessHost[] = [];
  readonly addresses = new Map<Address, number>();
  directory: ProcessInfo[] = [];
  /** Down and paused bits per node (see NodeState), read on every delivery. */
  nodeFlags = new Uint8Array(0);
  /** The node index of each process. */
  procNode = new Int32Array(0);
  network!: Network;
  /** One network stream per sending node. */
  netRng: Rng[] = [];
  triggers: TriggerSet | null = null;
  /** Set when promise continuations may be pending; the run loop then drains them. */
  asyncPending = false;
  /** Handler promises not yet settled, over all processes. */
  outstanding = 0;
  /** Every history entry, kept only when asked (`keepHistory`): it grows with the run. */
  history: HistoryEntry[] | null = null;
  /** How many history entries were recorded (the next entry's index). */
  historyLength = 0;
  /** Sees each history entry as it is recorded (the online checkers). */
  onRecord: ((h: HistoryEntry) => void) | null = null;
  /** Sees each recorded send and delivery with its trace sequence number (checkers that observe messages). */
  onMessage: ((kind: "send" | "deliver", m: ObservedMessage, seq: number, t: Micros) => void) | null = null;
  readonly errors: ProcessError[] = [];
  events = 0;
  msgId = 0;
  sent = 0;
  delivered = 0;
  dropped = 0;
  duplicated = 0;
  readonly drops: Record<string, number> = {};
  private d1 = 0x2545f491;
  private d2 = 0x61c88647;

  constructor(readonly rec: TraceRecorder | null, readonly metrics: MetricsRegistry) {}

  /** Schedules a payload at virtual time `t`. */
  schedule(t: Micros, payload: FaultEvent | StartEvent): void {
    this.queue.push(t, payload);
  }

  /** Schedules a process timer `localDelay` local microseconds from now. */
  timer(host: ProcessHost, localDelay: Micros, fn: () => void, label: string | undefined, internal: boolean): TimerEvent {
    const ev = new TimerEvent(host, host.incarnation, fn, label, internal);
    const d = host.node.clock.toVirtual(localDelay > 0 ? Math.round(localDelay) : 0);
    this.queue.push(this.now + d, ev);
    return ev;
  }

  /**
   * Sends a message. It is recorded, then lost, cut, or scheduled for arrival after the link's
   * latency (and maybe duplicated). A message from a dead incarnation is dropped as `sender-down`.
   */
  send(
    host: ProcessHost, to: Address, type: string, body: unknown, isRequest: boolean,
    replyTo: number | undefined, error: CallErrorCode | undefined, senderAlive: boolean,
  ): SimMessage {
    const toProc = this.addresses.get(to) ?? -1;
    const a = this.procNode[host.index];
    const b = toProc >= 0 ? this.procNode[toProc] : -1;
    const msg: SimMessage = {
      k: K_MSG, id: ++this.msgId, from: host.address, to, type, body, sentAt: this.now, replyTo,
      dup: undefined, fromProc: host.index, toProc, fromNode: a, toNode: b, isRequest, error,
    };
    this.sent++;
    const rec = this.rec;
    if (rec) {
      const seq = rec.send(this.now, msg);
      if (this.onMessage) this.onMessage("send", msg, seq, this.now);
    }
    if (!senderAlive) return this.drop(msg, false, "sender-down");
    if (this.triggers) this.triggers.onMessage(this, "send", msg);
    if (b < 0) return this.drop(msg, false, "no-process");
    if (a === b) {
      this.queue.push(this.now, msg);
      return msg;
    }
    const net = this.network;
    if (net.cuts.length > 0 && net.isCut(a, b)) return this.drop(msg, false, "partition");
    const link = net.link(a, b);
    const rng = this.netRng[a];
    if (link.lossRatio > 0 && rng.next() < link.lossRatio) return this.drop(msg, false, "loss");
    let arrival = this.now + link.sample(rng);
    if (link.fifo) arrival = net.fifoArrival(a, b, arrival, link.reorderRatio > 0 && rng.next() < link.reorderRatio);
    this.queue.push(arrival, msg);
    if (link.duplicateRatio > 0 && rng.next() < link.duplicateRatio) {
      this.duplicated++;
      this.queue.push(this.now + link.sample(rng), { ...msg, dup: 1 });
    }
    return msg;
  }

  /** Sends the reply to a request (value, or an error code with a body that explains it). */
  reply(host: ProcessHost, req: SimMessage, body: unknown, error: CallErrorCode | undefined): void {
    const type = error === undefined ? `${req.type}.reply` : `${req.type}.error`;
    this.send(host, req.from, type, body, false, req.id, error, host.alive);
  }

  /** Drops a message on the sender's side (at send) or the receiver's (at arrival). */
  private drop(msg: SimMessage, atReceiver: boolean, reason: string): SimMessage {
    this.dropped++;
    this.drops[reason] = (this.drops[reason] ?? 0) + 1;
    if (this.rec) this.rec.drop(this.now, msg, atReceiver, reason);
    return msg;
  }

  /** Runs component code for `host`, keeping its errors in the result instead of the stack. */
  invoke(host: ProcessHost, fn: () => unknown): void {
    let out: unknown;
    try {
      out = fn();
    } catch (e) {
      this.reportError(host, e);
      return;
    }
    if (out !== undefined) this.settle(host, out);
  }

  /**
   * If a handler returned a promise, keeps its error and counts it as outstanding until it
   * settles: while any handler is outstanding, the loop drains after every event, because a plain
   * handler or a timer may resolve something that handler awaits (a promise of its own making),
   * and its continuation must run at that virtual time, not at the next drain.
   */
  settle(host: ProcessHost, out: unknown): void {
    if (out !== null && typeof out === "object" && typeof (out as Promise<unknown>).then === "function") {
      this.track(host, out as Promise<unknown>, (e) => this.reportError(host, e));
    }
  }

  /** Counts a handler's promise as outstanding until it settles; `onError` runs if it rejects. */
  track(host: ProcessHost, promise: PromiseLike<unknown>, onError: (e: unknown) => void): void {
    this.asyncPending = true;
    const incarnation = host.incarnation;
    host.outstanding++;
    this.outstanding++;
    const done = () => {
      // A crash already released this incarnation's count.
      if (host.incarnation !== incarnation || host.runtime === null) return false;
      host.outstanding--;
      this.outstanding--;
      return true;
    };
    promise.then(() => { done(); }, (e) => { if (done()) onError(e); });
  }

  reportError(host: ProcessHost, e: unknown): void {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    this.errors.push({ t: this.now, address: host.address, message });
    this.metrics.count("process.errors");
    this.rec?.proc(this.now, "log", host.index, { level: "error", message });
  }

  /** Records a history entry: into the trace, to the online checkers, and into `history` if kept. */
  recordHistory(host: ProcessHost, event: string, fields: Record<string, Json>): void {
    const index = this.historyLength++;
    const seq = this.rec ? this.rec.proc(this.now, "record", host.index, { event, fields, index }) : -1;
    if (this.history !== null || this.onRecord !== null) {
      const h: HistoryEntry = { t: this.now, index, seq, node: host.node.name, proc: host.name, address: host.address, event, fields };
      if (this.history !== null) this.history.push(h);
      if (this.onRecord !== null) this.onRecord(h);
    }
    if (this.triggers) this.triggers.onRecord(this, host, event);
  }

  /**
   * Runs events until the queue is empty, the end time passes, or a limit is hit. Plain handlers
   * run back to back; after an event that left promise continuations pending, `drain` lets them
   * run before the next event, so async code is as deterministic as sync code. `sample` is called
   * when time reaches `sampleAt` and returns the next sampling time (the metrics timeline).
   */
  async run(end: Micros, endReason: StopReason, maxEvents: number, drain: () => Promise<void>,
    shouldStop: (() => boolean) | undefined, sampleAt: Micros, sample: (t: Micros) => Micros): Promise<StopReason> {
    const q = this.queue;
    let polled = 0;
    let nextSample = sampleAt;
    for (;;) {
      if (q.size === 0) return "idle";
      const t = q.peekTime();
      if (t > end) {
        this.now = end;
        return endReason;
      }
      if (this.events >= maxEvents) return "max-events";
      if (shouldStop && ++polled >= 4096) {
        polled = 0;
        if (shouldStop()) return "interrupted";
      }
      if (t >= nextSample) nextSample = sample(t);
      this.now = t;
      this.dispatch(q.pop());
      if (this.asyncPending || this.outstanding > 0) {
        this.asyncPending = false;
        await drain();
      }
    }
  }

  private dispatch(ev: Payload): void {
    switch (ev.k) {
      case K_TIMER: {
        const te = ev as TimerEvent;
        const host = te.host;
        if (te.cancelled || te.incarnation !== host.incarnation || host.runtime === null) return;
        if (this.nodeFlags[this.procNode[host.index]] & NODE_PAUSED) {
          host.node.deferred.push(te);
          return;
        }
        this.count(K_TIMER, host.index, 0);
        if (this.rec && (!te.internal || te.label !== undefined)) {
          this.rec.proc(this.now, "timer", host.index, te.label === undefined ? null : { label: te.label });
        }
        this.invoke(host, te.fn);
        return;
      }
      case K_MSG: {
        const msg = ev as SimMessage;
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
        this.count(K_MSG, msg.toProc, msg.id);
        this.delivered++;
        if (this.rec) {
          const seq = this.rec.deliver(this.now, msg);
          if (this.onMessage) this.onMessage("deliver", msg, seq, this.now);
        }
        if (this.triggers) this.triggers.onMessage(this, "deliver", msg);
        if (host.process !== null) host.receive(msg);
        return;
      }
      case K_FAULT:
        this.count(K_FAULT, 0, 0);
        (ev as FaultEvent).run();
        return;
      case K_START: {
        const host = (ev as StartEvent).host;
        if (host.node.down || host.runtime !== null) return;
        if (host.node.paused) {
          host.node.deferred.push(ev);
          return;
        }
        this.count(K_START, host.index, 0);
        host.start();
        return;
      }
    }
  }

  /** Puts the events a paused node held back into the queue, in their order, at `now`. */
  release(node: NodeState): void {
    const held = node.deferred;
    node.deferred = [];
    for (const ev of held) this.queue.push(this.now, ev as Payload);
  }

  /** Counts a dispatched event and folds it into the digest. */
  private count(kind: number, target: number, id: number): void {
    this.events++;
    const t = this.now;
    let h1 = this.d1, h2 = this.d2;
    h1 = Math.imul(h1 ^ (t | 0), 0xcc9e2d51);
    h1 = (h1 << 15) | (h1 >>> 17);
    h2 = Math.imul(h2 ^ ((t / 4294967296) | 0) ^ (kind << 24) ^ target, 0x1b873593);
    h2 = ((h2 << 13) | (h2 >>> 19)) + Math.imul(id | 0, 0x9e3779b1);
    this.d1 = h1;
    this.d2 = (h2 + h1) | 0;
  }

  /** The digest of the dispatched event sequence, as 16 hex digits. */
  digest(): string {
    const mix = (h: number) => {
      h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
      return (h >>> 0).toString(16).padStart(8, "0");
    };
    return mix(this.d1 ^ this.events) + mix(this.d2 + this.d1);
  }
}
