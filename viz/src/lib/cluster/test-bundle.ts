import { simulate } from "../../../../engine/index";
import type { Scenario } from "../../../../engine/scenario";
import { BundleBuilder } from "../trace/bundle-builder";
import { LineText } from "../trace/line-text";
import type { TraceBundle } from "../trace/trace-bundle";

/** The bundle the worker would build for a scenario's run (for the cluster view's tests). */
export async function bundleOfScenario(s: Scenario): Promise<TraceBundle> {
  const sim = await simulate(s);
  const builder = new BundleBuilder({ name: s.name, seed: sim.result.seed, nodeOrder: s.nodes.map((n) => n.name), result: sim.result });
  const lines = new LineText();
  for (const ev of sim.trace!.events()) {
    builder.add(ev);
    lines.push(JSON.stringify(ev));
  }
  const l = lines.finish();
  return builder.finish(sim.result.traceHash!, l.text, l.lineStart, l.lineEnd);
}
