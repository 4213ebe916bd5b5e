import type { Micros } from "../core/time";
import type { Json } from "../core/json";
import type { Rng } from "../core/rng";

/** A process address: `node/process`, for example `n1/echo`. */
export type Address = string;

/** A message on the simulated network. Requests and replies are messages too. */
export interface Message {
  /** Unique per run; a send and its delivery or drop share it (duplicates carry `dup`). */
  readonly id: number;
  readonly from: Address;
  readonly to: Address;
  /** What the message is, for the receiver and for the trace: `vote-request`, `ping`... */
  readonly type: string;
  readonly body: unknown;
  /** Virtual time of the send. */
  readonly sentAt: Micros;
  /** For a reply: the id of the request it answers. */
  readonly replyTo?: number;
  /** Which copy this is: 0 for the original, 1.. for network duplicates. */
  readonly dup?: number;
}

/** Why a `call` failed. */
export type CallErrorCode =
  /**
   * No reply before the timeout: lost, slow, partitioned, or a crashed host. A crash is a
   * machine going down, so callers learn of it by timing out, as they do in real systems.
   */
  | "timeout"
  /** The callee's handler threw: `message` says what it said. */
  | "remote"
  /** The callee has no request handler, or no process at that address exists. */
  | "no-handler";

/** The error a `call` promise rejects with. */
export class CallError extends Error {
  readonly code: CallErrorCode;
  readonly to: Address;
  readonly type: string;
  /** For `remote`: the value the callee threw, when it was a JSON-able object. */
  readonly detail?: unknown;
  constructor(code: CallErrorCode, to: Address, type: string, message?: string, detail?: unknown) {
    super(message ?? `${type} to ${to}: ${code}`);
    this.name = "CallError";
    this.code = code;
    this.to = to;
    this.type = type;
    this.detail = detail;
  }
}

/** A handle to a timer, for `clearTimer`: opaque. */
export type TimerId = { readonly cancelled: boolean };

/**
 * The handlers a process exposes. Each may be plain (the fast path) or `async`. The kernel runs
 * promise continuations at the right virtual time when they follow from a promise it made
 * (`call`, `sleep`) or from a promise a handler returned and that is still unsettled. Async work
 * a handler starts and does not return (fire and forget) that awaits a promise of the process's
 * own making resumes only at the next drain: return such a promise, or await `rt.sleep(0)`.
 */
export interface Process {
  /** Called when the process starts, and again after every restart (recover from disk here). */
  start?(): void | Promise<void>;
  /** A one-way message arrived. */
  message?(msg: Message): void | Promise<void>;
  /** A request arrived; the returned value is the reply body; a throw becomes a `remote` error. */
  request?(req: Message): unknown | Promise<unknown>;
}

/**
 * What a host sets up around a whole run for the processes that ask for it: called once before
 * the run's first event, and the function it returns once after its last, even when the run
 * throws. The engine only calls it; what it sets up (the user-module host's virtual-time
 * sandbox, in scenarios/sandbox/) is the host's business and never the engine's.
 */
export type RunScope = () => () => void;

/**
 * Builds a process on its runtime. Called at start and again at every restart, which is what a
 * crash that loses memory means: nothing survives but what the process synced to disk.
 */
export interface ProcessFactory<Config = any> {
  (rt: Runtime, config: Config): Process;
  /**
   * Entered around every run that has a process of this factory (once per run however many
   * processes share it): see `RunScope`.
   */
  readonly runScope?: RunScope;
}

/**
 * The process's disk. `read` sees every write (the page cache); only `sync` makes writes
 * durable, and a crash loses exactly what was written since the last sync. Values are copied on
 * write, so later mutation of the caller's object cannot change what is stored.
 */
export interface Disk {
  write(key: string, value: Json): void;
  read<T extends Json = Json>(key: string): T | undefined;
  delete(key: string): void;
  /** Keys in sorted order, optionally those starting with `prefix`. */
  keys(prefix?: string): string[];
  /** Makes every write so far durable. */
  sync(): void;
  /** How many writes would a crash lose now. */
  readonly unsynced: number;
}

/** Metrics in virtual time, aggregated per run by name. */
export interface Metrics {
  /** Adds `by` (default 1) to a counter. */
  count(name: string, by?: number): void;
  /** Sets a gauge. */
  gauge(name: string, value: number): void;
  /** Adds a sample to a histogram (latencies in microseconds). */
  observe(name: string, value: number): void;
}

/** What every process can know about the others: a static directory, like a hosts file. */
export interface ProcessInfo {
  readonly address: Address;
  readonly node: string;
  readonly process: string;
  readonly kind: string;
  readonly zone: string;
  readonly ip: string;
}

/** Options of one `call`. */
export interface CallOptions {
  /** How long to wait for the reply, in local-clock microseconds. Default 1 s. */
  timeout?: Micros;
}

/**
 * The only thing component code sees: its own process's view of the world. Written against this
 * and nothing else, a component could run on real timers and sockets too.
 */
export interface Runtime {
  readonly address: Address;
  readonly node: string;
  readonly process: string;
  readonly zone: string;
  /** The node's IPv4 address, for address-hashing strategies. */
  readonly ip: string;
  /** 0 at the first start, then one more at each restart. */
  readonly incarnation: number;
  /** The node's local clock: virtual time with the node's skew and drift. */
  now(): Micros;
  /** Sends a one-way message. */
  send(to: Address, type: string, body?: unknown): void;
  /** Sends a request and waits for the reply body; rejects with a `CallError`. */
  call<R = unknown>(to: Address, type: string, body?: unknown, options?: CallOptions): Promise<R>;
  /** Runs `fn` after `delay` local microseconds, unless cleared or the process crashes first. */
  setTimer(delay: Micros, fn: () => void, label?: string): TimerId;
  clearTimer(id: TimerId): void;
  /** Resolves after `delay` local microseconds. */
  sleep(delay: Micros): Promise<void>;
  /** This process's own seeded stream. */
  readonly random: Rng;
  readonly disk: Disk;
  readonly metrics: Metrics;
  /** A free-form log line into the trace. */
  log(message: string, fields?: Record<string, Json>): void;
  /**
   * A history entry: what the checkers read (`commit`, `produce-ack`, `call-end`...). Kept
   * whatever the recording level.
   */
  record(event: string, fields?: Record<string, Json>): void;
  /**
   * Publishes observable state with an immer recipe; the trace records the patches and the
   * visualizer rebuilds the state from them. It is for observers only: with recording off the
   * recipe does not run, so never keep state here that the process itself reads.
   */
  publish<S extends object>(recipe: (draft: S) => void): void;
  /** Every process of the run. */
  directory(): readonly ProcessInfo[];
}
