import { Immer, enablePatches } from "immer";
import type { Micros } from "../core/time";
import { SECOND } from "../core/time";
import type { Json } from "../core/json";
import type { Rng } from "../core/rng";
import type { Kernel } from "../core/kernel";
import type { SimMessage } from "../net/sim-message";
import type { NodeState } from "./node-state";
import { TimerEvent } from "../core/kernel-events";
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
 * (the process object, its timers, its pending calls, its published state) dies with it.
 */
export class ProcessHost {
  incarnation = -1;
  runtime: SimRuntime | null = null;
  process: Process | null = null;
  readonly disk = new DiskState();
  state: object = {};
  readonly pending = new Map<number, PendingCall>();
  /** This incarnation's handler promises not yet settled (see Kernel.track). */
  outstanding = 0;

  constructor(
    readonly kernel: Kernel,
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
    this.incarnation++;
    const rt = new SimRuntime(this, this.incarnation);
    this.runtime = rt;
    this.kernel.rec?.proc(this.kernel.now, "start", this.index, { incarnation: this.incarnation });
    try {
      this.process = this.factory(rt, this.config);
    } catch (e) {
      this.kernel.reportError(this, e);
      this.process = {};
      return;
    }
    if (this.process.start) this.kernel.invoke(this, () => this.process!.start!());
  }

  /** Loses memory, timers, pending calls and unsynced writes. */
  crash(): number {
    if (this.runtime) this.runtime.alive = false;
    this.runtime = null;
    this.process = null;
    this.pending.clear();
    this.kernel.outstanding -= this.outstanding;
    this.outstanding = 0;
    if (Object.keys(this.state).length > 0) {
      this.state = {};
      this.kernel.rec?.proc(this.kernel.now, "state", this.index, { patches: [{ op: "replace", path: [], value: {} }] });
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
      this.kernel.asyncPending = true;
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
        this.kernel.reportError(this, e);
        return;
      }
      if (out !== undefined) this.kernel.settle(this, out);
    }
  }

  private serve(req: SimMessage): void {
    const proc = this.process!;
    const rt = this.runtime!;
    if (!proc.request) {
      this.kernel.reply(this, req, undefined, "no-handler");
      return;
    }
    let out: unknown;
    try {
      out = proc.request(req);
    } catch (e) {
      this.kernel.reply(this, req, errorBody(e), "remote");
      return;
    }
    if (isThenable(out)) {
      const replied = out.then((v) => { if (rt.alive) this.kernel.reply(this, req, v, undefined); });
      this.kernel.track(this, replied, (e) => { if (rt.alive) this.kernel.reply(this, req, errorBody(e), "remote"); });
    } else {
      this.kernel.reply(this, req, out, undefined);
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
  private readonly kernel: Kernel;

  constructor(private readonly host: ProcessHost, readonly incarnation: number) {
    this.kernel = host.kernel;
    this.address = host.address;
    this.node = host.node.name;
    this.process = host.name;
    this.zone = host.node.zone;
    this.ip = host.node.ip;
    this.random = host.rng;
    this.disk = new DiskView(host.disk, this);
    this.metrics = host.kernel.metrics;
  }

  now(): Micros {
    return this.host.node.clock.local(this.kernel.now);
  }

  send(to: Address, type: string, body?: unknown): void {
    this.kernel.send(this.host, to, type, body, false, undefined, undefined, this.alive);
  }

  call<R = unknown>(to: Address, type: string, body?: unknown, options?: CallOptions): Promise<R> {
    const host = this.host;
    if (!this.alive) {
      this.kernel.send(host, to, type, body, true, undefined, undefined, false);
      return new Promise<R>(() => {}); // a dead process waits forever: its code has stopped
    }
    const msg = this.kernel.send(host, to, type, body, true, undefined, undefined, true);
    return new Promise<R>((resolve, reject) => {
      if (msg.toProc < 0) {
        this.kernel.asyncPending = true;
        reject(new CallError("no-handler", to, type, `${type} to ${to}: no such process`));
        return;
      }
      const timeout = options?.timeout ?? SECOND;
      const timer = this.kernel.timer(host, timeout, () => {
        host.pending.delete(msg.id);
        this.kernel.asyncPending = true;
        reject(new CallError("timeout", to, type, `${type} to ${to}: no reply within ${timeout}us`));
      }, `timeout ${type}`, true);
      host.pending.set(msg.id, { resolve: resolve as (v: unknown) => void, reject, timer, to, type });
    });
  }

  setTimer(delay: Micros, fn: () => void, label?: string): TimerId {
    if (!this.alive) return { cancelled: true };
    return this.kernel.timer(this.host, delay, fn, label, false);
  }

  clearTimer(id: TimerId): void {
    if (id instanceof TimerEvent) id.cancelled = true;
  }

  sleep(delay: Micros): Promise<void> {
    if (!this.alive) return new Promise<void>(() => {});
    return new Promise<void>((resolve) => {
      this.kernel.timer(this.host, delay, () => {
        this.kernel.asyncPending = true;
        resolve();
      }, undefined, true);
    });
  }

  log(message: string, fields?: Record<string, Json>): void {
    if (this.alive) this.kernel.rec?.proc(this.kernel.now, "log", this.host.index, fields ? { message, fields } : { message });
  }

  record(event: string, fields?: Record<string, Json>): void {
    if (this.alive) this.kernel.recordHistory(this.host, event, fields ?? {});
  }

  publish<S extends object>(recipe: (draft: S) => void): void {
    // Published state exists for observers (the trace, the visualizer); with recording off there
    // are none, so the recipe is not even run.
    const rec = this.kernel.rec;
    if (!this.alive || rec === null) return;
    const host = this.host;
    const [next, patches] = immer.produceWithPatches(host.state as S, recipe as (d: any) => void);
    if (patches.length > 0) {
      host.state = next as object;
      rec.proc(this.kernel.now, "state", host.index, { patches: patches as unknown as Json });
    }
  }

  directory(): readonly ProcessInfo[] {
    return this.kernel.directory;
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
