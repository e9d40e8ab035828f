import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, LESSONS } from '../scenario/lessons';
import { randomScenario } from '../scenario/random';
import { HISTORY_LIMIT } from './history';
import { useAppStore } from './store';

const initial = useAppStore.getState();
const state = () => useAppStore.getState();

beforeEach(() => useAppStore.setState(initial, true));

describe('undo and redo', () => {
  it('dropping steps says what was removed and can be undone and redone', () => {
    state().truncateAfter(2);
    expect(state().scenario.steps).toHaveLength(2);
    expect(state().notice?.text).toBe('Dropped 2 steps after generation 2 (generations 3–4).');
    expect(state().notice?.undoId).toBe(state().undoStack.at(-1)?.id);

    state().undo();
    expect(state().scenario).toBe(DEFAULT_SCENARIO);
    expect(state().notice?.text).toBe('Undid: Dropped 2 steps after generation 2.');
    state().redo();
    expect(state().scenario.steps).toEqual(DEFAULT_SCENARIO.steps.slice(0, 2));
    state().undo();
    expect(state().scenario.steps).toHaveLength(4);
  });

  it('undoes every kind of edit, one at a time, back to the start', () => {
    state().applyChange({ type: 'leave', member: 'C0' });
    state().setUserDataMode('counter');
    state().setAutoRebalance(false);
    state().applyChange({ type: 'create-topic', topic: 'audit', partitions: 2 });
    state().applyChange({ type: 'restart', member: 'C2' });
    state().commitPending();
    state().applyChange({ type: 'leave', member: 'C2' });
    state().discardPending();
    const end = state().scenario;
    expect(end.steps).toHaveLength(6);

    state().undo(); // the discard
    expect(state().pendingChanges).toEqual([{ type: 'leave', member: 'C2' }]);
    state().undo(); // the pending leave
    expect(state().pendingChanges).toEqual([]);
    state().undo(); // the rebalance of two pending changes
    expect(state().scenario.steps).toHaveLength(5);
    expect(state().pendingChanges).toHaveLength(2);
    state().undo();
    state().undo();
    expect(state().pendingChanges).toEqual([]);
    state().undo(); // user data mode
    expect(state().scenario.userDataMode).toBe('aiokafka');
    state().undo(); // C0 leaves
    expect(state().scenario).toBe(DEFAULT_SCENARIO);
    expect(state().generation).toBe(1);
    state().undo(); // nothing left: no change
    expect(state().scenario).toBe(DEFAULT_SCENARIO);

    for (let i = 0; i < 8; i++) state().redo();
    expect(state().scenario).toBe(end);
    expect(state().pendingChanges).toEqual([]);
  });

  it('a new edit after an undo forgets what could be redone', () => {
    state().applyChange({ type: 'leave', member: 'C0' });
    state().undo();
    expect(state().redoStack).toHaveLength(1);
    state().applyChange({ type: 'restart', member: 'C0' });
    expect(state().redoStack).toHaveLength(0);
    state().redo();
    expect(state().scenario.steps.at(-1)?.changes).toEqual([{ type: 'restart', member: 'C0' }]);
  });

  it('keeps at most HISTORY_LIMIT entries, forgetting the oldest', () => {
    const edits = HISTORY_LIMIT + 20;
    for (let i = 0; i < edits; i++) state().applyChange({ type: 'restart', member: 'C0' });
    expect(state().undoStack).toHaveLength(HISTORY_LIMIT);
    for (let i = 0; i < edits; i++) state().undo();
    expect(state().scenario.steps).toHaveLength(DEFAULT_SCENARIO.steps.length + 20);
    expect(state().redoStack).toHaveLength(HISTORY_LIMIT);
  });

  it('a load is one entry: undo gives back the scenario, custom code and assignors', () => {
    const custom = { name: 'mine', language: 'typescript' as const, source: 'export default {}' };
    state().setCustomAssignor(custom);
    state().setAssignors(['range', 'sticky']);
    state().applyChange({ type: 'leave', member: 'C0' });
    const mine = state().scenario;
    state().loadScenario(randomScenario(3));
    state().setAssignors(['roundrobin']);
    state().undo();
    expect(state()).toMatchObject({ scenario: mine, customAssignor: custom });
    // The assignors changed after the load are a view choice, not part of it.
    state().redo();
    expect(state().scenario.name).toBe(randomScenario(3).name);
  });

  it('the Undo of a load still goes back, and a lesson comes and goes as one entry each', () => {
    state().applyChange({ type: 'leave', member: 'C0' });
    const mine = state().scenario;
    state().enterLesson(LESSONS[0]!.id);
    state().enterLesson(LESSONS[1]!.id);
    expect(state().undoStack.map((e) => e.label)).toEqual([
      'C0 leaves (generation 5)',
      `Opened the lesson “${LESSONS[0]!.title}”`,
      `Opened the lesson “${LESSONS[1]!.title}”`,
    ]);
    state().undo();
    expect(state()).toMatchObject({ lessonId: LESSONS[0]!.id, scenario: LESSONS[0]!.scenario });
    state().leaveLesson();
    expect(state()).toMatchObject({ lessonId: undefined, scenario: mine });
    state().undo(); // back into the lesson
    expect(state().lessonId).toBe(LESSONS[0]!.id);
    state().undo();
    expect(state()).toMatchObject({ lessonId: undefined, scenario: mine });

    const other = randomScenario(5);
    state().loadScenario(other);
    state().restoreReplaced();
    expect(state().scenario).toBe(mine);
    state().undo();
    expect(state().scenario).toBe(other);
  });

  it('restoring saved work at start leaves nothing to undo', () => {
    // What the start-up restore does: load the save, then say there is nothing to go back to.
    state().loadScenario(randomScenario(2));
    useAppStore.setState({ replaced: undefined });
    const saved = state().scenario;
    state().undo();
    expect(state().scenario).toBe(saved);
    state().applyChange({ type: 'create-topic', topic: 'audit', partitions: 1 });
    expect(state().undoStack).toHaveLength(1);
    state().undo();
    expect(state().scenario).toBe(saved);
  });
});

