import type { Micros } from "../core/time";
import type { JsonObject } from "../core/json";
import type { CheckSpec, Seed } from "../scenario";
import type { CheckResult } from "../result";
import type { TraceEvent } from "../trace/trace-event";
import type { CheckContext, CheckObserver, CheckRun, Checker, HistoryEntry, ObservedMessage } from "./checker";
import { isPostRun } from "./checker";
import { verdict } from "./evaluate";

/** What the run tells the check set about itself while it goes on. */
export interface LiveRun {
  scenario: string;
  seed: Seed;
  /** Virtual time now. */
  now(): Micros;
  /** The latest end of the faults that have happened so far. */
  healedAt(): Micros;
}

/**
 * The checks of one run. Online checkers observe each history entry (and, if they asked,
 * each message) as it happens, routed by event name so that a checker pays only for the
 * entries it reads; post-run checkers are judged at the end from the whole history, which the
 * run keeps only when one of them is present (`needsHistory`).
 */
export class CheckSet {
  /** True when a post-run checker needs the whole history kept. */
  readonly needsHistory: boolean;
  /** True when some online checker observes messages. */
  readonly needsMessages: boolean;
  private readonly observers: Array<CheckObserver | null>;
  private readonly byEvent = new Map<string, CheckObserver[]>();
  private readonly everyEvent: CheckObserver[] = [];
  private readonly messageObservers: CheckObserver[] = [];

  constructor(private readonly specs: ReadonlyArray<{ spec: CheckSpec; checker: Checker }>, live: LiveRun) {
    this.observers = specs.map(({ spec, checker }) => {
      if (isPostRun(checker)) return null;
      const run: CheckRun = {
        scenario: live.scenario, seed: live.seed, params: (spec.params ?? {}) as JsonObject,
        get now() { return live.now(); },
        get healedAt() { return live.healedAt(); },
      };
      const o = checker.start(run);
      if (checker.events === undefined) this.everyEvent.push(o);
      else for (const e of new Set(checker.events)) {
        const list = this.byEvent.get(e);
        if (list) list.push(o);
        else this.byEvent.set(e, [o]);
      }
      if (checker.messages && o.message) this.messageObservers.push(o);
      return o;
    });
    this.needsHistory = this.observers.some((o) => o === null);
    this.needsMessages = this.messageObservers.length > 0;
  }

  /** True when no online checker reads history entries (the run can skip calling `record`). */
  get idle(): boolean {
    return this.byEvent.size === 0 && this.everyEvent.length === 0;
  }

  /** Hands one history entry to the checkers that read its event. */
  record(h: HistoryEntry): void {
    const list = this.byEvent.get(h.event);
    if (list) for (let i = 0; i < list.length; i++) list[i].record(h);
    const all = this.everyEvent;
    for (let i = 0; i < all.length; i++) all[i].record(h);
  }

  /** Hands one send or delivery, with its trace sequence number, to the checkers that observe messages. */
  message(kind: "send" | "deliver", m: ObservedMessage, seq: number, t: Micros): void {
    const list = this.messageObservers;
    for (let i = 0; i < list.length; i++) list[i].message!(kind, m, seq, t);
  }

  /**
   * The verdicts, in the order of the specs. `history` is the kept history (null when none was
   * kept); `trace` decodes the trace, called only when a post-run checker is present.
   */
  finish(end: Omit<CheckContext, "history" | "trace" | "params">, history: readonly HistoryEntry[] | null,
    trace: () => readonly TraceEvent[] | null, replay: string): CheckResult[] {
    let decoded: readonly TraceEvent[] | null | undefined;
    return this.specs.map(({ spec, checker }, i) => {
      const params = (spec.params ?? {}) as JsonObject;
      const o = this.observers[i];
      let outcome;
      if (o) {
        outcome = o.finish({ ...end, params });
      } else {
        if (decoded === undefined) decoded = trace();
        outcome = (checker as Extract<Checker, { check: unknown }>).check({ ...end, params, history: history ?? [], trace: decoded });
      }
      return verdict(spec, checker, outcome, end.seed, replay);
    });
  }
}
