import { describe, expect, it } from "vitest";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { simulate, builtinProcesses, builtinCheckers } from "../../../../engine/index";
import { loadScenario } from "../../../../scenarios/loader";
import type { TraceEvent } from "../../../../engine/trace/trace-event";
import { BundleBuilder } from "../trace/bundle-builder";
import { LineText } from "../trace/line-text";
import { GLOSSARY } from "../i18n/glossary";
import { LESSONS } from "./path/index";
import { STAGES, type Localized, type Lesson } from "./lesson-types";
import { evaluatePredicate, type LessonRun } from "./evaluate-predicate";
import { applyEdits, reviewEdit } from "./edit-diff";

// Every lesson is checked against the engine itself: each question has exactly one right
// answer on the lesson's run (so the page's verdict is decided by the run, and a change to the
// scenario or the engine that changes the answer fails here); each exercise's starting point
// misses its goal, its reference solution meets it within what it allows, and its wrong
// attempt is refused.

const LIBRARY = join(process.cwd(), "scenarios", "library");

async function runText(text: string, file: string, seed: number): Promise<LessonRun> {
  const loaded = loadScenario(text, { file, catalog: builtinProcesses, checkers: builtinCheckers, resolve: (p) => { const f = join(LIBRARY, p); return existsSync(f) ? readFileSync(f, "utf8") : undefined; } });
  if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join("; ")}`);
  const s = loaded.scenario;
  const sim = await simulate(s, { seed, keepHistory: false });
  const trace = sim.trace!;
  const builder = new BundleBuilder({ name: s.name, seed: sim.result.seed, nodeOrder: s.nodes.map((n) => n.name), result: sim.result });
  const lines = new LineText();
  const events: TraceEvent[] = [];
  for (let i = 0; i < trace.length; i++) {
    const ev = trace.at(i);
    events.push(ev);
    builder.add(ev);
    lines.push(JSON.stringify(ev));
  }
  const l = lines.finish();
  const bundle = builder.finish(sim.result.traceHash ?? trace.hash, l.text, l.lineStart, l.lineEnd);
  return { bundle, event: (seq) => events[seq] };
}

const scenarioText = (l: Lesson) => readFileSync(join(LIBRARY, l.scenario), "utf8");

function texts(l: Lesson): Array<[string, Localized]> {
  const out: Array<[string, Localized]> = [[`${l.id}.title`, l.title], [`${l.id}.watch`, l.watch]];
  for (const q of l.questions) {
    out.push([`${l.id}.${q.id}.prompt`, q.prompt], [`${l.id}.${q.id}.why`, q.why]);
    for (const c of q.choices) out.push([`${l.id}.${q.id}.${c.id}`, c.label]);
  }
  for (const e of l.exercises) out.push([`${l.id}.${e.id}.task`, e.task], [`${l.id}.${e.id}.hint`, e.hint]);
  return out;
}

describe("lessons: the path", () => {
  it("at least 8 lessons, in the seed document's order of stages, with unique ids", () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(8);
    const order = LESSONS.map((l) => STAGES.indexOf(l.stage));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    // Every stage of the path that the library covers today has a lesson.
    for (const stage of STAGES) expect(LESSONS.some((l) => l.stage === stage), stage).toBe(true);
  });

  it("every lesson names a library scenario, has questions, and each question two or more choices", () => {
    for (const l of LESSONS) {
      expect(existsSync(join(LIBRARY, l.scenario)), l.scenario).toBe(true);
      expect(l.questions.length, l.id).toBeGreaterThan(0);
      for (const q of l.questions) expect(q.choices.length, `${l.id}.${q.id}`).toBeGreaterThanOrEqual(2);
    }
  });

  it("every text is in English and in Chinese, with the glossary's terms", () => {
    const misses: string[] = [];
    for (const l of LESSONS) {
      for (const [where, t] of texts(l)) {
        if (!t.en.trim() || !t.zh.trim()) misses.push(`${where}: empty`);
        if (!/[\u4e00-\u9fff]/.test(t.zh)) misses.push(`${where}: no Chinese in "${t.zh}"`);
        const english = t.en.toLowerCase();
        for (const [term, chinese] of GLOSSARY) {
          if (new RegExp(`\\b${term}`).test(english) && !t.zh.includes(chinese)) misses.push(`${where}: "${term}" should read ${chinese} in "${t.zh}"`);
        }
      }
    }
    expect(misses).toEqual([]);
  });
});

describe("lessons: answers come from the run", () => {
  for (const l of LESSONS) {
    it(`${l.id}: each question has exactly one true choice on the lesson's run (${l.scenario}, seed ${l.seed})`, { timeout: 120_000 }, async () => {
      const run = await runText(scenarioText(l), `scenarios/library/${l.scenario}`, l.seed);
      for (const q of l.questions) {
        const verdicts = q.choices.map((c) => ({ id: c.id, v: evaluatePredicate(c.when, run) }));
        const right = verdicts.filter((x) => x.v.holds).map((x) => x.id);
        expect(right, `${q.id}: ${JSON.stringify(verdicts.map((x) => [x.id, x.v.evidence.map((e) => e.text)]))}`).toHaveLength(1);
      }
    });
  }
});

describe("lessons: exercises are checked by the engine", () => {
  for (const l of LESSONS) {
    for (const ex of l.exercises) {
      it(`${l.id}/${ex.id}: the start misses the goal, the solution meets it within what is allowed, the wrong attempt is refused`, { timeout: 240_000 }, async () => {
        const file = `scenarios/library/${l.scenario}`;
        const start = applyEdits(scenarioText(l), ex.start);
        expect(evaluatePredicate(ex.goal, await runText(start, file, l.seed)).holds, "start").toBe(false);
        const solved = applyEdits(start, ex.solution);
        const review = reviewEdit(start, solved, ex.allow, ex.maxChanges);
        expect(review, "solution's edit").toMatchObject({ ok: true });
        expect(evaluatePredicate(ex.goal, await runText(solved, file, l.seed)).holds, "solution").toBe(true);
        const wrong = applyEdits(start, ex.wrong);
        const wrongReview = reviewEdit(start, wrong, ex.allow, ex.maxChanges);
        const wrongMet = evaluatePredicate(ex.goal, await runText(wrong, file, l.seed)).holds;
        expect(wrongReview.ok && wrongMet, "wrong attempt accepted").toBe(false);
      });
    }
  }
});
