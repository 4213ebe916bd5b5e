/** What a student has done in one lesson: answers given (and whether the run said they were right), exercises solved. */
export interface LessonProgress {
  answers: Record<string, string>;
  right: Record<string, boolean>;
  solved: Record<string, boolean>;
}

/** The key progress is kept under in localStorage; `reset` removes it. */
export const PROGRESS_KEY = "clustersim-lessons";

/** The storage progress lives in; a stand-in (tests) or none (no storage: nothing is kept). */
export interface ProgressStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const empty = (): LessonProgress => ({ answers: {}, right: {}, solved: {} });

/** Every lesson's progress; unreadable or foreign data reads as none. */
export function loadProgress(store: ProgressStore | undefined): Record<string, LessonProgress> {
  try {
    const v = JSON.parse(store?.getItem(PROGRESS_KEY) ?? "{}") as unknown;
    if (!v || typeof v !== "object" || Array.isArray(v)) return {};
    const out: Record<string, LessonProgress> = {};
    for (const [id, p] of Object.entries(v as Record<string, Partial<LessonProgress>>)) {
      out[id] = { answers: { ...(p?.answers ?? {}) }, right: { ...(p?.right ?? {}) }, solved: { ...(p?.solved ?? {}) } };
    }
    return out;
  } catch {
    return {};
  }
}

/** Updates one lesson's progress and writes it back. */
export function saveLessonProgress(store: ProgressStore | undefined, id: string, update: (p: LessonProgress) => void): Record<string, LessonProgress> {
  const all = loadProgress(store);
  const p = all[id] ?? empty();
  update(p);
  all[id] = p;
  store?.setItem(PROGRESS_KEY, JSON.stringify(all));
  return all;
}

/** Forgets every lesson's progress. */
export function resetProgress(store: ProgressStore | undefined): void {
  store?.removeItem(PROGRESS_KEY);
}

/** Steps done of a lesson: questions answered right after a run, exercises solved. */
export function stepsDone(p: LessonProgress | undefined): number {
  if (!p) return 0;
  return Object.values(p.right).filter(Boolean).length + Object.values(p.solved).filter(Boolean).length;
}
