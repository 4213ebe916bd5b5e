import type { Micros } from "../../engine/core/time";
import type { Json } from "../../engine/core/json";
import type { Rng } from "../../engine/core/rng";
import type { Address, CallOptions, Disk, Metrics, ProcessInfo, Runtime, TimerId } from "../../engine/node/runtime-api";
import type { ProcessScope } from "./process-scope";
import { DRAIN, isThenable } from "./virtual-timer";

/**
 * The runtime a sandboxed factory gets: the kernel's, with one difference: a callback given to
 * `setTimer` runs as the process's code (in its scope), as a handler does, and the kernel drains
 * after it (see `DRAIN`). Everything else is
 * passed straight through; promises from `call` and `sleep` need nothing, because the code that
 * awaits them is in the scope already and its continuation keeps it.
 */
export class ScopedRuntime implements Runtime {
  constructor(private readonly rt: Runtime, private readonly scope: ProcessScope) {}

  get address(): Address { return this.rt.address; }
  get node(): string { return this.rt.node; }
  get process(): string { return this.rt.process; }
  get zone(): string { return this.rt.zone; }
  get ip(): string { return this.rt.ip; }
  get incarnation(): number { return this.rt.incarnation; }
  get random(): Rng { return this.rt.random; }
  get disk(): Disk { return this.rt.disk; }
  get metrics(): Metrics { return this.rt.metrics; }

  now(): Micros { return this.rt.now(); }
  send(to: Address, type: string, body?: unknown): void { this.rt.send(to, type, body); }
  call<R = unknown>(to: Address, type: string, body?: unknown, options?: CallOptions): Promise<R> { return this.rt.call<R>(to, type, body, options); }
  setTimer(delay: Micros, fn: () => void, label?: string): TimerId {
    return this.rt.setTimer(delay, () => {
      const out = this.scope.run(fn) as unknown;
      return (isThenable(out) ? out : DRAIN) as unknown as void;
    }, label);
  }
  clearTimer(id: TimerId): void { this.rt.clearTimer(id); }
  sleep(delay: Micros): Promise<void> { return this.rt.sleep(delay); }
  log(message: string, fields?: Record<string, Json>): void { this.rt.log(message, fields); }
  record(event: string, fields?: Record<string, Json>): void { this.rt.record(event, fields); }
  publish<S extends object>(recipe: (draft: S) => void): void { this.rt.publish(recipe); }
  directory(): readonly ProcessInfo[] { return this.rt.directory(); }
}
