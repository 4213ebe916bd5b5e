import { Immer, enablePatches } from "immer";
import type { Micros } from "../core/time";
import { SECOND } from "../core/time";
import type { Json } from "../core/json";
import type { Rng } from "../core/rng";
import { K_START, K_TIMER } from "../core/event-kinds";
import { assert } from "../core/assert";
import type { SimMessage } from "./sim-message";
import type { NodeState } from "./node-state";
import type { HostContext } from "./host-context";
import { TimerEvent, type HostEventTarget, type StartEvent } from "./host-events";
import { DiskState, DiskView } from "./disk";
import {
  CallError, type Address, type CallOptions, type Disk, type Metrics, type Process, type ProcessFactory,
  type ProcessInfo, type Runtime, type TimerId,
} from "./runtime-api";

enablePatches();
const immer = new Immer({ autoFreeze: true });

interface PendingCall {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  timer: TimerEvent;
  to: Address;
  type: string;
}

/**
 * The slot of one process across its incarnations: its disk survives crashes, everything else
 * (the process object, its timers, its pending calls, its published state) dies with it. It runs
 * component code for its process, keeps the errors it throws, and counts the promises its
 * handlers return until they settle (the loop drains while any is unsettled).
 */
export class ProcessHost implements HostEventTarget {
  incarnation = -1;
  /** Its start time came while its node was down, so the node's restart must start it. */
  startMissed = false;
  runtime: SimRuntime | null = null;
  process: Process | null = null;
  readonly disk = new DiskState();
  state: object = {};
  readonly pending = new Map<number, PendingCall>();
  /** This incarnation's handler promises not yet settled (see `track`). */
  outstanding = 0;

  constructor(
    readonly ctx: HostContext,
    readonly index: number,
    readonly node: NodeState,
    readonly name: string,
    readonly address: Address,
    readonly kind: string,
    readonly factory: ProcessFactory,
    readonly config: unknown,
    readonly rng: Rng,
  ) {}

  get alive(): boolean {
    return this.runtime !== null;
  }

  /** Builds a new incarnation and runs its `start`. */
  start(): void {
    assert(this.runtime === null && !this.node.down, "process host: start of a live process or on a down node");
    this.incarnation++;
    const rt = new SimRuntime(this, this.incarnation);
    this.runtime = rt;
    this.ctx.rec?.proc(this.ctx.loop.now, "start", this.index, { incarnation: this.incarnation });
    try {
      this.process = this.factory(rt, this.config);
    } catch (e) {
      this.reportError(e);
      this.process = {};
      return;
    }
    if (this.process.start) this.invoke(() => this.process!.start!());
  }

  /** Its start time came: starts the process unless it runs already or its node is down or paused. */
  startDue(ev: StartEvent): void {
    if (this.runtime !== null) return;
    if (this.node.down) {
      // Its start time came while its node was down (a crash at or before it): the restart starts it.
      this.startMissed = true;
      return;
    }
    if (this.node.paused) {
      this.node.deferred.push(ev);
      return;
    }
    this.ctx.loop.count(K_START, this.index, 0);
    this.start();
  }

  /** Sets a timer `localDelay` microseconds of this node's clock from now. */
  timer(localDelay: Micros, fn: () => void, label: string | undefined, internal: boolean): TimerEvent {
    const ev = new TimerEvent(this, this.incarnation, fn, label, internal);
    const d = this.node.clock.toVirtual(localDelay > 0 ? Math.round(localDelay) : 0);
    const loop = this.ctx.loop;
    loop.at(loop.now + d, ev);
    return ev;
  }

  /** One of its timers is due: runs it unless it is stale, or holds it while the node is paused. */
  fire(te: TimerEvent): void {
    if (te.cancelled || te.incarnation !== this.incarnation || this.runtime === null) return;
    if (this.node.paused) {
      this.node.deferred.push(te);
      return;
    }
    const ctx = this.ctx;
    ctx.loop.count(K_TIMER, this.index, 0);
    if (ctx.rec && (!te.internal || te.label !== undefined)) {
      ctx.rec.proc(ctx.loop.now, "timer", this.index, te.label === undefined ? null : { label: te.label });
    }
    this.invoke(te.fn);
  }

