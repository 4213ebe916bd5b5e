import { ProcessScope } from "./process-scope";
import { timerDelay, VirtualTimer, type TimerKind } from "./virtual-timer";
import { virtualDate } from "./virtual-date";

/**
 * The host globals the sandbox routes, as they were before it installed its own. They are
 * captured again at every first entry, so a test's own fakes (vitest's `vi.useFakeTimers`)
 * installed before a run are what code outside the processes keeps seeing during it.
 */
interface HostGlobals {
  setTimeout: typeof globalThis.setTimeout;
  clearTimeout: typeof globalThis.clearTimeout;
  setInterval: typeof globalThis.setInterval;
  clearInterval: typeof globalThis.clearInterval;
  setImmediate: typeof globalThis.setImmediate;
  clearImmediate: typeof globalThis.clearImmediate;
  Date: DateConstructor;
  random: () => number;
  performanceNow: () => number;
  /** Whether `performance.now` was the object's own property (else it came from the prototype). */
  performanceNowOwn: boolean;
  hrtime: NodeJS.HRTime;
}

function capture(): HostGlobals {
  return {
    setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout,
    setInterval: globalThis.setInterval, clearInterval: globalThis.clearInterval,
    setImmediate: globalThis.setImmediate, clearImmediate: globalThis.clearImmediate,
    Date: globalThis.Date, random: Math.random,
    performanceNow: performance.now, performanceNowOwn: Object.hasOwn(performance, "now"),
    hrtime: process.hrtime,
  };
}

// Module state, against the house rule, because what it guards is itself one per thread: the
// realm's globals. `host` is the last capture (routers that outlive a run fall back to it),
// `entered` counts the runs in progress in this thread that asked for the sandbox.
let host: HostGlobals = capture();
let entered = 0;

function schedule(kind: TimerKind, real: (...a: unknown[]) => unknown) {
  return function (...call: unknown[]): unknown {
    const scope = ProcessScope.current();
    if (!scope) return real(...call);
    const [callback, ...rest] = call;
    // setImmediate(fn, ...args) has no delay; setTimeout and setInterval take (fn, ms, ...args).
    const args = kind === "setImmediate" ? rest : rest.slice(1);
    return new VirtualTimer(scope, kind, callback as (...a: unknown[]) => unknown, timerDelay(kind, rest[0]), args);
  };
}

function cancel(real: () => (h: unknown) => void) {
  return function (handle: unknown): void {
    if (handle instanceof VirtualTimer) {
      handle.close();
      return;
    }
    const numbered = typeof handle === "number" ? ProcessScope.current()?.numbered.get(handle) : undefined;
    if (numbered) numbered.close();
    else real()(handle);
  };
}

/** The routers: each answers for the running process, or passes the call to the host's own. */
const routers = {
  setTimeout: schedule("setTimeout", (...a) => (host.setTimeout as any)(...a)),
  setInterval: schedule("setInterval", (...a) => (host.setInterval as any)(...a)),
  setImmediate: schedule("setImmediate", (...a) => (host.setImmediate as any)(...a)),
  clearTimeout: cancel(() => host.clearTimeout as (h: unknown) => void),
  clearInterval: cancel(() => host.clearInterval as (h: unknown) => void),
  clearImmediate: cancel(() => host.clearImmediate as (h: unknown) => void),
  random: function random(): number {
    return ProcessScope.current()?.random() ?? host.random();
  },
  performanceNow: function now(): number {
    return ProcessScope.current()?.perfNow() ?? host.performanceNow.call(performance);
  },
  hrtime: Object.assign(function hrtime(previous?: [number, number]): [number, number] {
    const scope = ProcessScope.current();
    if (!scope) return host.hrtime(previous);
    const ns = scope.local() * 1000 - (previous ? previous[0] * 1e9 + previous[1] : 0);
    return [Math.floor(ns / 1e9), ns % 1e9];
  }, {
    bigint: function bigint(): bigint {
      const scope = ProcessScope.current();
      return scope ? BigInt(scope.local()) * 1000n : host.hrtime.bigint();
    },
  }),
  Date: null as unknown as DateConstructor,
};

function install(): void {
  host = capture();
  routers.Date = virtualDate(host.Date);
  const g = globalThis as any;
  for (const name of ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate", "Date"] as const) g[name] = routers[name];
  Math.random = routers.random;
  performance.now = routers.performanceNow;
  process.hrtime = routers.hrtime as NodeJS.HRTime;
}

/** Puts the host's globals back, each only where the sandbox's router is still in place. */
function restore(): void {
  const g = globalThis as any;
  for (const name of ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate", "Date"] as const) {
    if (g[name] === routers[name]) g[name] = host[name];
  }
  if (Math.random === routers.random) Math.random = host.random;
  if (performance.now === routers.performanceNow) {
    if (host.performanceNowOwn) performance.now = host.performanceNow;
    else delete (performance as { now?: unknown }).now;
  }
  if (process.hrtime === (routers.hrtime as unknown)) process.hrtime = host.hrtime;
}

/**
 * Enters the sandbox for one run (the `runScope` of every virtual-time factory): the first run in
 * progress in this thread installs the routers, the last to leave restores the host's globals.
 * Between, code outside any process (the engine, the host's deadline, a test runner) gets the
 * host's own answers from the routers; process code gets its own process's.
 */
export function enterSandbox(): () => void {
  if (entered++ === 0) install();
  let left = false;
  return () => {
    if (left) return;
    left = true;
    if (--entered === 0) restore();
  };
}

/** Whether a run in this thread has the sandbox's routers installed now. */
export function sandboxInstalled(): boolean {
  return entered > 0;
}
