import type { StateCreator } from 'zustand';
import { isModeVariantName, otherModeVariant } from '../scenario/builtinRuns';
import { DEFAULT_SCENARIO, findLesson } from '../scenario/lessons';
import type { AppState, ScenarioSlice } from './types';

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => ({
  scenario: DEFAULT_SCENARIO,
  customAssignor: undefined,
  pendingChanges: [],
  autoRebalance: true,
  replaced: undefined,
  loadScenario: (scenario, customAssignor) =>
    set({
      replaced: {
        scenario: get().scenario,
        customAssignor: get().customAssignor,
        assignors: get().assignors,
      },
      scenario,
      customAssignor: customAssignor ?? get().customAssignor,
      pendingChanges: [],
      generation: scenario.steps.length > 0 ? 1 : 0,
      playing: false,
      inspectedMember: undefined,
    }),
  restoreReplaced: () => {
    const { replaced } = get();
    if (replaced === undefined) return;
    get().loadScenario(replaced.scenario, replaced.customAssignor);
    set({ lessonId: undefined, lessonAnswer: undefined, assignors: replaced.assignors });
  },
  enterLesson: (lessonId) => {
    const lesson = findLesson(lessonId);
    if (lesson === undefined) {
      get().showNotice({ kind: 'error', text: `There is no lesson called “${lessonId}”.` });
      return;
    }
    get().leaveLesson();
    get().loadScenario(lesson.scenario);
    // Start just before the step the question is about: generation 0 is the group before
    // its first rebalance, so a question about generation 1 does not show its answer.
    set({
      lessonId,
      lessonAnswer: undefined,
      assignors: lesson.assignors,
      generation: lesson.question.generation - 1,
    });
  },
  leaveLesson: () => {
    if (get().lessonId !== undefined) get().restoreReplaced();
  },
  applyChange: (change) => {
    const { autoRebalance, pendingChanges, scenario } = get();
    if (!autoRebalance) {
      set({ pendingChanges: [...pendingChanges, change] });
      return;
    }
    const steps = [...scenario.steps, { changes: [change] }];
    set({ scenario: { ...scenario, steps }, generation: steps.length, playing: false });
  },
  commitPending: () => {
    const { pendingChanges, scenario } = get();
    const steps = [...scenario.steps, { changes: pendingChanges }];
    set({
      scenario: { ...scenario, steps },
      pendingChanges: [],
      generation: steps.length,
      playing: false,
    });
  },
  discardPending: () => set({ pendingChanges: [] }),
  setAutoRebalance: (on) => {
    set({ autoRebalance: on });
    if (on && get().pendingChanges.length > 0) get().commitPending();
  },
  setUserDataMode: (mode) => set({ scenario: { ...get().scenario, userDataMode: mode } }),
  setAssignorMode: (mode) => {
    const { assignorMode: _previous, ...scenario } = get().scenario;
    const variant = otherModeVariant(mode);
    set({
      scenario: mode === 'fixed' ? { ...scenario, assignorMode: mode } : scenario,
      assignors: get().assignors.map((name) => (isModeVariantName(name) ? variant : name)),
    });
  },
  truncateAfter: (generation) => {
    const { scenario } = get();
    set({ scenario: { ...scenario, steps: scenario.steps.slice(0, generation) }, generation });
  },
  setCustomAssignor: (customAssignor) => set({ customAssignor }),
});
