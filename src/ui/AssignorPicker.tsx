/**
 * Which assignors are compared, and which one is primary. Both rules are on screen: the
 * limit (boxes disable at MAX_COMPARED_ASSIGNORS, with a line saying so) and the primary
 * (a radio per compared assignor), so nothing is dropped or promoted behind the user's back.
 */
import {
  isInvalidResult,
  selectProtocol,
  selectShownResults,
  selectFiguresHidden,
} from '../store/selectors';
import { useAppStore } from '../store/store';
import { MAX_COMPARED_ASSIGNORS } from '../store/viewSlice';
import { builtinRunLabel, isModeVariantName, scenarioMode } from '../scenario/builtinRuns';
import { JAVA_RUN_NAMES, javaRunFits } from '../scenario/javaRuns';
import { SERVER_RUN_NAMES } from '../scenario/serverRuns';
import { toggleAssignor } from './assignorChoice';
import { shownAssignors } from './AiokafkaMode';
import { useShallow } from 'zustand/react/shallow';

export function AssignorPicker() {
  const { assignors, setAssignors, setPrimaryAssignor, mode } = useAppStore(
    useShallow((s) => ({
      assignors: s.assignors,
      setAssignors: s.setAssignors,
      setPrimaryAssignor: s.setPrimaryAssignor,
      mode: scenarioMode(s.scenario),
    })),
  );
  // The consumer protocol's assignment is the coordinator's: only server-side assignors fit.
  // Kafka's Java assignors fit where a Java group runs them (sticky eager, cooperative-sticky
  // cooperatively).
  const protocol = useAppStore((s) => selectProtocol(s));
  const choices: readonly string[] =
    protocol === 'consumer'
      ? SERVER_RUN_NAMES
      : [...shownAssignors(mode), ...JAVA_RUN_NAMES.filter((name) => javaRunFits(name, protocol))];
  const full = assignors.length >= MAX_COMPARED_ASSIGNORS;
  const primary = assignors[0];
  const limitText = `At most ${MAX_COMPARED_ASSIGNORS} at once: untick one to compare another.`;

  return (
    <fieldset className="assignor-picker" aria-describedby="assignor-picker-hint">
      <legend className="muted">Assignors</legend>
      <div className="row">
        {choices.map((name) => {
          const shown = assignors.includes(name);
          const blocked = !shown && full;
          return (
            <span key={name} className={`assignor-choice ${name === primary ? 'primary' : ''}`}>
              <label className="row" title={blocked ? limitText : undefined}>
                <input
                  type="checkbox"
                  aria-label={checkboxLabel(name)}
                  checked={shown}
                  disabled={blocked}
                  onChange={(e) => setAssignors(toggleAssignor(assignors, name, e.target.checked))}
                />
                {builtinRunLabel(name)}
              </label>
              {shown && assignors.length > 1 ? (
                <label
                  className="row primary-choice"
                  title="Metrics, diff and the inspector follow the primary"
                >
                  <input
                    type="radio"
                    name="primary-assignor"
                    aria-label={`Make ${builtinRunLabel(name)} primary`}
                    checked={name === primary}
                    onChange={() => setPrimaryAssignor(name)}
                  />
                  <span className="muted">primary</span>
                </label>
              ) : null}
            </span>
          );
        })}
      </div>
      <div id="assignor-picker-hint" className="muted picker-hint" data-testid="assignor-limit">
        {full ? limitText : `Compare up to ${MAX_COMPARED_ASSIGNORS}.`} Metrics, diff and the
        inspector follow the primary
        {primary === undefined ? '' : ` (${builtinRunLabel(primary)})`}.
      </div>
    </fieldset>
  );
}

/** "Moved over all generations: sticky 2 vs roundrobin 16", honest about hidden and invalid. */
export function CompareTotals() {
  const { assignors, results, hidden } = useAppStore(
    useShallow((s) => ({
      assignors: s.assignors,
      results: selectShownResults(s),
      hidden: selectFiguresHidden(s),
    })),
  );
  if (assignors.length < 2) return null;
  if (hidden) {
    return (
      <span className="compare-totals muted" data-testid="compare-totals">
        Moved over all generations: hidden until you answer the lesson question
      </span>
    );
  }
  return (
    <span className="compare-totals" data-testid="compare-totals">
      Moved over all generations:{' '}
      {assignors.map((name, i) => {
        const generations = results[name];
        const invalid = generations?.filter(isInvalidResult).length ?? 0;
        return (
          <span key={name}>
            {i > 0 ? ' vs ' : ''}
            <strong>{builtinRunLabel(name)}</strong>{' '}
            {generations?.reduce((sum, r) => sum + r.metrics.moved, 0) ?? '…'}
            {invalid > 0 ? (
              <span
                className="badge bad"
                title="generations whose result breaks the rules or failed"
              >
                {invalid} invalid
              </span>
            ) : null}
          </span>
        );
      })}
    </span>
  );
}

/** "Show sticky" for an assignor; a mode variant gets words that do not contain it. */
function checkboxLabel(name: string): string {
  return isModeVariantName(name)
    ? `Compare sticky in ${name === 'sticky-fixed' ? 'fixed' : 'faithful'} mode`
    : `Show ${name}`;
}
