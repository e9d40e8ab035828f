/**
 * Autosave never loses work: lessons, batched edits, loads, two tabs, a full or corrupt
 * storage. A "reload" here is a fresh store restored from the same storage.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeScenario } from '../scenario/file';
import { DEFAULT_SCENARIO } from '../scenario/lessons';
import { randomScenario } from '../scenario/random';
import {
  AUTOSAVE_KEY,
  PREVIOUS_WORK_KEY,
  restoreSession,
  startAutosave,
  UNREADABLE_KEY,
} from './persistence';
import { useAppStore } from '../store/store';

const initial = useAppStore.getState();

/** localStorage in memory, with a quota in characters as browsers count it. */
class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    let used = 0;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used + key.length + value.length > this.quota) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.items.set(key, value);
  }
}

const at = (hash = '') => ({ search: '', hash, pathname: '/' }) as Location;
let stopAutosave = () => {};

/** Opens the page (or reloads it) on `storage`, this tab's session in `tab`. */
async function open(storage: Storage, tab: Storage, hash = '') {
  stopAutosave();
  useAppStore.setState(initial, true);
  await restoreSession(at(hash), storage, tab);
  stopAutosave = startAutosave(storage, 300);
}

const settle = () => vi.advanceTimersByTime(1000);
const state = () => useAppStore.getState();

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('history', { replaceState: () => undefined });
});
afterEach(() => {
  stopAutosave();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('autosave', () => {
  it('a reload during a lesson returns to the lesson, and leaving it gives back the user’s scenario', async () => {
    const storage = new MemoryStorage();
    const tab = new MemoryStorage();
    await open(storage, tab);
    state().applyChange({ type: 'leave', member: 'C0' });
    settle();
    const mine = state().scenario;
    state().enterLesson('range-skew');
    settle();
    await open(storage, tab); // reload
    expect(state().lessonId).toBe('range-skew');
    expect(state().scenario.name).not.toBe(mine.name);
    state().leaveLesson();
    expect(state().scenario).toEqual(mine);
    settle();
    await open(storage, tab); // and again: the user's scenario is what was saved
    expect(state().lessonId).toBeUndefined();
    expect(state().scenario).toEqual(mine);
  });

  it('batched (not yet rebalanced) edits survive a reload', async () => {
    const storage = new MemoryStorage();
    const tab = new MemoryStorage();
    await open(storage, tab);
    state().setAutoRebalance(false);
    state().applyChange({ type: 'leave', member: 'C0' });
    state().applyChange({ type: 'create-topic', topic: 'audit', partitions: 2 });
    settle();
    await open(storage, tab);
    expect(state().pendingChanges).toEqual([
      { type: 'leave', member: 'C0' },
      { type: 'create-topic', topic: 'audit', partitions: 2 },
    ]);
    expect(state().autoRebalance).toBe(false);
    expect(state().scenario.steps).toHaveLength(DEFAULT_SCENARIO.steps.length);
  });

  it('after a load and a reload, the user’s own scenario can still be brought back', async () => {
    const storage = new MemoryStorage();
    const tab = new MemoryStorage();
    await open(storage, tab);
    state().applyChange({ type: 'leave', member: 'C0' });
    settle();
    const mine = state().scenario;
    state().loadScenario(randomScenario(7)); // as Random, Import and links do
    settle();
    state().loadScenario(randomScenario(8)); // a second load does not push mine out
    settle();
    await open(storage, tab);
    expect(state().scenario).toEqual(randomScenario(8));
    expect(state().notice).toMatchObject({ undoable: true });
    expect(state().notice?.text).toMatch(/Your previous work “Default scenario|previous work/);
    state().restoreReplaced();
    expect(state().scenario).toEqual(mine);
    expect(JSON.parse(storage.getItem(PREVIOUS_WORK_KEY) as string).steps).toHaveLength(
      mine.steps.length,
    );
  });

  it('does not overwrite another tab’s newer work, and keeps this tab’s across its reload', async () => {
    const storage = new MemoryStorage();
    const tabA = new MemoryStorage();
    const tabB = new MemoryStorage();
    await open(storage, tabA);
    // Tab B opens, edits and saves; tab A knows nothing of it.
    const savedByA = storage.getItem(AUTOSAVE_KEY);
    await open(storage, tabB);
    state().applyChange({ type: 'create-topic', topic: 'from-b', partitions: 1 });
    settle();
    const savedByB = storage.getItem(AUTOSAVE_KEY);
    expect(savedByB).not.toBe(savedByA);
    // Back in tab A (same storage, its own session), still showing its old state.
    stopAutosave();
    useAppStore.setState(initial, true);
    await restoreSession(at(), new MemoryStorage(), tabA); // A's view from before B saved
    stopAutosave = startAutosave(storage, 300);
    state().applyChange({ type: 'create-topic', topic: 'from-a', partitions: 1 });
    settle();
    expect(storage.getItem(AUTOSAVE_KEY)).toBe(savedByB);
    expect(state().notice?.text).toMatch(/Another tab saved/);
    const mineInA = state().scenario;
    await open(storage, tabA); // tab A reloads: its own work comes back
    expect(state().scenario).toEqual(mineInA);
    await open(storage, tabB); // tab B reloads: its own work is still there
    expect(state().scenario.steps.at(-1)?.changes).toEqual([
      { type: 'create-topic', topic: 'from-b', partitions: 1 },
    ]);
  });

  it('says when storage is full, and offers Export', async () => {
    const saved = new MemoryStorage();
    await open(saved, new MemoryStorage());
    settle();
    // Room for what is saved now plus a little: the next edits do not fit.
    const used = [...saved.items].reduce((sum, [k, v]) => sum + k.length + v.length, 0);
    const storage = new MemoryStorage(used + 1000);
    for (const [key, value] of saved.items) storage.setItem(key, value);
    await open(storage, new MemoryStorage());
    for (let i = 0; i < 10; i++)
      state().applyChange({
        type: 'create-topic',
        topic: `t${i}${'z'.repeat(200)}`,
        partitions: 1,
      });
    settle();
    expect(state().notice).toMatchObject({ kind: 'error', offerExport: true });
    expect(state().notice?.text).toMatch(
      /^“Orders and payments” \(\d+ kB\) could not be saved in this browser: its storage is full\. Export the scenario to keep it\.$/,
    );
  });

  it('keeps an unreadable save aside, or says truthfully that it could not, and does not overwrite it', async () => {
    const unreadable = `${serializeScenario(DEFAULT_SCENARIO)}garbage`;
    const roomy = new MemoryStorage();
    roomy.setItem(AUTOSAVE_KEY, unreadable);
    await open(roomy, new MemoryStorage());
    expect(state().notice?.text).toMatch(/it was kept aside/);
    expect(roomy.getItem(UNREADABLE_KEY)).toBe(unreadable);

    const full = new MemoryStorage(unreadable.length + AUTOSAVE_KEY.length + 10);
    full.setItem(AUTOSAVE_KEY, unreadable);
    await open(full, new MemoryStorage());
    expect(state().notice?.text).not.toMatch(/kept aside/);
    expect(state().notice?.text).toMatch(/no room to keep a copy aside/);
    state().applyChange({ type: 'leave', member: 'C0' });
    settle();
    expect(full.getItem(AUTOSAVE_KEY)).toBe(unreadable);
  });
});
