/** A text in both of the page's languages; `zh` is zh-CN, with the terms of `i18n/glossary.ts`. */
export interface Localized {
  en: string;
  zh: string;
}

/** The stages of the path, in the order of the seed document (docs/lessons.md). */
export const STAGES = ["discovery", "balancing", "resilience", "data", "queues", "transactions", "consensus"] as const;
export type Stage = (typeof STAGES)[number];

/** A comparison of a count, a time or a measured value with a bound. */
export type CompareOp = "<" | "<=" | ">" | ">=" | "==" | "!=";

/**
 * A moment of the run, found in its own trace: the first crash (or restart) of a node, the first
 * partition, the n-th history record of an event, or a fixed virtual time (`"45s"`). Nothing is
 * after a moment that never happens, and everything is before it.
 */
export type Moment =
  | { crash: string }
  | { restart: string }
  | { partition: true }
  | { heal: true }
  | { record: string; from?: string; nth?: number }
  | { at: string };

/**
 * Which messages to look at. `from` and `to` are a node (`b2`) or an address (`b2/api`); `type`
 * the message type; `status` where it ended; `after` and `before` bound its send time.
 */
export interface MessageMatch {
  type?: string;
  from?: string;
  to?: string;
  status?: "delivered" | "dropped" | "in-flight";
  after?: Moment;
  before?: Moment;
}

/** Which history records (the checkers' input) to look at: the event name, who recorded it, field values. */
export interface RecordMatch {
  event: string;
  from?: string;
  fields?: Record<string, string | number | boolean>;
  after?: Moment;
  before?: Moment;
}

/**
 * The predicate language of lessons: a question's choice or an exercise's goal is true or false
 * of one run, judged from that run's own result and trace, never from a fixed answer.
 *
 * - `check`: the named checker's status in this run (`held` or `violated`), whatever the
 *   scenario expected of it.
 * - `expect`: a metric expectation in the scenario format's own syntax, measured on this run
 *   (`count(calls.error) == 0`, `p50(limited.latency) < p50(raw.latency)`).
 * - `messages`: how many distinct messages match (`of: "count"`, the default), or the send time of
 *   the first or last of them (`of: "first" | "last"`; none matching is false), compared with
 *   `value` (a number, or a duration such as `"30s"`).
 * - `records`: the same over history records.
 * - `all`, `any`, `not`: combinations.
 */
export type Predicate =
  | { check: string; is: "held" | "violated" }
  | { expect: string }
  | { messages: MessageMatch; of?: "count" | "first" | "last"; op: CompareOp; value: number | string }
  | { records: RecordMatch; of?: "count" | "first" | "last"; op: CompareOp; value: number | string }
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate };

/** One answer a student may give; it is right when its predicate is true of the run. */
export interface Choice {
  id: string;
  label: Localized;
  when: Predicate;
}

/** A "predict, then run" question, asked before the run is shown. */
export interface Question {
  id: string;
  prompt: Localized;
  choices: Choice[];
  /** Why the run does what it does, shown with the verdict. */
  why: Localized;
}

/** A textual change to a scenario: the first occurrence of `find` becomes `replace`. */
export interface TextEdit {
  find: string;
  replace: string;
}

/**
 * An exercise: the student edits the scenario (the page's editor), runs it, and the engine's
 * checkers and the goal predicate say whether the edit achieved the goal; the edit may change
 * only the paths `allow` names (`*` is one key or index, `**` any depth below), and at most
 * `maxChanges` of them.
 */
export interface Exercise {
  id: string;
  task: Localized;
  hint: Localized;
  /** Edits that turn the library scenario into the exercise's starting point (none: the scenario as it is). */
  start?: TextEdit[];
  allow: string[];
  maxChanges: number;
  goal: Predicate;
  /** A solution, applied to the starting text: the lesson tests run it and expect the goal met. */
  solution: TextEdit[];
  /** A wrong attempt the tests (and the e2e suite) expect to be refused. */
  wrong: TextEdit[];
}

/** One lesson: a scenario of the library, what to watch in it, questions, then exercises. */
export interface Lesson {
  id: string;
  stage: Stage;
  /** The library id: the path under `scenarios/library/`. */
  scenario: string;
  seed: number;
  title: Localized;
  watch: Localized;
  questions: Question[];
  exercises: Exercise[];
}
