import type { StateCreator } from 'zustand';
import { describeChange, sessionTimeoutOf } from '../scenario/groupState';
import { isModeVariantName, otherModeVariant } from '../scenario/builtinRuns';
import { AUTHORED_LESSON_ID, lessonOfScenario } from '../scenario/authoredLesson';
import { DEFAULT_SCENARIO, findLesson } from '../scenario/lessons';
import { recordHistory } from './history';
import { assignorsFor, fitsProtocol, withProtocol } from './protocolSlice';
import { MAX_COMPARED_ASSIGNORS } from './viewSlice';
import type { Scenario } from '../scenario/types';
import type { AppState, ScenarioSlice } from './types';

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => {
  /** Runs an edit of the timeline as one undoable history entry; returns its id. */
  const edit = (label: string, action: () => void) =>
    recordHistory(get, set, 'edit', label, action);
  const load = (label: string, action: () => void) =>
    recordHistory(get, set, 'load', label, action);

  return {
    scenario: DEFAULT_SCENARIO,
    customAssignor: undefined,
    pendingChanges: [],
    autoRebalance: true,
    replaced: undefined,
    loadScenario: (scenario, customAssignor) =>
      load(`Opened “${scenario.name}”`, () =>
        set({
          replaced: {
            scenario: get().scenario,
            customAssignor: get().customAssignor,
            assignors: get().assignors,
            generation: get().generation,
          },
          scenario,
          // Exactly what the load carries: a link or file without custom code must not leave
          // the previous assignor behind to run on it (the way back keeps it).
          customAssignor,
          pendingChanges: [],
          generation: scenario.steps.length > 0 ? 1 : 0,
          playing: false,
          inspectedMember: undefined,
          // The scenario's protocol decides which kind of assignor can be shown.
          assignors: assignorsOfScenario(scenario, get().assignors),
          comparedProtocol:
            scenario.protocol === undefined || get().comparedProtocol === scenario.protocol.name
              ? undefined
              : get().comparedProtocol,
          roundAt: undefined,
        }),
      ),
    resumeSession: (session) => set(session),
    restoreReplaced: () => {
      const { replaced } = get();
      if (replaced === undefined) return;
      load(`Back to “${replaced.scenario.name}”`, () => {
        get().loadScenario(replaced.scenario, replaced.customAssignor);
        set({ lessonId: undefined, lessonAnswer: undefined, assignors: replaced.assignors });
        if (replaced.generation !== undefined) get().setGeneration(replaced.generation);
      });
    },
    enterLesson: (lessonId) => {
      if (lessonId === AUTHORED_LESSON_ID) {
        // The scenario's own lesson plays on the scenario as it is: nothing is loaded or
        // replaced, and leaving it changes nothing but the lesson.
        const own = lessonOfScenario(get().scenario);
        if (own === undefined) {
          get().showNotice({ kind: 'error', text: 'This scenario has no lesson of its own.' });
          return;
        }
        if (get().lessonId !== undefined && get().lessonId !== lessonId) get().leaveLesson();
        set({
          lessonId,
          lessonAnswer: undefined,
          assignors: [own.authored.answer.assignor],
          roundAt: undefined,
          playing: false,
          generation: own.question.generation - 1,
        });
        return;
      }
      const lesson = findLesson(lessonId);
      if (lesson === undefined) {
        get().showNotice({ kind: 'error', text: `There is no lesson called “${lessonId}”.` });
        return;
      }
      load(`Opened the lesson “${lesson.title}”`, () => {
        get().leaveLesson();
        get().loadScenario(
          lesson.protocol === undefined
            ? lesson.scenario
            : withProtocol(lesson.scenario, lesson.protocol, lesson.assignors[0]),
        );
        // Start just before the step the question is about: generation 0 is the group before
        // its first rebalance, so a question about generation 1 does not show its answer.
        set({
          lessonId,
          lessonAnswer: undefined,
          assignors: lesson.assignors,
          comparedProtocol: lesson.comparedProtocol,
          roundAt: undefined,
          generation: lesson.question.generation - 1,
        });
      });
    },
    leaveLesson: () => {
      const { lessonId } = get();
      if (lessonId === undefined) return;
      if (lessonId === AUTHORED_LESSON_ID) {
        set({ lessonId: undefined, lessonAnswer: undefined });
        return;
      }
      get().restoreReplaced();
      // A protocol lesson's compared protocol leaves with it (its protocol left with its scenario).
      if (findLesson(lessonId)?.protocol !== undefined)
        set({ comparedProtocol: undefined, roundAt: undefined });
    },
    applyChange: (change) => {
      const { autoRebalance, pendingChanges, scenario, playing, generation } = get();
      if (!autoRebalance) {
        edit(`Pending change: ${describeChange(change, sessionTimeoutOf(scenario))}`, () =>
          set({ pendingChanges: [...pendingChanges, change] }),
        );
        return;
      }
      const steps = [...scenario.steps, { changes: [change] }];
      const id = edit(
        `${capitalize(describeChange(change, sessionTimeoutOf(scenario)))} (generation ${steps.length})`,
        () => set({ scenario: { ...scenario, steps }, generation: steps.length, playing: false }),
      );
      explainWhereTheEditWent(get, { id, playing, viewed: generation, made: steps.length });
    },
    commitPending: () => {
      const { pendingChanges, scenario, playing, generation } = get();
      const steps = [...scenario.steps, { changes: pendingChanges }];
      const count = pendingChanges.length;
      const id = edit(
        `Rebalance of ${count} pending change${count === 1 ? '' : 's'} (generation ${steps.length})`,
        () =>
          set({
            scenario: { ...scenario, steps },
            pendingChanges: [],
            generation: steps.length,
            playing: false,
          }),
      );
      explainWhereTheEditWent(get, { id, playing, viewed: generation, made: steps.length });
    },
    discardPending: () => {
      const count = get().pendingChanges.length;
      const id = edit(`Discarded ${count} pending change${count === 1 ? '' : 's'}`, () =>
        set({ pendingChanges: [] }),
      );
      if (id !== undefined)
        get().showNotice({
          kind: 'info',
          text: `Discarded ${count} pending change${count === 1 ? '' : 's'}.`,
          undoId: id,
        });
    },
    setAutoRebalance: (on) => {
      set({ autoRebalance: on });
      if (on && get().pendingChanges.length > 0) get().commitPending();
    },
    setUserDataMode: (mode) =>
      edit(`User data generation set to ${mode === 'counter' ? 'the real one' : '−1'}`, () =>
        set({ scenario: { ...get().scenario, userDataMode: mode } }),
      ),
    // Recorded like a load: it also swaps the compared sticky variant, which undo gives back.
    setAssignorMode: (mode) =>
      load(`aiokafka defects: ${mode}`, () => {
        const { assignorMode: _previous, ...scenario } = get().scenario;
        const variant = otherModeVariant(mode);
        set({
          scenario: mode === 'fixed' ? { ...scenario, assignorMode: mode } : scenario,
          assignors: get().assignors.map((name) => (isModeVariantName(name) ? variant : name)),
        });
      }),
    truncateAfter: (generation) => {
      const { scenario } = get();
      const dropped = scenario.steps.length - generation;
      if (generation < 0 || dropped <= 0) return;
      const what = `${dropped} step${dropped === 1 ? '' : 's'} after generation ${generation}`;
      const id = edit(`Dropped ${what}`, () =>
        set({
          scenario: { ...scenario, steps: scenario.steps.slice(0, generation) },
          generation,
          playing: false,
        }),
      );
      const range =
        dropped === 1
          ? `generation ${generation + 1}`
          : `generations ${generation + 1}–${scenario.steps.length}`;
      get().showNotice({ kind: 'info', text: `Dropped ${what} (${range}).`, undoId: id });
    },
    setCustomAssignor: (customAssignor) => set({ customAssignor }),
    setAuthoredLesson: (lesson) =>
      edit(
        lesson === undefined
          ? 'Removed the scenario’s lesson'
          : `Wrote the lesson “${lesson.title}”`,
        () => {
          const { lesson: _old, ...scenario } = get().scenario;
          set({ scenario: lesson === undefined ? scenario : { ...scenario, lesson } });
        },
      ),
  };
};

