import { serializeScenario } from '../scenario/file';
import { useAppStore } from '../store/store';
import { selectNotice } from '../store/selectors';
import { downloadBlob, fileSlug } from './download';

/** The same file as the Export button writes. */
function exportCurrentScenario(): void {
  const { scenario, customAssignor } = useAppStore.getState();
  const blob = new Blob([serializeScenario(scenario, customAssignor)], {
    type: 'application/json',
  });
  downloadBlob(blob, `${fileSlug(scenario.name)}.json`);
}

/** Errors and confirmations in words, with a way back when a load replaced the user's work. */
export function NoticeBar() {
  const notice = useAppStore(selectNotice);
  const replaced = useAppStore((s) => s.replaced);
  const restoreReplaced = useAppStore((s) => s.restoreReplaced);
  const showNotice = useAppStore((s) => s.showNotice);
  if (notice === undefined) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span className="text">{notice.text}</span>
      {notice.undoable && replaced !== undefined ? (
        <button
          type="button"
          onClick={() => {
            restoreReplaced();
            showNotice({ kind: 'info', text: `Back to “${replaced.scenario.name}”.` });
          }}
        >
          Undo
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
