/**
 * Where the CLI writes and what it knows about its surroundings. Commands never touch
 * `process.stdout` directly, so a test (or another program) can run `main` and read what it said.
 */
export interface CliIO {
  /** Machine-readable output and summaries. */
  stdout(text: string): void;
  /** Progress, warnings and errors. */
  stderr(text: string): void;
  /** True when stderr is a terminal: progress bars and colour. */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** The directory relative paths are read from. */
  cwd: string;
  /**
   * When the command began, on `performance.now()`'s scale: `--timeout` counts from here. The
   * real process says 0, its own start, so the limit covers start-up too; without it the limit
   * counts from when the command's handler starts.
   */
  startedAt?: number;
  /**
   * Calls `handler` at the first Ctrl-C (SIGINT) instead of dying, until the returned function
   * is called; a second Ctrl-C kills the process as usual. Absent: Ctrl-C is not caught.
   */
  onInterrupt?(handler: () => void): () => void;
}

/** The real process's streams. */
export function processIO(): CliIO {
  return {
    stdout: (s) => { process.stdout.write(s); },
    stderr: (s) => { process.stderr.write(s); },
    isTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    startedAt: 0,
    onInterrupt(handler) {
      // `once`: after the first, SIGINT has no listener again, so a second Ctrl-C kills at once.
      process.once("SIGINT", handler);
      return () => { process.off("SIGINT", handler); };
    },
  };
}

/** Colour on a terminal, unless `NO_COLOR` is set (https://no-color.org) or we run in CI. */
export function useColor(io: CliIO): boolean {
  return io.isTTY && !io.env.NO_COLOR && !io.env.CI;
}
