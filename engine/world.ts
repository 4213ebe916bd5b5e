import type { Micros } from "./core/time";
import type { Json } from "./core/json";
import type { Seed } from "./core/seed";
import type { Tagged } from "./core/event-kinds";
import type { Dispatcher, LoopLimits, LoopStop } from "./core/loop";
import { K_FAULT, K_MSG, K_START, K_TIMER } from "./core/event-kinds";
import { EventLoop } from "./core/loop";
import { StreamBank } from "./core/streams";
import { assert } from "./core/assert";
import type { HistoryEntry } from "./check/checker";
import type { NodeSpec, ProcessSpec } from "./scenario";
import type { NetworkSpec } from "./net/network-spec";
import type { ProcessFactory, ProcessInfo } from "./node/runtime-api";
import type { SimMessage } from "./node/sim-message";
import type { HostContext, HistorySink, ProcessError } from "./node/host-context";
import { StartEvent, type TimerEvent } from "./node/host-events";
import { NodeClock } from "./node/node-clock";
import { defaultIp, NodeState } from "./node/node-state";
import { ProcessHost } from "./node/process-host";
import { Network } from "./net/network";
import { Transport, type MessageObserver, type MessageWatcher } from "./net/transport";
import type { FaultEvent } from "./faults/fault-event";
import type { FaultTarget } from "./faults/apply-fault";
import type { TraceRecorder } from "./trace/recorder";
import type { MetricsRegistry } from "./metrics/metrics-registry";

/** Something that watches sends, deliveries and history records (the event triggers). */
export interface WorldWatcher extends MessageWatcher {
  onRecord(address: string, event: string): void;
}

/** Everything a world is built from. The scenario has been validated: what is wrong here is a bug. */
export interface WorldParts {
  nodes: readonly NodeSpec[];
  /** Each with its factory resolved (from the catalog, or given directly). */
  processes: ReadonlyArray<ProcessSpec & { factory: ProcessFactory }>;
  network: NetworkSpec | undefined;
  seed: Seed;
  rec: TraceRecorder | null;
  metrics: MetricsRegistry;
  /** The triggers; they may be armed after the world is built, but before it runs. */
  watcher: WorldWatcher | null;
  /** Keep every history entry (it grows with the run); else only count them. */
  keepHistory: boolean;
  /** Sees each history entry as it is recorded (the online checkers). */
  onRecord: ((h: HistoryEntry) => void) | null;
  /** Sees each recorded send and delivery with its trace sequence number (checkers that observe messages). */
  onMessage: MessageObserver | null;
}

/**
 * One simulated world: the loop, the nodes, the process hosts, the network and its transport,
 * built together by one constructor that checks they agree, and wired so that each layer sees
 * only the ports it needs. It dispatches each due event to the layer that owns it and keeps what
 * the result reads (history, errors, message counters, the digest).
 */
export class World implements Dispatcher<Tagged>, FaultTarget, HistorySink {
  readonly loop = new EventLoop<Tagged>();
  readonly nodes: readonly NodeState[];
  readonly hosts: readonly ProcessHost[];
  readonly network: Network;
  readonly transport: Transport;
  readonly rec: TraceRecorder | null;
  readonly metrics: MetricsRegistry;
  /** Every history entry, kept only when asked (`keepHistory`): it grows with the run. */
  readonly history: HistoryEntry[] | null;
  /** How many history entries were recorded (the next entry's index). */
  historyLength = 0;
  readonly errors: ProcessError[] = [];
  readonly directory: readonly ProcessInfo[];
  private readonly watcher: WorldWatcher | null;
  private readonly onRecord: ((h: HistoryEntry) => void) | null;

