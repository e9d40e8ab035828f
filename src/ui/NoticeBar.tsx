import { liveRedoStack, liveUndoStack } from '../store/history';
import { useAppStore } from '../store/store';
import { selectNotice } from '../store/selectors';
import type { AppState } from '../store/types';
import { downloadShownScenario } from './scenarioExport';
import { useShallow } from 'zustand/react/shallow';

/** The same file as the Export button writes. */
const exportCurrentScenario = downloadShownScenario;

const selectLastDone = (s: AppState) => liveUndoStack(s).at(-1);
const selectLastUndoneId = (s: AppState) => liveRedoStack(s).at(-1)?.id;

/**
 * Errors and confirmations in words, with a way back: to the scenario a load replaced, or
 * Undo/Redo of the action the notice describes while it is still the last one.
 */
export function NoticeBar() {
  const { notice, replaced, restoreReplaced, showNotice, lastDone, lastUndone, undo, redo } =
    useAppStore(
      useShallow((s) => ({
        notice: selectNotice(s),
        replaced: s.replaced,
        restoreReplaced: s.restoreReplaced,
        showNotice: s.showNotice,
        lastDone: selectLastDone(s),
        lastUndone: selectLastUndoneId(s),
        undo: s.undo,
        redo: s.redo,
      })),
    );
  if (notice === undefined) return null;
  const offerUndo = notice.undoId !== undefined && notice.undoId === lastDone?.id;
  const offerRedo = notice.redoId !== undefined && notice.redoId === lastUndone;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span className="text">{notice.text}</span>
      {offerUndo ? (
        <button type="button" onClick={undo} title={`Undo: ${lastDone?.label}`}>
          {/* An error kept the way back of an earlier action: say which one. */}
          {notice.kind === 'error' ? `Undo: ${lastDone?.label}` : 'Undo'}
        </button>
      ) : notice.undoable && replaced !== undefined ? (
        <button
          type="button"
          onClick={() => {
            restoreReplaced();
            showNotice({ kind: 'info', text: `Back to “${replaced.scenario.name}”.` });
          }}
        >
          Undo (back to “{replaced.scenario.name}”)
        </button>
      ) : null}
      {offerRedo ? (
        <button type="button" onClick={redo}>
          Redo
        </button>
      ) : null}
      {notice.offerExport ? (
        <button type="button" onClick={exportCurrentScenario}>
          Export
        </button>
      ) : null}
      {notice.action !== undefined ? (
        <button type="button" onClick={notice.action.run}>
          {notice.action.label}
        </button>
      ) : null}
      <button type="button" aria-label="Dismiss message" onClick={() => showNotice(undefined)}>
        ×
      </button>
    </div>
  );
}
