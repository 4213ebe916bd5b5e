import { describe, expect, it } from "vitest";
import { loadProgress, resetProgress, saveLessonProgress, stepsDone, PROGRESS_KEY } from "./progress";

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe("lesson progress", () => {
  it("progress: kept per lesson, counted, and reset", () => {
    const s = memory();
    saveLessonProgress(s, "failover", (p) => { p.answers.q = "retry"; p.right.q = true; });
    saveLessonProgress(s, "failover", (p) => { p.solved.deadline = true; });
    saveLessonProgress(s, "breaker", (p) => { p.right.opens = false; });
    const all = loadProgress(s);
    expect(all.failover.answers.q).toBe("retry");
    expect(stepsDone(all.failover)).toBe(2);
    expect(stepsDone(all.breaker)).toBe(0);
    resetProgress(s);
    expect(loadProgress(s)).toEqual({});
  });

  it("progress: garbage in storage reads as no progress", () => {
    const s = memory();
    s.setItem(PROGRESS_KEY, "{not json");
    expect(loadProgress(s)).toEqual({});
    s.setItem(PROGRESS_KEY, "[1,2]");
    expect(loadProgress(s)).toEqual({});
    expect(loadProgress(undefined)).toEqual({});
  });
});
