import type { StateCreator } from 'zustand';
import {
  liveRedoStack,
  liveUndoStack,
  pushCapped,
  restorable,
  takeSnapshot,
  type HistorySlice,
} from './history';
import type { AppState } from './types';

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set, get) => ({
  undoStack: [],
  redoStack: [],
  undo: () => {
    const state = get();
    const undoStack = liveUndoStack(state);
    const entry = undoStack.at(-1);
    if (entry === undefined) return;
    set({
      ...restorable(entry.snapshot, entry.kind),
      playing: false,
      inspectedMember: undefined,
      undoStack: undoStack.slice(0, -1),
      redoStack: pushCapped(liveRedoStack(state), { ...entry, snapshot: takeSnapshot(state) }),
      notice: { kind: 'info', text: `Undid: ${entry.label}.`, redoId: entry.id },
    });
  },
  redo: () => {
    const state = get();
    const redoStack = liveRedoStack(state);
    const entry = redoStack.at(-1);
    if (entry === undefined) return;
    set({
      ...restorable(entry.snapshot, entry.kind),
      playing: false,
      inspectedMember: undefined,
      redoStack: redoStack.slice(0, -1),
    });
    set({
      undoStack: pushCapped(liveUndoStack(state), {
        ...entry,
        snapshot: takeSnapshot(state),
        replacedAfter: get().replaced,
      }),
      notice: { kind: 'info', text: `Redid: ${entry.label}.`, undoId: entry.id },
    });
  },
  clearHistory: () => set({ undoStack: [], redoStack: [] }),
});
