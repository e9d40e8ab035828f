import { replayCurrentState } from '../scenario/currentState';
import type { GenerationResult } from '../scenario/replay';
import type { AppState } from './types';

/** Module-level selectors, so components subscribe to exactly what they read. */
export const selectScenario = (s: AppState) => s.scenario;
export const selectGeneration = (s: AppState) => s.generation;
export const selectAssignors = (s: AppState) => s.assignors;
export const selectPrimaryAssignor = (s: AppState) => s.assignors[0] ?? 'sticky';
export const selectResults = (s: AppState) => s.results;
export const selectAnimations = (s: AppState) => s.animations;
export const selectNotice = (s: AppState) => s.notice;
export const selectStepCount = (s: AppState) => s.scenario.steps.length;

/** The result of `assignor` at the shown generation, if computed. */
export function resultAt(
  s: AppState,
  assignor: string,
  generation = s.generation,
): GenerationResult | undefined {
  return generation >= 1 ? s.results[assignor]?.[generation - 1] : undefined;
}

export const selectPrimaryResults = (s: AppState): GenerationResult[] | undefined =>
  s.results[selectPrimaryAssignor(s)];

/** The group as it stands after the last step, for the editing controls. */
export const selectCurrentGroup = (s: AppState) => replayCurrentState(s.scenario);
