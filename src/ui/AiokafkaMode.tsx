/**
 * The faithful / fixed switch for aiokafka's known defects, and the verdict a built-in
 * result gets when aiokafka itself fails on it (it never returns, or its assignment is invalid).
 */
import { ASSIGNOR_MODES, BUILTIN_ASSIGNOR_NAMES } from '../core/assignors';
import { otherModeVariant, scenarioMode } from '../scenario/builtinRuns';
import { builtinVerdict } from '../scenario/builtinVerdict';
import type { GenerationResult } from '../scenario/replay';
import { useAppStore } from '../store/store';
import { useShallow } from 'zustand/react/shallow';

/** The assignors the page offers: the built-ins, sticky in the other mode, and custom. */
export function shownAssignors(mode: 'faithful' | 'fixed'): string[] {
  return [...BUILTIN_ASSIGNOR_NAMES, otherModeVariant(mode), 'custom'];
}

export function AssignorModeSwitch() {
  const { mode, setAssignorMode } = useAppStore(
    useShallow((s) => ({
      mode: scenarioMode(s.scenario),
      setAssignorMode: s.setAssignorMode,
    })),
  );
  return (
    <label
      className="row edit-only"
      title="faithful reproduces aiokafka 0.14 exactly, defects included; fixed corrects its two sticky defects"
    >
      <span className="muted">aiokafka defects</span>
      <select
        aria-label="aiokafka defects"
        value={mode}
        onChange={(e) => setAssignorMode(e.target.value === 'fixed' ? 'fixed' : 'faithful')}
      >
        {ASSIGNOR_MODES.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The verdict on one built-in generation, or nothing when aiokafka got it right. */
export function BuiltinVerdictNotice({ result }: { result: GenerationResult }) {
  const verdict = builtinVerdict(result);
  if (verdict === undefined) return null;
  return (
    <div
      className="notice error"
      role="alert"
      data-testid="aiokafka-verdict"
      data-kind={verdict.kind}
    >
      <strong>Generation {result.generation}:</strong> {verdict.summary}{' '}
      <span className="muted">Switch “aiokafka defects” to fixed to see the corrected result.</span>
      {verdict.details.length === 0 ? null : (
        <details>
          <summary>
            {verdict.details.length} violation{verdict.details.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {verdict.details.slice(0, 50).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
