import { ProcessScope } from "./process-scope";

/**
 * A `Date` that reads the running process's clock: `new Date()`, `Date()` and `Date.now()` give
 * its virtual time; a date built from arguments, `Date.parse` and `Date.UTC` are the host's own.
 * Outside a process's code it is the host's `Date` exactly. It shares the host's prototype, so
 * `instanceof Date` holds both ways and every method is the real one.
 */
export function virtualDate(real: DateConstructor): DateConstructor {
  function Date(this: unknown, ...args: unknown[]): unknown {
    const scope = ProcessScope.current();
    if (!new.target) return scope ? new real(scope.dateNow()).toString() : real();
    if (args.length === 0 && scope) return Reflect.construct(real, [scope.dateNow()], new.target);
    return Reflect.construct(real, args, new.target);
  }
  Object.defineProperty(Date, "length", { value: real.length });
  Object.defineProperty(Date, "prototype", { value: real.prototype, writable: false });
  Object.defineProperties(Date, {
    now: { value: function now(): number { return ProcessScope.current()?.dateNow() ?? real.now(); }, writable: true, configurable: true },
    parse: { value: real.parse, writable: true, configurable: true },
    UTC: { value: real.UTC, writable: true, configurable: true },
  });
  return Date as unknown as DateConstructor;
}
