import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GenerationResult } from '../scenario/replay';
import { DEFAULT_SCENARIO } from '../scenario/lessons';
import { CUSTOM_ASSIGNOR } from '../store/customAssignorSlice';
import { useAppStore } from '../store/store';
import type { CustomReplayRunner } from '../custom/browserRunner';
import {
  CRASHED_RUN_MESSAGE,
  RUN_MARK_KEY,
  runCustomAssignor,
  startCustomReplayController,
  type RunMarkStorage,
} from './customController';
import type { CustomAssignorSource, CustomReplayOutcome } from '../custom/protocol';

const SOURCE: CustomAssignorSource = {
  name: 'mine',
  language: 'typescript',
  source: 'export default {}',
};

/** A runner whose replays the test settles by hand. */
function fakeRunner() {
  const calls: { args: unknown[]; settle: (outcome: CustomReplayOutcome) => void }[] = [];
  const runner: CustomReplayRunner = {
    replay: (...args) =>
      new Promise((settle) => {
        calls.at(-1)?.settle({ status: 'superseded' });
        calls.push({ args, settle });
      }),
    cancel: vi.fn(),
    dispose: vi.fn(),
  };
  return { runner, calls };
}

function memoryStorage(initial: Record<string, string> = {}): RunMarkStorage & {
  items: Map<string, string>;
} {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const initialState = useAppStore.getState();
let stop: (() => void) | undefined;

beforeEach(() => {
  useAppStore.setState(initialState, true);
});

afterEach(() => {
  stop?.();
  stop = undefined;
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startCustomReplayController', () => {
  it('does nothing until there is a source, then runs it with the deadline', async () => {
    const { runner, calls } = fakeRunner();
    const storage = memoryStorage();
    stop = startCustomReplayController({ runner, storage });
    expect(calls).toHaveLength(0);

    useAppStore.getState().setCustomDeadlineMs(750);
    runCustomAssignor(SOURCE);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args).toEqual([DEFAULT_SCENARIO, SOURCE, { deadlineMs: 750 }]);
    expect(useAppStore.getState().customStatus).toBe('running');
    expect(storage.items.has(RUN_MARK_KEY)).toBe(true);

    const generations = [{ generation: 1 } as GenerationResult];
    calls[0]?.settle({ status: 'done', generations, assignorName: 'mine', restarts: 0 });
    await tick();
    expect(useAppStore.getState().results[CUSTOM_ASSIGNOR]).toBe(generations);
    expect(useAppStore.getState().customStatus).toBe('done');
    expect(storage.items.has(RUN_MARK_KEY)).toBe(false);
  });

  it('runs again when the scenario changes, and stores load errors', async () => {
    const { runner, calls } = fakeRunner();
    stop = startCustomReplayController({ runner, storage: undefined });
    runCustomAssignor(SOURCE);
    expect(calls).toHaveLength(1);
    useAppStore.getState().setUserDataMode('counter');
    expect(calls).toHaveLength(2);
    calls[1]?.settle({ status: 'load-error', error: { message: 'bad', line: 2 } });
    await tick();
    expect(useAppStore.getState().customLoadError).toEqual({ message: 'bad', line: 2 });
    expect(useAppStore.getState().customStatus).toBe('error');
  });

  it('never runs code restored by a reload until the user presses Run', () => {
    const { runner, calls } = fakeRunner();
    // The autosave (or a link) put the source in the store before the page started.
    useAppStore.getState().setCustomAssignor(SOURCE);
    stop = startCustomReplayController({ runner, storage: memoryStorage() });
    expect(calls).toHaveLength(0);
    expect(useAppStore.getState().customStatus).toBe('review');
    // Editing the scenario does not run it either.
    useAppStore.getState().setUserDataMode('counter');
    expect(calls).toHaveLength(0);
    runCustomAssignor({ ...SOURCE });
    expect(calls).toHaveLength(1);
  });

  it('never runs code that arrives with a link or a file, even after the user ran their own', () => {
    const { runner, calls } = fakeRunner();
    stop = startCustomReplayController({ runner, storage: memoryStorage() });
    runCustomAssignor(SOURCE);
    expect(calls).toHaveLength(1);
    const mine = useAppStore.getState().scenario;
    const linked = { ...SOURCE, source: `${SOURCE.source}\n// from a share link` };
    useAppStore.getState().loadScenario({ ...mine, name: 'shared' }, linked);
    expect(calls).toHaveLength(1);
    expect(runner.cancel).toHaveBeenCalled();
    expect(useAppStore.getState().customStatus).toBe('review');
    expect(useAppStore.getState().results[CUSTOM_ASSIGNOR]).toBeUndefined();
    // Undo brings back what the user ran: approved in this page, so it runs again.
    useAppStore.getState().restoreReplaced();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[1]).toBe(SOURCE);
  });

  it('does not rerun by itself a source that was running when the page died', async () => {
    const { runner, calls } = fakeRunner();
    const storage = memoryStorage({ [RUN_MARK_KEY]: '2026-01-01T00:00:00Z' });
    useAppStore.getState().setCustomAssignor(SOURCE);
    stop = startCustomReplayController({ runner, storage });
    expect(calls).toHaveLength(0);
    expect(useAppStore.getState().customLoadError).toEqual({ message: CRASHED_RUN_MESSAGE });
    expect(storage.items.has(RUN_MARK_KEY)).toBe(false);

    // Not on an edit, nor on a source loaded from elsewhere…
    useAppStore.getState().setUserDataMode('counter');
    useAppStore.getState().setCustomAssignor({ ...SOURCE });
    expect(calls).toHaveLength(0);
    // …only on the user's Run.
    runCustomAssignor({ ...SOURCE });
    expect(calls).toHaveLength(1);
    useAppStore.getState().setUserDataMode('aiokafka');
    expect(calls).toHaveLength(2);
  });

  it('clears the mark when the source goes away and when it stops', () => {
    const { runner } = fakeRunner();
    const storage = memoryStorage();
    stop = startCustomReplayController({ runner, storage });
    runCustomAssignor(SOURCE);
    expect(storage.items.has(RUN_MARK_KEY)).toBe(true);
    useAppStore.getState().setCustomAssignor(undefined);
    expect(storage.items.has(RUN_MARK_KEY)).toBe(false);
    expect(runner.cancel).toHaveBeenCalled();
    runCustomAssignor(SOURCE);
    stop();
    stop = undefined;
    expect(storage.items.has(RUN_MARK_KEY)).toBe(false);
    expect(runner.dispose).toHaveBeenCalled();
  });
});
