/**
 * Thrown when an invariant of the engine does not hold: a bug in the engine (or in code that
 * reached past its API), never bad user input, which gets a catalogued error code instead.
 */
export class InvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvariantError";
  }
}

/**
 * Fails with an `InvariantError` unless `ok` holds. It stays on in benchmarks: the check is one
 * branch, and the message is built only on failure, so pass a constant string or a function of
 * nothing (`() => \`time ${t} < ${now}\``) rather than a template evaluated on every call.
 */
export function assert(ok: boolean, message: string | (() => string)): asserts ok {
  if (!ok) fail(message);
}

// Kept out of `assert` so that the hot function stays small enough for V8 to inline everywhere.
function fail(message: string | (() => string)): never {
  throw new InvariantError(typeof message === "string" ? message : message());
}
