import { join, resolve } from "node:path";
import type { RunResult } from "../../engine/result";
import { formatSeed, slug } from "../../reports/format";
import { writeFileAtomic } from "../../scenarios/write/write-file-atomic";
import type { CliIO } from "./io";

/**
 * `--trace PATH`: writes each run's canonical trace, one JSON event a line, byte for byte what
 * the trace hash covers, so two files of one seed compare with `diff` and the visualizer opens
 * them. One run goes to PATH; several go into PATH as a directory, one file per run.
 */
export class TraceWriter {
  private readonly written: string[] = [];

  constructor(private readonly cwd: string, private readonly path: string | undefined, private readonly many: boolean) {}

  /** Writes one run's trace (whole, then renamed into place). */
  write(result: RunResult, jsonl: string): void {
    if (this.path === undefined) return;
    const target = this.many
      ? join(resolve(this.cwd, this.path), `${slug(result.scenario)}-seed-${slug(formatSeed(result.seed))}.jsonl`)
      : resolve(this.cwd, this.path);
    writeFileAtomic(target, jsonl);
    this.written.push(target);
  }

  /** Says on stderr what was written. */
  report(io: CliIO): void {
    if (this.written.length === 1) io.stderr(`wrote the trace to ${this.path}\n`);
    else if (this.written.length > 1) io.stderr(`wrote ${this.written.length} traces to ${this.path}/\n`);
  }
}
