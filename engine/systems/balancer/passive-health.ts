import type { Micros } from "../../core/time";
import { SECOND } from "../../core/time";
import type { OptionTable } from "../../options/option-table";
import { defaultsOf } from "../../options/option-table";
import { readStrategyOptions } from "./options";
import type { Instance, Outcome, PickRequest, Strategy } from "./strategy";

/** How failures eject an instance. */
export type PassiveHealthMode = "nginx" | "consecutive";

/** Options of passive health checking. Only the fields of the chosen `mode` matter. */
export interface PassiveHealthOptions {
  /**
   * `nginx`: `max_fails` failures with no intervening recovery make a peer unavailable for
   * `fail_timeout`. `consecutive`: Envoy outlier detection's `consecutive_5xx`: N failures in a
   * row eject a host for `base_ejection_time` x (times ejected), capped.
   */
  mode: PassiveHealthMode;
  /** nginx `max_fails` (default 1); 0 disables ejection. */
  maxFails: number;
  /** nginx `fail_timeout` (default 10 s). */
  failTimeout: Micros;
  /** Envoy `consecutive_5xx` (default 5). */
  consecutiveFailures: number;
  /** Envoy `base_ejection_time` (default 30 s). */
  baseEjectionTime: Micros;
  /** Envoy `max_ejection_time` (default 300 s). */
  maxEjectionTime: Micros;
  /** Envoy `max_ejection_percent` (default 10): at most this share ejected, but always one. */
  maxEjectionPercent: number;
}

/**
 * The options, declared once: nginx's `max_fails=1 fail_timeout=10s`, and Envoy's
 * outlier-detection defaults. Only the fields of the chosen `mode` matter.
 */
export const PASSIVE_HEALTH_OPTIONS = {
  mode: { type: "enum", default: "nginx", values: ["nginx", "consecutive"], description: "nginx: maxFails failures with no intervening recovery make a peer unavailable for failTimeout; consecutive: Envoy's consecutive_5xx, N failures in a row eject a host for baseEjectionTime × (times ejected), capped." },
  maxFails: { type: "int", default: 1, min: 0, max: 1000, description: "nginx mode: failures that make a peer unavailable; 0 disables ejection.", source: "nginx max_fails" },
  failTimeout: { type: "duration", default: 10 * SECOND, description: "nginx mode: the window the failures are counted in, and how long the peer is then unavailable.", source: "nginx fail_timeout" },
  consecutiveFailures: { type: "int", default: 5, min: 1, max: 1000, description: "consecutive mode: failures in a row that eject a host.", source: "Envoy outlier_detection.consecutive_5xx" },
  baseEjectionTime: { type: "duration", default: 30 * SECOND, description: "consecutive mode: the first ejection's length, multiplied by the times ejected.", source: "Envoy outlier_detection.base_ejection_time" },
  maxEjectionTime: { type: "duration", default: 300 * SECOND, description: "consecutive mode: the longest ejection.", source: "Envoy outlier_detection.max_ejection_time" },
  maxEjectionPercent: { type: "int", default: 10, min: 0, max: 100, description: "consecutive mode: at most this share of the members ejected at once, but always one.", source: "Envoy outlier_detection.max_ejection_percent" },
} as const satisfies OptionTable;

/** The defaults, from the table. */
export const PASSIVE_HEALTH_DEFAULTS: PassiveHealthOptions = defaultsOf(PASSIVE_HEALTH_OPTIONS);

/** Per-instance bookkeeping for both modes. */
interface HealthState {
  // nginx: `peer->fails`, `peer->accessed` (last failure), `peer->checked` (window start).
  fails: number;
  accessed: Micros;
  checked: Micros;
  // Envoy: failures in a row, end of the current ejection, and how many ejections so far.
  consecutive: number;
  ejectedUntil: Micros;
  ejections: number;
}

/**
 * Passive health: ejects instances on the evidence of real requests and lets them back after a
 * while. Time is always passed in (`now`), never read from a clock.
 *
 * nginx mode follows ngx_http_upstream_round_robin.c exactly: a failure does `fails++` and
 * stamps `accessed` and `checked`; a peer with `fails >= max_fails` and
 * `now - checked <= fail_timeout` is unavailable; a pick after the window restarts it
 * (`checked = now`), and a success after such a restart clears `fails`. So after the timeout one
 * request probes the peer, and a failure there ejects it again at once.
 *
 * Consecutive mode follows Envoy's outlier detection: a success resets the run of failures; the
 * Nth failure in a row ejects the host for `baseEjectionTime x ejections` (capped at
 * `maxEjectionTime`) unless that would eject more than `maxEjectionPercent` of the members
 * (one ejection is always allowed). Simplifications, stated: the host returns exactly when its
 * time is up rather than at Envoy's next 10 s sweep, and the ejection multiplier never decays.
 */
