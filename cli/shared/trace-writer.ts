import { join, resolve } from "node:path";
import type { Seed } from "../../engine/scenario";
import { formatSeed, slug } from "../../reports/format";
import { streamFileAtomic, type AtomicStream } from "../../scenarios/write/stream-file-atomic";
import type { CliIO } from "./io";

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

  constructor(private readonly cwd: string, private readonly path: string | undefined, private readonly many: boolean) {}

  /** Opens the trace file of one run, or returns null when no trace was asked for. */
  open(scenario: string, seed: Seed): OpenTrace | null {
    if (this.path === undefined) return null;
    const target = this.many
      ? join(resolve(this.cwd, this.path), `${slug(scenario)}-seed-${slug(formatSeed(seed))}.jsonl`)
      : resolve(this.cwd, this.path);
    const file: AtomicStream = streamFileAtomic(target);
    return {
      sink: (bytes) => file.write(bytes),
      commit: () => {
        file.commit();
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