/**
 * Tells the user when an edit did not land where they were looking: playback stopped, or the
 * edit went to the end of the timeline while they viewed an earlier generation.
 */
function explainWhereTheEditWent(
  get: () => AppState,
  edit: { id: number | undefined; playing: boolean; viewed: number; made: number },
): void {
  if (edit.id === undefined) return;
  const parts: string[] = [];
  if (edit.playing) parts.push('Playback stopped for your edit');
  if (edit.viewed < edit.made - 1)
    parts.push(
      `It became generation ${edit.made}, at the end of the timeline (you were viewing generation ${edit.viewed})`,
    );
  if (parts.length === 0) return;
  get().showNotice({ kind: 'info', text: `${parts.join('. ')}.`, undoId: edit.id });
}

/**
 * The assignors to show for a scenario just opened: the chosen ones when they fit its protocol;
 * under the consumer protocol, the server-side assignor it names (uniform when it names none).
 */
function assignorsOfScenario(scenario: Scenario, assignors: string[]): string[] {
  const protocol = scenario.protocol;
  if (protocol?.name !== 'consumer') return assignorsFor(protocol?.name, assignors);
  const server = protocol.serverAssignor ?? 'server-uniform';
  // Server-side assignors already compared stay beside it; client ones cannot.
  const others = assignors.filter((name) => name !== server && fitsProtocol(name, 'consumer'));
  return [server, ...others].slice(0, MAX_COMPARED_ASSIGNORS);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