export class PassiveHealth {
  readonly options: PassiveHealthOptions;
  private readonly states = new Map<string, HealthState>();
  private members = 0;
  private lastInput: readonly Instance[] | undefined;
  private lastEjected = "";
  private lastOutput: readonly Instance[] = [];

  constructor(options?: Partial<PassiveHealthOptions>) {
    this.options = readStrategyOptions("passive-health", options, PASSIVE_HEALTH_OPTIONS);
  }

  /** True when `id` is ejected at `now`. */
  isEjected(id: string, now: Micros): boolean {
    const s = this.states.get(id);
    if (s === undefined) return false;
    if (this.options.mode === "consecutive") return now < s.ejectedUntil;
    const o = this.options;
    return o.maxFails > 0 && s.fails >= o.maxFails && now - s.checked <= o.failTimeout;
  }

  /** A strategy picked `id` at `now`: in nginx mode a pick after the window restarts it. */
  picked(id: string, now: Micros): void {
    if (this.options.mode !== "nginx") return;
    const s = this.state(id);
    if (now - s.checked > this.options.failTimeout) s.checked = now;
  }

  /** A request to `id` ended with `outcome`. */
  record(id: string, outcome: Outcome): void {
    const s = this.state(id);
    const now = outcome.now;
    if (this.options.mode === "nginx") {
      if (!outcome.ok) {
        s.fails++;
        s.accessed = now;
        s.checked = now;
      } else if (s.accessed < s.checked) {
        s.fails = 0;
      }
      return;
    }
    if (outcome.ok) {
      s.consecutive = 0;
      return;
    }
    if (now < s.ejectedUntil || ++s.consecutive < this.options.consecutiveFailures) return;
    s.consecutive = 0;
    if (!this.mayEject(now)) return;
    s.ejections++;
    const o = this.options;
    s.ejectedUntil = now + Math.min(o.baseEjectionTime * s.ejections, Math.max(o.baseEjectionTime, o.maxEjectionTime));
  }

  /**
   * `list` with every ejected instance replaced by a copy marked `down`, so each strategy can
   * treat it as its real system treats a failed peer. The same input with the same ejections
   * returns the same array, which keeps the strategies' membership caches cheap.
   */
  mark(list: readonly Instance[], now: Micros): readonly Instance[] {
    this.members = list.length;
    let ejected = "";
    for (const inst of list) if (!inst.down && this.isEjected(inst.id, now)) ejected += `${inst.id}\u0001`;
    if (ejected === "") return list;
    if (list === this.lastInput && ejected === this.lastEjected) return this.lastOutput;
    const out = list.map((inst) => (!inst.down && this.isEjected(inst.id, now) ? { ...inst, down: true } : inst));
    this.lastInput = list;
    this.lastEjected = ejected;
    this.lastOutput = out;
    return out;
  }

  /** `list` without the instances ejected at `now`. */
  filter(list: readonly Instance[], now: Micros): Instance[] {
    return list.filter((inst) => !this.isEjected(inst.id, now));
  }

  private mayEject(now: Micros): boolean {
    let ejectedNow = 0;
    for (const s of this.states.values()) if (now < s.ejectedUntil) ejectedNow++;
    if (ejectedNow === 0) return true;
    return this.members > 0 && (100 * (ejectedNow + 1)) / this.members <= this.options.maxEjectionPercent;
  }

  private state(id: string): HealthState {
    let s = this.states.get(id);
    if (s === undefined) {
      s = { fails: 0, accessed: 0, checked: 0, consecutive: 0, ejectedUntil: 0, ejections: 0 };
      this.states.set(id, s);
    }
    return s;
  }
}

/**
 * Wraps a strategy with passive health: ejected instances reach it marked `down`, every pick
 * and every outcome is reported to `health`. The wrapper keeps the inner strategy's name.
 */
export function withPassiveHealth(inner: Strategy, health: PassiveHealth): Strategy {
  return {
    name: inner.name,
    pick(instances: readonly Instance[], req: PickRequest): Instance | undefined {
      const chosen = inner.pick(health.mark(instances, req.now), req);
      if (chosen !== undefined) health.picked(chosen.id, req.now);
      return chosen;
    },
    onStart(id: string): void {
      inner.onStart(id);
    },
    onEnd(id: string, outcome: Outcome): void {
      health.record(id, outcome);
      inner.onEnd(id, outcome);
    },
  };
}
