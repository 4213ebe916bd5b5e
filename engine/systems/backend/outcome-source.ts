import type { Micros } from "../../core/time";
import type { Rng } from "../../core/rng";
import type { LatencySpec } from "../../net/latency-spec";
import type { LatencySampler } from "../../net/latency";
import { latencySampler } from "../../net/latency";
import type { BackendOptions, ScriptStep } from "./backend-options";

interface Settings {
  latency: LatencySampler;
  errorRatio: number;
  errorLatency: LatencySampler;
}

/**
 * Decides how each request ends and how long it takes: the script first (step by step, exactly
 * as written), then the distributions of the phase in force at that moment. Draws come from the
 * backend's own stream, one or two per request, so a change elsewhere shifts nothing here.
 */
export class OutcomeSource {
  private next = 0;
  private readonly base: Settings;
  private readonly phases: Array<{ atUs: Micros; settings: Settings }>;

  constructor(private readonly o: BackendOptions, private readonly rng: Rng) {
    this.base = settings(o.latency, o.errorRatio, o.errorLatency);
    this.phases = o.phases.map((p) => ({
      atUs: p.atUs,
      settings: settings(p.latency ?? o.latency, p.errorRatio ?? o.errorRatio, p.errorLatency ?? p.latency ?? o.errorLatency),
    }));
  }

  /** The outcome of the next request, which starts its service at local time `now`. */
  draw(now: Micros): ScriptStep {
    const script = this.o.script;
    if (script.length > 0 && (this.next < script.length || this.o.scriptThen === "repeat")) {
      return script[this.next++ % script.length];
    }
    const s = this.at(now);
    const failed = s.errorRatio > 0 && this.rng.next() < s.errorRatio;
    return failed ? { outcome: "error", latencyUs: s.errorLatency(this.rng) } : { outcome: "ok", latencyUs: s.latency(this.rng) };
  }

  /** The index of the phase in force at `now`, or -1 for the base settings. */
  phaseAt(now: Micros): number {
    let k = -1;
    for (let i = 0; i < this.phases.length; i++) if (this.phases[i].atUs <= now) k = i;
    return k;
  }

  private at(now: Micros): Settings {
    const k = this.phaseAt(now);
    return k < 0 ? this.base : this.phases[k].settings;
  }
}

function settings(latency: LatencySpec, errorRatio: number, errorLatency: LatencySpec | null): Settings {
  return { latency: latencySampler(latency), errorRatio, errorLatency: latencySampler(errorLatency ?? latency) };
}
