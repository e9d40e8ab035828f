/**
 * The custom assignor panel: a code editor for the user's own assignor, with a template and
 * examples, a per-generation deadline, and the verdicts of the last run. "Run" saves the
 * source into the store; the custom replay controller (src/app/customController.ts) runs it in
 * the sandbox and stores the results under `results.custom`, which this panel reads back.
 */
import { useEffect, useEffectEvent, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { AssignorLanguage } from '../custom/compile';
import { createEditor, type AssignorEditor } from '../custom/editor';
import { DEFAULT_RUN_BUDGET_MS } from '../custom/supervisor';
import { EXAMPLES, findExample, TEMPLATE, type AssignorExample } from '../custom/examples';
import {
  assignorNameOf,
  generationVerdicts,
  loadErrorLine,
  type GenerationVerdict,
} from '../custom/panelModel';
import { CUSTOM_ASSIGNOR, REVIEW_CUSTOM_CODE_NOTICE } from '../store/customAssignorSlice';
import { useAppStore } from '../store/store';
import type { AppState } from '../store/types';
import { CustomRunPreview } from './CustomRunPreview';
import './customAssignorPanel.css';
import { useShallow } from 'zustand/react/shallow';

const selectSaved = (s: AppState) => s.customAssignor;
const selectDeadlineMs = (s: AppState) => s.customDeadlineMs;
const selectSetDeadlineMs = (s: AppState) => s.setCustomDeadlineMs;
const selectStatus = (s: AppState) => s.customStatus;
const selectLoadError = (s: AppState) => s.customLoadError;
const selectResults = (s: AppState) => s.results[CUSTOM_ASSIGNOR];
const selectSetGeneration = (s: AppState) => s.setGeneration;

const LANGUAGES: { value: AssignorLanguage; label: string }[] = [
  { value: 'typescript', label: 'TypeScript' },
  { value: 'javascript', label: 'JavaScript' },
];

const EXAMPLE_GROUPS: { label: string; kinds: AssignorExample['kind'][] }[] = [
  { label: 'Start from', kinds: ['template', 'working'] },
  { label: 'Broken on purpose', kinds: ['broken'] },
];

export interface CustomAssignorPanelProps {
  /** Shows a Close button and closes on Escape. */
  onClose?: () => void;
}

export function CustomAssignorPanel({ onClose }: CustomAssignorPanelProps) {
  const {
    saved,
    deadlineMs,
    setDeadlineMs,
    status,
    loadError,
    results,
    setGeneration,
    runCustomAssignor,
  } = useAppStore(
    useShallow((s) => ({
      saved: selectSaved(s),
      deadlineMs: selectDeadlineMs(s),
      setDeadlineMs: selectSetDeadlineMs(s),
      status: selectStatus(s),
      loadError: selectLoadError(s),
      results: selectResults(s),
      setGeneration: selectSetGeneration(s),
      runCustomAssignor: s.runCustomAssignor,
    })),
  );

  const [language, setLanguage] = useState<AssignorLanguage>(saved?.language ?? TEMPLATE.language);
  const [syncedFrom, setSyncedFrom] = useState(saved);
  const [loadedExample, setLoadedExample] = useState<
    { example: AssignorExample; previousLanguage: AssignorLanguage } | undefined
  >(undefined);
  const [deadlineText, setDeadlineText] = useState(String(deadlineMs));
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<AssignorEditor | undefined>(undefined);
  const headingId = useId();
  const introId = useId();

  // A source that arrives from elsewhere (an imported file, a share link, the autosave)
  // brings its language with it; the editor text follows in an effect below.
  if (saved !== syncedFrom) {
    setSyncedFrom(saved);
    if (saved !== undefined) setLanguage(saved.language);
  }

  const run = () => {
    const source = editor.current?.getText();
    if (source === undefined) return;
    setLoadedExample(undefined);
    runCustomAssignor({ name: assignorNameOf(source), language, source });
  };
  const runFromEditor = useEffectEvent(run);

  // Mount the editor once; focus moves into it, and back to the opener on close.
  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const opener = document.activeElement;
    const initial = useAppStore.getState().customAssignor ?? TEMPLATE;
    const created = createEditor(element, {
      text: initial.source,
      language: initial.language,
      label: 'Assignor source',
      onRun: () => runFromEditor(),
    });
    editor.current = created;
    created.focus();
    return () => {
      created.destroy();
      editor.current = undefined;
      if ((opener instanceof HTMLElement || opener instanceof SVGElement) && opener.isConnected) {
        opener.focus();
      }
    };
  }, []);

  useEffect(() => editor.current?.setLanguage(language), [language]);

  useEffect(() => {
    const current = editor.current;
    if (saved !== undefined && current !== undefined && current.getText() !== saved.source) {
      current.setText(saved.source);
    }
  }, [saved]);

  useEffect(() => {
    editor.current?.setProblems(
      loadError?.line === undefined
        ? []
        : [
            {
              message: loadError.message,
              line: loadError.line,
              ...(loadError.column === undefined ? {} : { column: loadError.column }),
            },
          ],
    );
  }, [loadError]);

  const loadExample = (id: string) => {
    const example = findExample(id);
    const current = editor.current;
    if (example === undefined || current === undefined) return;
    setLoadedExample({ example, previousLanguage: language });
    current.setText(example.source);
    setLanguage(example.language);
  };

  const undoExample = () => {
    if (loadedExample === undefined) return;
    editor.current?.undo();
    editor.current?.focus();
    setLanguage(loadedExample.previousLanguage);
    setLoadedExample(undefined);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // CodeMirror takes Escape first when it has something to close (e.g. completions).
    if (event.key !== 'Escape' || event.defaultPrevented || onClose === undefined) return;
    event.preventDefault();
    onClose();
  };

  return (
    // A <section>, not an <aside>: a complementary landmark may not be a dialog. Its top row is
    // a <div>, since a <header> here would count as a second banner beside the top bar.
    <section
      className="drawer custom-assignor"
      role="dialog"
      aria-labelledby={headingId}
      aria-describedby={introId}
      onKeyDown={onKeyDown}
    >
      <div className="drawer-header">
        <h2 id={headingId}>Custom assignor</h2>
        {onClose === undefined ? null : (
          <button type="button" aria-label="Close custom assignor" onClick={onClose}>
            Close
          </button>
        )}
      </div>
      <p id={introId} className="muted custom-intro">
        Your own assignor in TypeScript or JavaScript, run in a sandboxed worker on this scenario
        and shown as <strong>custom</strong> next to the built-in ones. Export it with{' '}
        <code>export default</code>; the interface is in <code>docs/assignors.md</code>.
      </p>

      <div className="row custom-toolbar">
        <label className="row">
          <span className="muted">Language</span>
          <select
            aria-label="Language"
            value={language}
            onChange={(e) =>
              setLanguage(e.target.value === 'javascript' ? 'javascript' : 'typescript')
            }
          >
            {LANGUAGES.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        <select aria-label="Examples" value="" onChange={(e) => loadExample(e.target.value)}>
          <option value="" disabled>
            Load an example…
          </option>
          {EXAMPLE_GROUPS.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {EXAMPLES.filter((e) => group.kinds.includes(e.kind)).map((example) => (
                <option key={example.id} value={example.id}>
                  {example.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <label className="row" title="How long each generation may take before it is stopped">
          <span className="muted">Deadline</span>
          <input
            type="number"
            aria-label="Deadline (ms)"
            min={50}
            max={60000}
            step={100}
            value={deadlineText}
            onChange={(e) => {
              setDeadlineText(e.target.value);
              const ms = Number(e.target.value);
              if (e.target.value !== '' && Number.isFinite(ms) && ms >= 50) setDeadlineMs(ms);
            }}
            onBlur={() => setDeadlineText(String(useAppStore.getState().customDeadlineMs))}
            style={{ width: 80 }}
          />
          <span className="muted">ms</span>
        </label>
      </div>

      {loadedExample === undefined ? null : (
        <div className="notice info custom-example-note" role="status">
          <span className="text">
            Loaded “{loadedExample.example.title}”. {loadedExample.example.description}
          </span>
          <button type="button" onClick={undoExample}>
            Undo
          </button>
        </div>
      )}

      <div ref={host} className="custom-editor" />

      <div className="row custom-run">
        <button type="button" className="primary" onClick={run}>
          Run
        </button>
        <span className="muted">or Ctrl+Enter in the editor</span>
      </div>

      <RunReport
        status={status}
        loadError={loadError}
        results={results}
        deadlineMs={deadlineMs}
        onShowGeneration={setGeneration}
        onShowError={(line, column) => editor.current?.reveal(line, column)}
      />
      <CustomRunPreview />
    </section>
  );
}

function RunReport({
  status,
  loadError,
  results,
  deadlineMs,
  onShowGeneration,
  onShowError,
}: {
  status: AppState['customStatus'];
  loadError: AppState['customLoadError'];
  results: AppState['results'][string] | undefined;
  deadlineMs: number;
  onShowGeneration: (generation: number) => void;
  onShowError: (line: number, column?: number) => void;
}) {
  if (status === 'running') {
    return (
      <p className="muted" role="status">
        Running in the sandbox (each generation may take up to {deadlineMs} ms, the whole run up to{' '}
        {DEFAULT_RUN_BUDGET_MS / 1000} s)…
      </p>
    );
  }
  if (status === 'review') {
    return (
      <div className="notice info custom-review" role="status">
        <span className="text">{REVIEW_CUSTOM_CODE_NOTICE} It has not run yet.</span>
      </div>
    );
  }
  if (status === 'error' && loadError !== undefined) {
    const { line, column } = loadError;
    return (
      <div className="notice error custom-load-error" role="alert">
        <span className="text">
          <strong>Not loaded.</strong> {loadErrorLine(loadError)}
        </span>
        {line === undefined ? null : (
          <button type="button" onClick={() => onShowError(line, column)}>
            Go to line {line}
          </button>
        )}
      </div>
    );
  }
  if (results === undefined) {
    return (
      <p className="muted" role="status">
        Not run yet. After a run, its verdicts and lanes appear here.
      </p>
    );
  }
  const verdicts = generationVerdicts(results);
  return (
    <section className="custom-report" aria-label="Verdicts" role="status">
      {verdicts.length === 0 ? (
        <p className="custom-ok">
          <span className="badge ok">valid</span> All {results.length} generations gave a valid
          assignment.
        </p>
      ) : (
        <>
          <p>
            <span className="badge bad">
              {verdicts.length} of {results.length}
            </span>{' '}
            generations failed or broke the rules:
          </p>
          <ul className="custom-verdicts">
            {verdicts.map((verdict) => (
              <VerdictItem
                key={verdict.generation}
                verdict={verdict}
                onShow={() => onShowGeneration(verdict.generation)}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function VerdictItem({ verdict, onShow }: { verdict: GenerationVerdict; onShow: () => void }) {
  return (
    <li data-generation={verdict.generation}>
      <button
        type="button"
        className="link"
        title={`Show generation ${verdict.generation}`}
        onClick={onShow}
      >
        generation {verdict.generation}
      </button>
      : {verdict.summary}
      {verdict.details.length === 0 ? null : (
        <ul>
          {verdict.details.map((detail, i) => (
            // Problems can repeat word for word (a partition listed twice), so index keys.
            <li key={i}>{detail}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** For `React.lazy`, which wants a default export. */
export default CustomAssignorPanel;
