import type { Corpus } from "./inputs/corpus";
import { makeGenerators } from "./inputs/generate";
import { Prng } from "./inputs/prng";
import type { FuzzInput, TargetName } from "./targets";
import { defect, runTarget } from "./targets";

/** How long a campaign runs and how it judges inputs. */
export interface CampaignOptions {
  seed: number;
  /** Stop after this many generated inputs (the fixed hostile documents come on top). */
  inputs?: number;
  /** Stop after this many seconds of generating, whichever comes first. */
  seconds?: number;
  /**
   * Stop after this many seconds of this process's CPU time, whichever comes first: a slice
   * that must look at enough inputs on a loaded machine (where a wall second is a fraction of a
   * CPU second) bounds its work by CPU and its waiting by `seconds`.
   */
  cpuSeconds?: number;
  /**
   * An input whose reader spends more CPU time than this is a defect: a near-hang. Default
   * 2,000 ms. CPU time, not wall time, so a loaded machine (7 agents on 2 cores: a wall second
   * is a sixth of a CPU second) does not turn a 0.7 s input into a defect; an input that waits
   * rather than computes is caught by the wall bound, ten times this.
   */
  slowMs?: number;
  /** Run the fixed hostile documents first (default true; the quick slice in `npm test` leaves them to the regression files). */
  fixed?: boolean;
  /** Called for every defect as it is found. */
  onDefect?: (d: Defect) => void;
}

/** An input clustersim handled badly. */
export interface Defect {
  input: FuzzInput;
  generator: string;
  /** What was wrong: an exception, a leaked message, an uncatalogued code, a near-hang. */
  why: string;
}

/** What a campaign found and how hard it looked. */
export interface CampaignReport {
  seed: number;
  inputs: number;
  byTarget: Record<TargetName, number>;
  byGenerator: Record<string, number>;
  accepted: number;
  /** Every distinct error code the rejections carried, with how often. */
  codes: Record<string, number>;
  /** The input that cost the most CPU time, with its wall time (both in ms). */
  slowest: { ms: number; cpuMs: number; generator: string; input: FuzzInput };
  defects: Defect[];
  wallMs: number;
}

/**
 * Runs a fuzz campaign in this process: the fixed hostile inputs first, then inputs drawn from
 * every generator in proportion to its weight, until the input count or the time is spent. Each
 * input is timed; one that throws, leaks a JavaScript error into a message, carries a code that
 * is not in the catalogue, or takes longer than `slowMs` is a defect.
 */
export async function campaign(corpus: Corpus, options: CampaignOptions): Promise<CampaignReport> {
  const started = performance.now();
  const { generators, fixed } = makeGenerators(corpus, options.seed);
  const pickPrng = new Prng(options.seed ^ 0x5bd1e995);
  const total = generators.reduce((a, g) => a + g.weight, 0);
  const slowMs = options.slowMs ?? 2_000;
  const deadline = options.seconds !== undefined ? started + options.seconds * 1000 : Infinity;
  const cpuStart = process.cpuUsage();
  const cpuLeft = () => {
    if (options.cpuSeconds === undefined) return true;
    const used = process.cpuUsage(cpuStart);
    return used.user + used.system < options.cpuSeconds * 1e6;
  };
  const limit = options.inputs ?? Infinity;
  const report: CampaignReport = {
    seed: options.seed, inputs: 0, byTarget: { loader: 0, set: 0, units: 0, share: 0, trace: 0, argv: 0 }, byGenerator: {},
    accepted: 0, codes: {}, slowest: { ms: -1, cpuMs: -1, generator: "", input: fixed[0] }, defects: [], wallMs: 0,
  };
  const one = async (input: FuzzInput, generator: string) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let why: string | undefined;
    try {
      const outcome = await runTarget(input, { resolve: corpus.resolve });
      why = defect(outcome);
      if (outcome.accepted) report.accepted++;
      for (const c of new Set(outcome.codes)) report.codes[c] = (report.codes[c] ?? 0) + 1;
    } catch (e) {
      why = `uncaught ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (why === undefined && (cpuMs > slowMs || ms > 10 * slowMs)) why = `took ${Math.round(cpuMs)} ms of CPU, ${Math.round(ms)} ms of wall time (the bounds are ${slowMs} ms of CPU, ${10 * slowMs} ms of wall)`;
    report.inputs++;
    report.byTarget[input.target]++;
    report.byGenerator[generator] = (report.byGenerator[generator] ?? 0) + 1;
    if (cpuMs > report.slowest.cpuMs) report.slowest = { ms, cpuMs, generator, input };
    if (why !== undefined) {
      const d = { input, generator, why };
      report.defects.push(d);
      options.onDefect?.(d);
    }
  };
  if (options.fixed ?? true) for (const input of fixed) await one(input, "hostile documents");
  let drawn = 0;
  while (drawn < limit && performance.now() < deadline && cpuLeft()) {
    let r = pickPrng.next() * total;
    const g = generators.find((x) => (r -= x.weight) < 0) ?? generators[0];
    let input: FuzzInput;
    try {
      input = g.next();
    } catch {
      // A generator that cannot make this draw (a value yaml cannot stringify) skips it.
      continue;
    }
    drawn++;
    await one(input, g.name);
  }
  report.wallMs = Math.round(performance.now() - started);
  return report;
}
