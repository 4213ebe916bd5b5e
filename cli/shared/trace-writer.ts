import { join, resolve } from "node:path";
import type { Seed } from "../../engine/scenario";
import { formatSeed, slug } from "../../reports/format";
import { streamFileAtomic, type AtomicStream } from "../../scenarios/write/stream-file-atomic";
import { nodeFileOps, type SyncFileOps } from "../../scenarios/write/file-ops";
import type { CliIO } from "./io";
import { cannotWrite, isFileSystemError } from "./write-error";

/** One run's trace file while the run writes it. */
export interface OpenTrace {
  /** The run's trace sink: canonical bytes as the engine writes them. */
  sink: (bytes: Uint8Array) => void;
  /** The run ended: the file takes its place. */
  commit(): void;
  /** The run failed: nothing is written. */
  abort(): void;
}

/**
 * `--trace PATH`: writes each run's canonical trace, one JSON event a line, byte for byte what
 * the trace hash covers, so two files of one seed compare with `diff` and the visualizer opens
 * them. The engine streams the bytes here as it runs, so a trace of any length is never held in
 * memory. One run goes to PATH; several go into PATH as a directory, one file per run.
 */
export class TraceWriter {
  private readonly written: string[] = [];

  /** `ops` is node:fs but for tests, which make a write fail as a full disk would. */
  constructor(private readonly cwd: string, private readonly path: string | undefined, private readonly many: boolean, private readonly ops: SyncFileOps = nodeFileOps) {}

  /**
   * Opens the trace file of one run, or returns null when no trace was asked for. A file the
   * host will not take is CS813: at once when it cannot be created, at `commit` when a write
   * failed during the run (a full disk), with the temporary file removed either way.
   */
  open(scenario: string, seed: Seed): OpenTrace | null {
    if (this.path === undefined) return null;
    const target = this.many
      ? join(resolve(this.cwd, this.path), `${slug(scenario)}-seed-${slug(formatSeed(seed))}.jsonl`)
      : resolve(this.cwd, this.path);
    const fail = (e: unknown): never => {
      throw isFileSystemError(e) ? cannotWrite(target, e, this.cwd, "the trace") : e;
    };
    let file: AtomicStream;
    try {
      file = streamFileAtomic(target, this.ops);
    } catch (e) {
      return fail(e);
    }
    // The engine calls the sink in the middle of its loop, where an exception would read as the
    // run's own failure; a failed write is kept, later bytes are dropped, and commit reports it.
    let failed: unknown = null;
    return {
      sink: (bytes) => {
        if (failed !== null) return;
        try {
          file.write(bytes);
        } catch (e) {
          failed = e;
        }
      },
      commit: () => {
        if (failed !== null) {
          file.abort();
          fail(failed);
        }
        try {
          file.commit();
        } catch (e) {
          fail(e);
        }
        this.written.push(target);
      },
      abort: () => file.abort(),
    };
  }

  /** Writes a trace already in memory (a short run's, such as the demo's). */
  write(scenario: string, seed: Seed, jsonl: string): void {
    const file = this.open(scenario, seed);
    if (!file) return;
    file.sink(new TextEncoder().encode(jsonl));
    file.commit();
  }

  /** Says on stderr what was written. */
  report(io: CliIO): void {
    if (this.written.length === 1) io.stderr(`wrote the trace to ${this.path}\n`);
    else if (this.written.length > 1) io.stderr(`wrote ${this.written.length} traces to ${this.path}/\n`);
  }
}