  constructor(p: WorldParts) {
    this.rec = p.rec;
    this.metrics = p.metrics;
    this.watcher = p.watcher;
    this.history = p.keepHistory ? [] : null;
    this.onRecord = p.onRecord;
    const streams = new StreamBank(p.seed);
    const nodeIndex = new Map<string, number>();
    const nodeFlags = new Uint8Array(p.nodes.length);
    const netRng = [];
    const nodes: NodeState[] = [];
    for (const [i, n] of p.nodes.entries()) {
      assert(!nodeIndex.has(n.name), () => `world: two nodes named ${n.name}`);
      nodeIndex.set(n.name, i);
      const clock = new NodeClock(n.clock?.skew ?? 0, n.clock?.driftPpm ?? 0);
      nodes.push(new NodeState(nodeFlags, i, n.name, n.zone ?? "default", n.ip ?? defaultIp(i), clock));
      netRng.push(streams.stream(`net/${n.name}`));
    }
    this.nodes = nodes;
    const procNode = Int32Array.from(p.processes, (s) => nodeIndex.get(s.node) ?? -1);
    const procAddress = p.processes.map((s) => `${s.node}/${s.name}`);
    this.network = new Network(p.network, nodes.map((n) => n.zone), (name) => nodeIndex.get(name)!);
    const hosts: ProcessHost[] = [];
    this.hosts = hosts;
    this.transport = new Transport({
      loop: this.loop, network: this.network, nodes, nodeFlags, hosts, procAddress, procNode, netRng,
      rec: p.rec, watcher: p.watcher, observer: p.onMessage,
    });
    this.directory = p.processes.map((s, i) => {
      const node = nodes[procNode[i]];
      return { address: procAddress[i], node: node.name, process: s.name, kind: s.kind ?? "custom", zone: node.zone, ip: node.ip };
    });
    const ctx: HostContext = {
      loop: this.loop, rec: p.rec, metrics: p.metrics, outbox: this.transport, history: this, directory: this.directory, errors: this.errors,
    };
    for (const [i, s] of p.processes.entries()) {
      const node = nodes[procNode[i]];
      const address = procAddress[i];
      hosts.push(new ProcessHost(ctx, i, node, s.name, address, s.kind ?? "custom", s.factory, s.config ?? {}, streams.stream(`proc/${address}`)));
      node.procs.push(i);
    }
  }

  /** The present, in virtual time. */
  get now(): Micros {
    return this.loop.now;
  }

  /** Schedules a fault (or its undo) at `t`, which must not be before the present. */
  scheduleFault(t: Micros, ev: FaultEvent): void {
    this.loop.at(t, ev);
  }

  /** Schedules the first start of a process that has not run yet. */
  scheduleStart(t: Micros, host: ProcessHost): void {
    assert(this.hosts[host.index] === host && host.incarnation < 0, "world: a first start of a process of another world, or one that ran");
    this.loop.at(t, new StartEvent(host));
  }

  /** Runs the world: see `EventLoop.run`. */
  run<E extends string>(limits: LoopLimits<E>): Promise<LoopStop | E> {
    return this.loop.run(this, limits);
  }

  /** Hands a due event to the layer that owns it. */
  dispatch(ev: Tagged): void {
    switch (ev.k) {
      case K_TIMER:
        (ev as TimerEvent).host.fire(ev as TimerEvent);
        return;
      case K_MSG:
        this.transport.arrive(ev as SimMessage);
        return;
      case K_FAULT:
        this.loop.count(K_FAULT, 0, 0);
        (ev as FaultEvent).run();
        return;
      case K_START:
        (ev as StartEvent).host.startDue(ev as StartEvent);
        return;
      default:
        assert(false, () => `world: an event of unknown kind ${ev.k}`);
    }
  }

  /** Puts the events a paused node held back into the queue, in their order, at `now`. */
  release(node: NodeState): void {
    const held = node.deferred as Tagged[];
    node.deferred = [];
    for (const ev of held) this.loop.at(this.loop.now, ev);
  }

  /**
   * Records a history entry (the hosts' `HistorySink`): into the trace, to the online checkers,
   * and into `history` if kept; then lets the triggers see it.
   */
  record(proc: number, event: string, fields: Record<string, Json>): void {
    const host = this.hosts[proc];
    const now = this.loop.now;
    const index = this.historyLength++;
    const seq = this.rec ? this.rec.record(now, proc, event, fields, index) : -1;
    if (this.history !== null || this.onRecord !== null) {
      const h: HistoryEntry = { t: now, index, seq, node: host.node.name, proc: host.name, address: host.address, event, fields };
      if (this.history !== null) this.history.push(h);
      if (this.onRecord !== null) this.onRecord(h);
    }
    if (this.watcher) this.watcher.onRecord(host.address, event);
  }

  /** The digest of the dispatched event sequence, as 16 hex digits. */
  digest(): string {
    return this.loop.digestHex();
  }
}