describe('where an edit goes', () => {
  it('an edit while viewing an earlier generation says it went to the end', () => {
    state().setGeneration(2);
    state().applyChange({ type: 'leave', member: 'C0' });
    expect(state().generation).toBe(5);
    expect(state().notice).toMatchObject({
      text: 'It became generation 5, at the end of the timeline (you were viewing generation 2).',
      undoId: state().undoStack.at(-1)?.id,
    });
    state().undo();
    expect(state().generation).toBe(2);
  });

  it('branching from the viewed generation drops the later steps undoably', () => {
    state().setGeneration(1);
    state().truncateAfter(state().generation);
    state().applyChange({ type: 'leave', member: 'C0' });
    expect(state().scenario.steps).toHaveLength(2);
    // The edit went where the user was looking, so the only notice is the drop's own.
    expect(state().notice?.text).toBe('Dropped 3 steps after generation 1 (generations 2–4).');
    state().undo();
    state().undo();
    expect(state().scenario).toBe(DEFAULT_SCENARIO);
  });

  it('editing during playback says that playback stopped', () => {
    state().setGeneration(4);
    state().setPlaying(true);
    state().setGeneration(4);
    state().applyChange({ type: 'leave', member: 'C0' });
    expect(state().playing).toBe(false);
    expect(state().notice?.text).toBe('Playback stopped for your edit.');
  });

  it('a bad load after a good one keeps the way back to before the good one', () => {
    state().loadScenario(randomScenario(3));
    state().showNotice({ kind: 'info', text: 'Loaded a random scenario.', undoable: true });
    state().showNotice({ kind: 'error', text: 'x.json was not imported: not valid JSON.' });
    expect(state().notice).toMatchObject({ kind: 'error', undoable: true });
    state().restoreReplaced();
    expect(state().scenario).toBe(DEFAULT_SCENARIO);
  });
});
