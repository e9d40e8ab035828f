import { AUTHORED_LESSON_ID, lessonOfScenario } from '../scenario/authoredLesson';
import { findLesson, type Lesson } from '../scenario/lessons';
import type { GenerationResult } from '../scenario/replay';
import type { SharedView } from '../scenario/sharedView';
import type { AppState } from './types';

/** Module-level selectors, so components subscribe to exactly what they read. */
export const selectGeneration = (s: AppState) => s.generation;
export const selectPrimaryAssignor = (s: AppState) => s.assignors[0] ?? 'sticky';
export const selectResults = (s: AppState) => s.results;
export const selectNotice = (s: AppState) => s.notice;
/** The protocol generations are played under: the scenario's own (undefined: none shown). */
export const selectProtocol = (s: Pick<AppState, 'scenario'>) => s.scenario.protocol?.name;
/**
 * The protocol shown beside it: none without a primary one, nor when it is the same (an undo
 * can take the scenario's protocol away while a comparison was chosen).
 */
export const selectComparedProtocol = (s: Pick<AppState, 'scenario' | 'comparedProtocol'>) => {
  const primary = selectProtocol(s);
  return primary === undefined || s.comparedProtocol === primary ? undefined : s.comparedProtocol;
};

/** The result of `assignor` at the shown generation, if computed. */
export function resultAt(
  s: Pick<AppState, 'results' | 'generation'>,
  assignor: string,
  generation = s.generation,
): GenerationResult | undefined {
  return generation >= 1 ? s.results[assignor]?.[generation - 1] : undefined;
}

export const selectPrimaryResults = (s: AppState): GenerationResult[] | undefined =>
  s.results[selectPrimaryAssignor(s)];

/**
 * The last generation whose figures the page may show. While a lesson question waits for an
 * answer, that is the generation before the one asked about: its outcome (and everything
 * after it) stays hidden, so the learner predicts rather than reads it off. Otherwise every
 * generation.
 */
export function selectRevealedThrough(s: AppState): number {
  if (s.lessonId === undefined || s.lessonAnswer !== undefined) return Number.POSITIVE_INFINITY;
  const lesson = selectLesson(s);
  return lesson === undefined ? Number.POSITIVE_INFINITY : lesson.question.generation - 1;
}

/** The last generation the user can step to: the last one, or the last revealed one. */
export const selectLastReachable = (s: AppState): number =>
  Math.max(0, Math.min(s.scenario.steps.length, selectRevealedThrough(s)));

/** True while some generation's figures are hidden for a lesson question. */
export const selectFiguresHidden = (s: AppState): boolean =>
  selectRevealedThrough(s) < s.scenario.steps.length;

let shownMemo:
  { results: AppState['results']; through: number; shown: AppState['results'] } | undefined;

/**
 * Results as the page may show them: each assignor's generations up to the last revealed
 * one. The same object while nothing changes, so subscribers do not re-render.
 */
export function selectShownResults(s: AppState): AppState['results'] {
  const through = selectRevealedThrough(s);
  if (through === Number.POSITIVE_INFINITY) return s.results;
  if (shownMemo?.results === s.results && shownMemo.through === through) return shownMemo.shown;
  const shown = Object.fromEntries(
    Object.entries(s.results).map(([name, generations]) => [name, generations.slice(0, through)]),
  );
  shownMemo = { results: s.results, through, shown };
  return shown;
}

/** A result the page must flag: the assignor threw, or broke the assignment rules. */
export const isInvalidResult = (result: GenerationResult): boolean =>
  result.error !== undefined || result.problems.length > 0;

/** What the user sees, for a share link or an exported file to carry (sharedView.ts). */
export function selectSharedView(s: AppState): SharedView {
  const compared = selectComparedProtocol(s);
  return {
    generation: s.generation,
    assignors: [...s.assignors],
    ...(compared === undefined ? {} : { comparedProtocol: compared }),
    ...(s.lessonId === undefined ? {} : { lesson: s.lessonId }),
    ...(s.presenting ? { presentation: true } : {}),
  };
}

const authoredCache = new WeakMap<AppState['scenario'], Lesson | undefined>();

/**
 * The running lesson: a built-in one, or the scenario's own (authoredLesson.ts), the same
 * object while the scenario is, so subscribers do not re-render.
 */
export function selectLesson(s: Pick<AppState, 'lessonId' | 'scenario'>): Lesson | undefined {
  if (s.lessonId === undefined) return undefined;
  if (s.lessonId !== AUTHORED_LESSON_ID) return findLesson(s.lessonId);
  if (!authoredCache.has(s.scenario)) authoredCache.set(s.scenario, lessonOfScenario(s.scenario));
  return authoredCache.get(s.scenario);
}
