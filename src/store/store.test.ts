import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, LESSONS } from '../scenario/lessons';
import { randomScenario } from '../scenario/random';
import { useAppStore } from './store';

const initial = useAppStore.getState();

beforeEach(() => useAppStore.setState(initial, true));

describe('the store', () => {
  it('a scenario loaded without custom code brings none: the previous assignor is not kept to run on it', () => {
    const source = { name: 'mine', language: 'javascript' as const, source: 'export default {}' };
    useAppStore.getState().setCustomAssignor(source);
    // A share link or a file that carries no custom assignor.
    useAppStore.getState().loadScenario(randomScenario(7));
    expect(useAppStore.getState().customAssignor).toBeUndefined();
    // The way back still has it.
    useAppStore.getState().restoreReplaced();
    expect(useAppStore.getState().customAssignor).toEqual(source);
  });

  it('turns an edit into the next rebalance and shows it', () => {
    const store = useAppStore.getState();
    store.applyChange({ type: 'leave', member: 'C0' });
    const { scenario, generation } = useAppStore.getState();
    expect(scenario.steps).toHaveLength(DEFAULT_SCENARIO.steps.length + 1);
    expect(scenario.steps.at(-1)).toEqual({ changes: [{ type: 'leave', member: 'C0' }] });
    expect(generation).toBe(scenario.steps.length);
  });

  it('collects edits into one rebalance when auto-rebalance is off', () => {
    const store = useAppStore.getState();
    store.setAutoRebalance(false);
    store.applyChange({ type: 'leave', member: 'C0' });
    store.applyChange({ type: 'create-topic', topic: 'audit', partitions: 2 });
    expect(useAppStore.getState().scenario.steps).toHaveLength(DEFAULT_SCENARIO.steps.length);
    useAppStore.getState().commitPending();
    const { scenario, pendingChanges } = useAppStore.getState();
    expect(pendingChanges).toEqual([]);
    expect(scenario.steps.at(-1)?.changes).toHaveLength(2);
  });

  it('a lesson keeps the user scenario and assignors aside and gives them back on exit', () => {
    const store = useAppStore.getState();
    store.applyChange({ type: 'leave', member: 'C0' });
    store.setAssignors(['range', 'sticky']);
    const mine = useAppStore.getState().scenario;
    const lesson = LESSONS.find((l) => l.id === 'range-skew')!;
    useAppStore.getState().enterLesson(lesson.id);
    expect(useAppStore.getState()).toMatchObject({
      lessonId: lesson.id,
      scenario: lesson.scenario,
      assignors: lesson.assignors,
      // The question is about generation 1, so the lesson starts before any rebalance.
      generation: 0,
    });
    // Switching lessons and then leaving still returns to the user's own work.
    useAppStore.getState().enterLesson('one-member-leaves');
    useAppStore.getState().leaveLesson();
    expect(useAppStore.getState()).toMatchObject({
      lessonId: undefined,
      scenario: mine,
      assignors: ['range', 'sticky'],
    });
  });

  it('a load can be undone', () => {
    const mine = useAppStore.getState().scenario;
    useAppStore.getState().loadScenario(randomScenario(3));
    expect(useAppStore.getState().scenario).not.toBe(mine);
    useAppStore.getState().restoreReplaced();
    expect(useAppStore.getState().scenario).toBe(mine);
  });

  it('keeps playback inside the timeline, 0 being before the first rebalance', () => {
    const store = useAppStore.getState();
    store.setGeneration(99);
    expect(useAppStore.getState().generation).toBe(DEFAULT_SCENARIO.steps.length);
    store.stepBy(-99);
    expect(useAppStore.getState().generation).toBe(0);
  });

  it('compares at most three assignors and never none', async () => {
    const { toggleAssignor } = await import('../ui/assignorChoice');
    expect(toggleAssignor(['sticky'], 'sticky', false)).toEqual(['sticky']);
    // At the limit nothing is dropped behind the user's back: the set stays as it is.
    expect(toggleAssignor(['sticky', 'range', 'roundrobin'], 'custom', true)).toEqual([
      'sticky',
      'range',
      'roundrobin',
    ]);
    expect(toggleAssignor(['sticky'], 'range', true)).toEqual(['sticky', 'range']);
  });
});
