import { useRef } from 'react';
import { parseResultsFile, ResultsFileError, resultsFileText } from '../results/resultsFile';
import { selectDiffView } from '../store/diff';
import { selectFiguresHidden } from '../store/selectors';
import { useAppStore } from '../store/store';
import { SHOWN_ASSIGNORS } from './assignorChoice';
import { downloadBlob } from './download';
import { useShallow } from 'zustand/react/shallow';

/**
 * Checking an assignor change for regressions: diff the primary assignor against another
 * assignor or a baseline results file (from `npm run cli -- replay`), and save results.
 */
export function DiffBar() {
  const { assignors, baseline, setDiffBaseline, showNotice, view, generation } = useAppStore(
    useShallow((s) => ({
      assignors: s.assignors,
      baseline: s.diffBaseline,
      setDiffBaseline: s.setDiffBaseline,
      showNotice: s.showNotice,
      view: selectDiffView(s),
      generation: s.generation,
    })),
  );
  // During a lesson question, the diff must not tell whether the asked generation differs.
  const hidden = useAppStore(selectFiguresHidden);
  const fileInput = useRef<HTMLInputElement>(null);
  const primary = assignors[0] ?? 'sticky';
  const others = SHOWN_ASSIGNORS.filter((name) => name !== primary);

  const value =
    baseline === undefined
      ? ''
      : baseline.kind === 'assignor'
        ? `assignor:${baseline.name}`
        : 'file';

  const loadBaseline = async (file: File) => {
    try {
      const results = parseResultsFile(await file.text());
      setDiffBaseline({ kind: 'file', fileName: file.name, results });
    } catch (error) {
      const reason = error instanceof ResultsFileError ? error.message : String(error);
      showNotice({
        kind: 'error',
        text: `${file.name} is not a results file we can diff against: ${reason}`,
      });
    }
  };

  const saveResults = () => {
    const state = useAppStore.getState();
    const generations = state.results[primary];
    if (generations === undefined) return;
    // Under a protocol the file carries its rounds and figures, as the CLI's replay writes.
    const text = resultsFileText(state.scenario, primary, generations, state.scenario.protocol);
    downloadBlob(new Blob([text], { type: 'application/json' }), `${primary}-results.json`);
  };

  const current = view.status === 'ready' ? view.diff.generations[generation - 1] : undefined;

  return (
    <div className="row diff-bar" aria-label="Diff">
      <label className="row">
        <span className="muted">Diff {primary} against</span>
        <select
          aria-label="Diff against"
          value={value}
          onChange={(e) => {
            const choice = e.target.value;
            if (choice === '') setDiffBaseline(undefined);
            else if (choice === 'file') fileInput.current?.click();
            else setDiffBaseline({ kind: 'assignor', name: choice.slice('assignor:'.length) });
          }}
        >
          <option value="">nothing</option>
          {others.map((name) => (
            <option key={name} value={`assignor:${name}`}>
              {name}
            </option>
          ))}
          <option value="file">
            {baseline?.kind === 'file' ? baseline.fileName : 'a results file…'}
          </option>
        </select>
      </label>
      <input
        ref={fileInput}
        type="file"
        hidden
        accept="application/json,.json"
        aria-label="Load baseline results file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void loadBaseline(file);
          e.target.value = '';
        }}
      />
      <button type="button" className="small" onClick={saveResults}>
        Save {primary} results
      </button>
      {view.status === 'error' ? (
        <span className="badge bad" role="alert">
          {view.message}
        </span>
      ) : null}
      {view.status === 'ready' ? (
        <span data-testid="diff-summary">
          {hidden ? (
            <>
              <span className="badge">
                {current?.partitions.length ?? 0} partition
                {current?.partitions.length === 1 ? '' : 's'} differ here
              </span>{' '}
              <span className="muted">later generations hidden until you answer</span>
            </>
          ) : view.diff.identical ? (
            <span className="badge ok">identical in every generation</span>
          ) : (
            <>
              <span className="badge bad">
                {current?.partitions.length ?? 0} partition
                {current?.partitions.length === 1 ? '' : 's'} differ here
              </span>{' '}
              <span className="muted">
                {view.diff.summary.differingGenerations} of {view.diff.summary.generations}{' '}
                generations differ; highlighted on the {primary} lanes
              </span>
            </>
          )}
        </span>
      ) : null}
    </div>
  );
}
