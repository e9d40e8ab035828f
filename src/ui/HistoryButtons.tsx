import { liveRedoStack, liveUndoStack } from '../store/history';
import { useAppStore } from '../store/store';
import type { AppState } from '../store/types';
import { useShallow } from 'zustand/react/shallow';

const selectUndoLabel = (s: AppState) => liveUndoStack(s).at(-1)?.label;
const selectRedoLabel = (s: AppState) => liveRedoStack(s).at(-1)?.label;

/** Undo and Redo for every edit and load, each saying what it would undo or redo. */
export function HistoryButtons() {
  const { undoLabel, redoLabel, undo, redo } = useAppStore(
    useShallow((s) => ({
      undoLabel: selectUndoLabel(s),
      redoLabel: selectRedoLabel(s),
      undo: s.undo,
      redo: s.redo,
    })),
  );
  return (
    // Icons only: the top bar has no room for words, and each title says what it would do.
    <span className="row" role="group" aria-label="History">
      <button
        type="button"
        disabled={undoLabel === undefined}
        title={undoLabel === undefined ? 'Nothing to undo' : `Undo: ${undoLabel} (Ctrl+Z)`}
        aria-label="Undo"
        onClick={undo}
      >
        ↶
      </button>
      <button
        type="button"
        disabled={redoLabel === undefined}
        title={redoLabel === undefined ? 'Nothing to redo' : `Redo: ${redoLabel} (Ctrl+Shift+Z)`}
        aria-label="Redo"
        onClick={redo}
      >
        ↷
      </button>
    </span>
  );
}
