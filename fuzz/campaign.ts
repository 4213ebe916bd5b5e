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
  /** An input that takes longer than this is a defect: a near-hang. Default 2,000 ms. */
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
  slowest: { ms: number; generator: string; input: FuzzInput };
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
  const limit = options.inputs ?? Infinity;
  const report: CampaignReport = {
    seed: options.seed, inputs: 0, byTarget: { loader: 0, set: 0, units: 0, share: 0, trace: 0, argv: 0 }, byGenerator: {},
    accepted: 0, codes: {}, slowest: { ms: -1, generator: "", input: fixed[0] }, defects: [], wallMs: 0,
  };
  const one = async (input: FuzzInput, generator: string) => {
    const t0 = performance.now();
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
    if (why === undefined && ms > slowMs) why = `took ${Math.round(ms)} ms (the bound is ${slowMs} ms)`;
    report.inputs++;
    report.byTarget[input.target]++;
    report.byGenerator[generator] = (report.byGenerator[generator] ?? 0) + 1;
    if (ms > report.slowest.ms) report.slowest = { ms, generator, input };
    if (why !== undefined) {
      const d = { input, generator, why };
      report.defects.push(d);
      options.onDefect?.(d);
    }
  };
  if (options.fixed ?? true) for (const input of fixed) await one(input, "hostile documents");
  let drawn = 0;
  while (drawn < limit && performance.now() < deadline) {
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
