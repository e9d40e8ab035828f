import { applyStep, initialState, sessionTimeoutOf, type GroupState } from './groupState';
import type { Scenario } from './types';

const cache = new WeakMap<Scenario, GroupState>();

/** The group after the scenario's last step (cached per scenario object). */
export function replayCurrentState(scenario: Scenario): GroupState {
  const cached = cache.get(scenario);
  if (cached !== undefined) return cached;
  let state = initialState(scenario.cluster);
  scenario.steps.forEach((step, index) => {
    state = applyStep(state, step, index, sessionTimeoutOf(scenario)).state;
  });
  cache.set(scenario, state);
  return state;
}
