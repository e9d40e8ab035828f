import {
  differingPartitionKeys,
  diffResults,
  ResultsDiffError,
  type ResultsDiff,
} from '../results/diff';
import { resultsOf, type ResultsFile } from '../results/resultsFile';
import type { GenerationResult } from '../scenario/replay';
import type { AppState } from './types';

export type DiffView =
  | { status: 'off' }
  | { status: 'pending' }
  | { status: 'error'; message: string }
  | { status: 'ready'; label: string; diff: ResultsDiff; keys: Map<number, Set<string>> };

// Constant answers, so a store subscriber sees the same object and does not re-render.
const OFF: DiffView = { status: 'off' };
const PENDING: DiffView = { status: 'pending' };

let memo: { inputs: unknown[]; view: DiffView } | undefined;

/**
 * The primary assignor's results diffed against the chosen baseline (another assignor, or a
 * results file). Remembers the last answer, so every component can call it on each render.
 */
export function selectDiffView(state: AppState): DiffView {
  const baseline = state.diffBaseline;
  if (baseline === undefined) return OFF;
  const primary = state.assignors[0] ?? 'sticky';
  const ours = state.results[primary];
  const theirs: GenerationResult[] | ResultsFile | undefined =
    baseline.kind === 'assignor' ? state.results[baseline.name] : baseline.results;
  if (ours === undefined || theirs === undefined) return PENDING;
  const inputs = [state.scenario, primary, ours, theirs];
  if (memo !== undefined && memo.inputs.every((input, i) => input === inputs[i])) return memo.view;

  const label = baseline.kind === 'assignor' ? baseline.name : baseline.fileName;
  let view: DiffView;
  try {
    const a = resultsOf(state.scenario, primary, ours);
    const b = Array.isArray(theirs) ? resultsOf(state.scenario, label, theirs) : theirs;
    const diff = diffResults(a, b, { a: primary, b: label });
    view = { status: 'ready', label, diff, keys: differingPartitionKeys(diff) };
  } catch (error) {
    view = {
      status: 'error',
      message: error instanceof ResultsDiffError ? error.message : String(error),
    };
  }
  memo = { inputs, view };
  return view;
}