  /** Runs component code, keeping its errors in the result instead of the stack. */
  invoke(fn: () => unknown): void {
    let out: unknown;
    try {
      out = fn();
    } catch (e) {
      this.reportError(e);
      return;
    }
    if (out !== undefined) this.settle(out);
  }

  /** If a handler returned a promise, keeps its error and counts it until it settles. */
  settle(out: unknown): void {
    if (isThenable(out)) this.track(out, (e) => this.reportError(e));
  }

  /**
   * Counts a handler's promise as unsettled until it settles; `onError` runs if it rejects. A
   * crash releases the count of its incarnation at once (`crash`), so a late settlement of a
   * dead incarnation's promise is ignored.
   */
  track(promise: PromiseLike<unknown>, onError: (e: unknown) => void): void {
    const loop = this.ctx.loop;
    loop.drainPending = true;
    const incarnation = this.incarnation;
    this.outstanding++;
    loop.unsettled++;
    const done = () => {
      if (this.incarnation !== incarnation || this.runtime === null) return false;
      this.outstanding--;
      loop.unsettled--;
      return true;
    };
    promise.then(() => { done(); }, (e) => { if (done()) onError(e); });
  }

  /** Keeps an error thrown by component code: in the result, a metric and the trace. */
  reportError(e: unknown): void {
    const ctx = this.ctx;
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    ctx.errors.push({ t: ctx.loop.now, address: this.address, message });
    ctx.metrics.count("process.errors");
    ctx.rec?.proc(ctx.loop.now, "log", this.index, { level: "error", message });
  }

  /** Loses memory, timers, pending calls and unsynced writes. */
  crash(): number {
    if (this.runtime) this.runtime.alive = false;
    this.runtime = null;
    this.process = null;
    this.pending.clear();
    this.ctx.loop.unsettled -= this.outstanding;
    this.outstanding = 0;
    assert(this.ctx.loop.unsettled >= 0, "process host: more promises settled than were tracked");
    if (Object.keys(this.state).length > 0) {
      this.state = {};
      this.ctx.rec?.proc(this.ctx.loop.now, "state", this.index, { patches: [{ op: "replace", path: [], value: {} }] });
    }
    return this.disk.loseUnsynced();
  }

  /** A message arrived for this process. */
  receive(msg: SimMessage): void {
    const proc = this.process!;
    if (msg.replyTo !== undefined) {
      const p = this.pending.get(msg.replyTo);
      if (p === undefined) return; // late, duplicate, or for a dead incarnation
      this.pending.delete(msg.replyTo);
      p.timer.cancelled = true;
      this.ctx.loop.drainPending = true;
      if (msg.error === undefined) p.resolve(msg.body);
      else {
        const detail = msg.body as { message?: string } | undefined;
        p.reject(new CallError(msg.error, p.to, p.type, detail?.message ?? `${p.type} to ${p.to}: ${msg.error}`, msg.body));
      }
      return;
    }
    if (msg.isRequest) {
      this.serve(msg);
      return;
    }
    if (proc.message) {
      // Called directly rather than through a closure: this is the hottest path of a run.
      let out: unknown;
      try {
        out = proc.message(msg);
      } catch (e) {
        this.reportError(e);
        return;
      }
      if (out !== undefined) this.settle(out);
    }
  }

  private serve(req: SimMessage): void {
    const proc = this.process!;
    const rt = this.runtime!;
    const outbox = this.ctx.outbox;
    if (!proc.request) {
      outbox.reply(this.index, this.alive, req, undefined, "no-handler");
      return;
    }
    let out: unknown;
    try {
      out = proc.request(req);
    } catch (e) {
      outbox.reply(this.index, this.alive, req, errorBody(e), "remote");
      return;
    }
    if (isThenable(out)) {
      const replied = out.then((v) => { if (rt.alive) outbox.reply(this.index, this.alive, req, v, undefined); });
      this.track(replied, (e) => { if (rt.alive) outbox.reply(this.index, this.alive, req, errorBody(e), "remote"); });
    } else {
      outbox.reply(this.index, this.alive, req, out, undefined);
    }
  }
}

