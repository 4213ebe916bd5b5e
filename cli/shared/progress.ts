import type { CliIO } from "./io";

/** Progress of long work on stderr. */
export interface Progress {
  update(done: number, failed: number, label?: string): void;
  /** Clears the bar (on a terminal) so the summary starts on a clean line. */
  finish(): void;
}

const BAR_WIDTH = 24;
/** Least time between two redraws of the bar, so progress never costs more than the runs. */
const REDRAW_MS = 100;

/**
 * A bar redrawn in place on a terminal; on anything else (a pipe, a CI log, `CI` set) a plain
 * line at each tenth of the work, so logs stay short and readable. `quiet` says nothing at all
 * (for `--json`, whose stdout a program reads, and for work too small to need it).
 */
export function progress(io: CliIO, title: string, total: number, options: { quiet?: boolean; now?: () => number } = {}): Progress {
  if (options.quiet || total === 0) return { update() {}, finish() {} };
  const now = options.now ?? Date.now;
  const bar = io.isTTY && !io.env.CI;
  let last = -Infinity;
  let lastTenth = 0;
  let drawn = false;
  return {
    update(done, failed, label) {
      const failedText = failed > 0 ? `, ${failed} failed` : "";
      if (bar) {
        const t = now();
        if (done < total && t - last < REDRAW_MS) return;
        last = t;
        const filled = Math.round((done / total) * BAR_WIDTH);
        const line = `${title} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${done}/${total}${failedText}${label ? ` ${label}` : ""}`;
        io.stderr(`\r\x1b[2K${line.slice(0, 120)}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor((done / total) * 10);
      if (tenth > lastTenth || done === total) {
        lastTenth = tenth;
        io.stderr(`${title}: ${done}/${total} runs${failedText}\n`);
        if (done === total) lastTenth = 11;
      }
    },
    finish() {
      if (drawn) io.stderr("\r\x1b[2K");
    },
  };
}
