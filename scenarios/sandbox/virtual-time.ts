import type { Process, ProcessFactory, Runtime } from "../../engine/node/runtime-api";
import type { ProcessCatalog } from "../../engine/run-options";
import { ProcessScope } from "./process-scope";
import { ScopedRuntime } from "./scoped-runtime";
import { enterSandbox } from "./host-globals";
import { DRAIN, isThenable } from "./virtual-timer";

const wrapped = new WeakSet<ProcessFactory>();

/**
 * Runs a factory's processes under virtual time: while a process's code runs (its factory, its
 * handlers, its timers' callbacks, and every continuation of theirs after an `await`), the
 * host's `setTimeout`, `setInterval`, `setImmediate` and their `clear*`, `Date`,
 * `performance.now`, `process.hrtime` and `Math.random` answer from that process's node clock
 * and seeded stream; everywhere else they are the host's own. So a library the team did not
 * write (opossum, cockatiel) runs unmodified and deterministically inside the simulation.
 * Wrapping twice is wrapping once. Node only (it needs AsyncLocalStorage).
 *
 *     export const processes = { "checkout": { factory: virtualTime(checkout), description: "..." } };
 */
export function virtualTime<C>(factory: ProcessFactory<C>): ProcessFactory<C> {
  if (wrapped.has(factory)) return factory;
  const sandboxed = (rt: Runtime, config: C): Process => {
    const scope = new ProcessScope(rt);
    const process = scope.run(() => factory(new ScopedRuntime(rt, scope), config));
    return inScope(process, scope);
  };
  const out: ProcessFactory<C> = Object.assign(sandboxed, { runScope: enterSandbox });
  wrapped.add(out);
  return out;
}

/** Whether a factory runs under virtual time (made by `virtualTime`). */
export function isVirtualTime(factory: ProcessFactory): boolean {
  return wrapped.has(factory);
}

/** A catalog whose every kind runs under virtual time: what the module host does with a team's modules. */
export function virtualTimeCatalog(catalog: ProcessCatalog): ProcessCatalog {
  return Object.fromEntries(Object.entries(catalog).map(([name, kind]) => [name, { ...kind, factory: virtualTime(kind.factory) }]));
}

/**
 * The process's handlers, each run in its scope; a handler it lacks stays absent (the kernel
 * answers `no-handler`). One that returns no promise returns a settled one, so the kernel drains
 * after it (see `DRAIN`); a request's plain reply is then sent from that drain, at the same
 * virtual time and before the next event.
 */
function inScope(p: Process, scope: ProcessScope): Process {
  const out: Process = {};
  if (p.start) out.start = () => drained(scope.run(() => p.start!()));
  if (p.message) out.message = (msg) => drained(scope.run(() => p.message!(msg)));
  if (p.request) {
    out.request = (req) => {
      const reply = scope.run(() => p.request!(req));
      return isThenable(reply) ? reply : Promise.resolve(reply);
    };
  }
  return out;
}

/** What a start or message handler returned, or `DRAIN` (the kernel only waits for it to settle). */
function drained(out: void | Promise<void>): Promise<void> {
  return isThenable(out) ? out : DRAIN;
}
