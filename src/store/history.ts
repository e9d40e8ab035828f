import type { AppState } from './types';

/**
 * Undo/redo for the scenario. Every edit and every load is one entry holding the state it
 * replaced; scenarios are immutable, so an entry shares almost everything with its neighbours
 * and the history costs little more than the references it keeps.
 */

/** Entries kept on each stack; the oldest are forgotten first. */
export const HISTORY_LIMIT = 100;

/** What an entry can give back. */
export interface HistorySnapshot {
  scenario: AppState['scenario'];
  pendingChanges: AppState['pendingChanges'];
  generation: number;
  customAssignor: AppState['customAssignor'];
  assignors: AppState['assignors'];
  lessonId: AppState['lessonId'];
  lessonAnswer: AppState['lessonAnswer'];
  replaced: AppState['replaced'];
}

export interface HistoryEntry {
  /** Unique per page, so a notice can tell whether its action is still the one to undo. */
  id: number;
  /** What the action did, in words: "Dropped 2 steps after generation 2". */
  label: string;
  /**
   * An edit changes the timeline only; a load also swaps the custom assignor, the assignors
   * shown and any lesson, so undoing it gives all of those back.
   */
  kind: 'edit' | 'load';
  /** The state on the other side of this entry (before it on the undo stack, after on redo). */
  snapshot: HistorySnapshot;
  /**
   * `replaced` right after the action. When something outside the history clears it (the
   * restore of the autosave at start says "there is nothing to go back to"), the entries no
   * longer describe how the page got here and are dropped.
   */
  replacedAfter: AppState['replaced'];
}

export interface HistorySlice {
  undoStack: HistoryEntry[];
  redoStack: HistoryEntry[];
  /** Goes back one entry; says what it undid in a notice. */
  undo: () => void;
  /** Goes forward one undone entry. */
  redo: () => void;
  /** Forgets every entry, e.g. after the page restored saved work at start. */
  clearHistory: () => void;
}

let nextId = 1;

export function takeSnapshot(state: AppState): HistorySnapshot {
  return {
    scenario: state.scenario,
    pendingChanges: state.pendingChanges,
    generation: state.generation,
    customAssignor: state.customAssignor,
    assignors: state.assignors,
    lessonId: state.lessonId,
    lessonAnswer: state.lessonAnswer,
    replaced: state.replaced,
  };
}

/** The part of `snapshot` an entry of `kind` restores. */
export function restorable(
  snapshot: HistorySnapshot,
  kind: HistoryEntry['kind'],
): Partial<HistorySnapshot> {
  const timeline = {
    scenario: snapshot.scenario,
    pendingChanges: snapshot.pendingChanges,
    generation: Math.min(snapshot.generation, snapshot.scenario.steps.length),
  };
  return kind === 'edit' ? timeline : { ...snapshot, ...timeline };
}

/** Whether the action changed anything an undo could give back. */
function changed(before: HistorySnapshot, after: HistorySnapshot, kind: HistoryEntry['kind']) {
  if (before.scenario !== after.scenario || before.pendingChanges !== after.pendingChanges)
    return true;
  return (
    kind === 'load' &&
    (before.customAssignor !== after.customAssignor ||
      before.lessonId !== after.lessonId ||
      before.assignors !== after.assignors)
  );
}

/** `stack` with `entry` on top, the oldest dropped beyond the limit. */
export function pushCapped(stack: HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const next = [...stack, entry];
  return next.length > HISTORY_LIMIT ? next.slice(next.length - HISTORY_LIMIT) : next;
}

/** The undo stack, or nothing if the page was reset under it (see `replacedAfter`). */
export function liveUndoStack(state: AppState): HistoryEntry[] {
  const top = state.undoStack.at(-1);
  return top !== undefined && top.replacedAfter !== state.replaced ? [] : state.undoStack;
}

export function liveRedoStack(state: AppState): HistoryEntry[] {
  return liveUndoStack(state).length === 0 && state.undoStack.length > 0 ? [] : state.redoStack;
}

type Get = () => AppState;
type Set = (partial: Partial<AppState>) => void;

let depth = 0;

/**
 * Runs `action` as one undoable entry. Nested actions (entering a lesson leaves the previous
 * one, then loads) belong to the outermost entry. Returns the entry's id, or undefined if the
 * action changed nothing.
 */
export function recordHistory(
  get: Get,
  set: Set,
  kind: HistoryEntry['kind'],
  label: string | ((before: AppState) => string),
  action: () => void,
): number | undefined {
  if (depth > 0) {
    action();
    return undefined;
  }
  const beforeState = get();
  const before = takeSnapshot(beforeState);
  const undoStack = liveUndoStack(beforeState);
  const text = typeof label === 'string' ? label : label(beforeState);
  depth++;
  try {
    action();
  } finally {
    depth--;
  }
  const afterState = get();
  if (!changed(before, takeSnapshot(afterState), kind)) return undefined;
  const id = nextId++;
  set({
    undoStack: pushCapped(undoStack, {
      id,
      label: text,
      kind,
      snapshot: before,
      replacedAfter: afterState.replaced,
    }),
    redoStack: [],
  });
  return id;
}
