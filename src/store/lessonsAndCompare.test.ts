import { beforeEach, describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import { AUTHORED_LESSON_ID, type AuthoredLesson } from '../scenario/authoredLesson';
import { DEFAULT_SCENARIO, LESSONS } from '../scenario/lessons';
import { replayAll } from '../scenario/replay';
import { toggleAssignor } from '../ui/assignorChoice';
import {
  selectFiguresHidden,
  selectLesson,
  selectPrimaryAssignor,
  selectSharedView,
  selectShownResults,
} from './selectors';
import { useAppStore } from './store';
import { MAX_COMPARED_ASSIGNORS } from './viewSlice';

const initial = useAppStore.getState();
beforeEach(() => useAppStore.setState(initial, true));

const revocation = LESSONS.find((l) => l.id === 'revocation')!;

/** Puts real results for the running scenario into the store, as the worker would. */
function replayIntoStore() {
  const { scenario, assignors } = useAppStore.getState();
  const results = Object.fromEntries(
    assignors.map((name) => [
      name,
      replayAll(scenario, () => createBuiltinAssignor(name as 'sticky' | 'range' | 'roundrobin')),
    ]),
  );
  useAppStore.getState().setReplayResults(results, {});
}

describe('a lesson question hides its answer until answered', () => {
  it('keeps the asked generation and later ones out of reach and out of the shown results', () => {
    useAppStore.getState().enterLesson(revocation.id);
    replayIntoStore();
    const asked = revocation.question.generation;
    const store = useAppStore.getState();
    store.setGeneration(asked);
    expect(useAppStore.getState().generation).toBe(asked - 1);
    store.stepBy(1);
    expect(useAppStore.getState().generation).toBe(asked - 1);
    // Nothing derived from the asked generation is offered to the page.
    const shown = selectShownResults(useAppStore.getState());
    for (const name of revocation.assignors) expect(shown[name]).toHaveLength(asked - 1);
    expect(selectFiguresHidden(useAppStore.getState())).toBe(true);

    useAppStore.getState().answerLesson(0);
    useAppStore.getState().setGeneration(asked);
    expect(useAppStore.getState().generation).toBe(asked);
    expect(selectShownResults(useAppStore.getState())).toBe(useAppStore.getState().results);
    expect(selectFiguresHidden(useAppStore.getState())).toBe(false);
  });

  it('playing during the question stops before the asked generation', () => {
    useAppStore.getState().enterLesson(revocation.id);
    useAppStore.getState().setPlaying(true);
    // At the last reachable generation, play starts over rather than stepping into the answer.
    expect(useAppStore.getState().generation).toBe(0);
    useAppStore.getState().stepBy(5);
    expect(useAppStore.getState().generation).toBe(revocation.question.generation - 1);
  });

  it('leaving a lesson returns to the generation the user was viewing', () => {
    useAppStore.getState().setGeneration(2);
    useAppStore.getState().enterLesson(revocation.id);
    useAppStore.getState().answerLesson(1);
    useAppStore.getState().setGeneration(2);
    useAppStore.getState().leaveLesson();
    expect(useAppStore.getState()).toMatchObject({ lessonId: undefined, generation: 2 });
  });
});

describe('compare: the limit and the primary are explicit', () => {
  it('never drops an assignor to make room, and caps at one constant', () => {
    const full = ['sticky', 'range', 'roundrobin'];
    expect(full).toHaveLength(MAX_COMPARED_ASSIGNORS);
    expect(toggleAssignor(full, 'custom', true)).toEqual(full);
    useAppStore.getState().setAssignors([...full, 'custom']);
    expect(useAppStore.getState().assignors).toEqual(full);
  });

  it('the primary is the one the user picks, not the one ticked first', () => {
    useAppStore.getState().setAssignors(['sticky', 'range', 'roundrobin']);
    useAppStore.getState().setPrimaryAssignor('roundrobin');
    expect(selectPrimaryAssignor(useAppStore.getState())).toBe('roundrobin');
    expect(useAppStore.getState().assignors).toEqual(['roundrobin', 'sticky', 'range']);
    // Ticking another does not steal the primary.
    useAppStore.getState().setAssignors(toggleAssignor(['roundrobin', 'sticky'], 'range', true));
    expect(selectPrimaryAssignor(useAppStore.getState())).toBe('roundrobin');
    // An assignor that is not compared cannot become primary.
    useAppStore.getState().setPrimaryAssignor('custom');
    expect(selectPrimaryAssignor(useAppStore.getState())).toBe('roundrobin');
  });
});

describe('showView: what a link or file says its sender saw', () => {
  it('shows its assignors, compared protocol, generation and presentation', () => {
    useAppStore.getState().loadScenario({ ...DEFAULT_SCENARIO, protocol: { name: 'eager' } });
    useAppStore.getState().showView({
      generation: 3,
      assignors: ['range', 'sticky'],
      comparedProtocol: 'cooperative',
      presentation: true,
    });
    expect(useAppStore.getState()).toMatchObject({
      generation: 3,
      assignors: ['range', 'sticky'],
      comparedProtocol: 'cooperative',
      presenting: true,
    });
    expect(selectSharedView(useAppStore.getState())).toEqual({
      generation: 3,
      assignors: ['range', 'sticky'],
      comparedProtocol: 'cooperative',
      presentation: true,
    });
  });

  it('keeps to what the scenario allows: its generations, assignors fitting its protocol', () => {
    useAppStore.getState().loadScenario(DEFAULT_SCENARIO);
    useAppStore.getState().showView({ generation: 99, assignors: ['server-uniform', 'range'] });
    expect(useAppStore.getState().generation).toBe(DEFAULT_SCENARIO.steps.length);
    expect(useAppStore.getState().assignors).toEqual(['range']);
  });

  it('opens a lesson it names, and keeps its question unanswered', () => {
    useAppStore.getState().showView({ lesson: 'one-member-leaves', generation: 5 });
    const lesson = LESSONS.find((l) => l.id === 'one-member-leaves')!;
    expect(useAppStore.getState().lessonId).toBe('one-member-leaves');
    // The asked generation stays out of reach until the learner answers.
    expect(useAppStore.getState().generation).toBe(lesson.question.generation - 1);
    expect(selectSharedView(useAppStore.getState()).lesson).toBe('one-member-leaves');
  });
});

describe('the scenario’s own lesson', () => {
  const own: AuthoredLesson = {
    title: 'C3 joins',
    question: {
      generation: 2,
      prompt: 'How many partitions does sticky move?',
      choices: ['None', 'Two'],
      reveal: 'Two.',
    },
    answer: { assignor: 'sticky', figure: 'moved', values: [0, 2] },
  };

  it('is written as one undo step, plays on the scenario as it is, and leaves it so', () => {
    useAppStore.getState().setAuthoredLesson(own);
    expect(useAppStore.getState().scenario.lesson).toEqual(own);
    const scenario = useAppStore.getState().scenario;
    useAppStore.getState().enterLesson(AUTHORED_LESSON_ID);
    const state = useAppStore.getState();
    expect(state.scenario).toBe(scenario); // nothing loaded
    expect(state.replaced).toBeUndefined();
    expect(selectLesson(state)?.title).toBe('C3 joins');
    // Its question hides the generation it asks about, as a built-in lesson's does.
    expect(state.generation).toBe(1);
    useAppStore.getState().setGeneration(2);
    expect(useAppStore.getState().generation).toBe(1);
    useAppStore.getState().leaveLesson();
    expect(useAppStore.getState().lessonId).toBeUndefined();
    expect(useAppStore.getState().scenario).toBe(scenario);
    useAppStore.getState().undo();
    expect(useAppStore.getState().scenario.lesson).toBeUndefined();
  });
});