/** The `Runtime` of one incarnation. Once its process crashes, every call on it does nothing. */
export class SimRuntime implements Runtime {
  alive = true;
  readonly address: Address;
  readonly node: string;
  readonly process: string;
  readonly zone: string;
  readonly ip: string;
  readonly random: Rng;
  readonly disk: Disk;
  readonly metrics: Metrics;
  private readonly ctx: HostContext;

  constructor(private readonly host: ProcessHost, readonly incarnation: number) {
    this.ctx = host.ctx;
    this.address = host.address;
    this.node = host.node.name;
    this.process = host.name;
    this.zone = host.node.zone;
    this.ip = host.node.ip;
    this.random = host.rng;
    this.disk = new DiskView(host.disk, this);
    this.metrics = host.ctx.metrics;
  }

  now(): Micros {
    return this.host.node.clock.local(this.ctx.loop.now);
  }

  send(to: Address, type: string, body?: unknown): void {
    this.ctx.outbox.send(this.host.index, to, type, body, false, undefined, undefined, this.alive);
  }

  call<R = unknown>(to: Address, type: string, body?: unknown, options?: CallOptions): Promise<R> {
    const host = this.host;
    if (!this.alive) {
      this.ctx.outbox.send(host.index, to, type, body, true, undefined, undefined, false);
      return new Promise<R>(() => {}); // a dead process waits forever: its code has stopped
    }
    const msg = this.ctx.outbox.send(host.index, to, type, body, true, undefined, undefined, true);
    const loop = this.ctx.loop;
    return new Promise<R>((resolve, reject) => {
      if (msg.toProc < 0) {
        loop.drainPending = true;
        reject(new CallError("no-handler", to, type, `${type} to ${to}: no such process`));
        return;
      }
      const timeout = options?.timeout ?? SECOND;
      const timer = host.timer(timeout, () => {
        host.pending.delete(msg.id);
        loop.drainPending = true;
        reject(new CallError("timeout", to, type, `${type} to ${to}: no reply within ${timeout}us`));
      }, `timeout ${type}`, true);
      host.pending.set(msg.id, { resolve: resolve as (v: unknown) => void, reject, timer, to, type });
    });
  }

  setTimer(delay: Micros, fn: () => void, label?: string): TimerId {
    if (!this.alive) return { cancelled: true };
    return this.host.timer(delay, fn, label, false);
  }

  clearTimer(id: TimerId): void {
    if (id instanceof TimerEvent) id.cancelled = true;
  }

  sleep(delay: Micros): Promise<void> {
    if (!this.alive) return new Promise<void>(() => {});
    return new Promise<void>((resolve) => {
      this.host.timer(delay, () => {
        this.ctx.loop.drainPending = true;
        resolve();
      }, undefined, true);
    });
  }

  log(message: string, fields?: Record<string, Json>): void {
    if (this.alive) this.ctx.rec?.proc(this.ctx.loop.now, "log", this.host.index, fields ? { message, fields } : { message });
  }

  record(event: string, fields?: Record<string, Json>): void {
    if (this.alive) this.ctx.history.record(this.host.index, event, fields ?? {});
  }

  publish<S extends object>(recipe: (draft: S) => void): void {
    // Published state exists for observers (the trace, the visualizer); with recording off there
    // are none, so the recipe is not even run.
    const rec = this.ctx.rec;
    if (!this.alive || rec === null) return;
    const host = this.host;
    const [next, patches] = immer.produceWithPatches(host.state as S, recipe as (d: any) => void);
    if (patches.length > 0) {
      host.state = next as object;
      rec.proc(this.ctx.loop.now, "state", host.index, { patches: patches as unknown as Json });
    }
  }

  directory(): readonly ProcessInfo[] {
    return this.ctx.directory;
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && typeof v === "object" && typeof (v as { then?: unknown }).then === "function";
}

function errorBody(e: unknown): Json {
  if (e instanceof Error) return { message: e.message, name: e.name };
  if (e !== null && typeof e === "object") return e as Json;
  return { message: String(e) };
}
