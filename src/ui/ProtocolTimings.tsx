/**
 * The protocol's simulated timings (heartbeat, poll, coordinator, revoke, session timeout),
 * settable on the page. They live in the scenario, so they are undoable and travel with the
 * file and the share link; the pause figures and the rounds follow them.
 */
import { useState } from 'react';
import { DEFAULT_TIMINGS, type ProtocolTimings } from '../protocol';
import { timingsSchema } from '../scenario/file';
import { useAppStore } from '../store/store';

const FIELDS: readonly { key: keyof ProtocolTimings; label: string; hint: string }[] = [
  { key: 'heartbeatIntervalMs', label: 'Heartbeat', hint: 'heartbeat.interval.ms' },
  { key: 'pollIntervalMs', label: 'Poll', hint: 'time until the next poll() runs callbacks' },
  { key: 'rebalanceMs', label: 'Coordinator', hint: 'one join/sync round, or a KIP-848 target' },
  { key: 'revokeMs', label: 'Revoke', hint: 'onPartitionsRevoked: committing offsets' },
  { key: 'sessionTimeoutMs', label: 'Session timeout', hint: 'session.timeout.ms' },
];

export function ProtocolTimingsForm() {
  const timings = useAppStore((s) => s.scenario.protocol?.timings);
  const setProtocolTimings = useAppStore((s) => s.setProtocolTimings);
  return (
    <details className="protocol-timings">
      <summary>Timings (simulated ms)</summary>
      <div className="stack">
        {FIELDS.map((field) => (
          <TimingField
            key={`${field.key}:${timings?.[field.key] ?? ''}`}
            field={field}
            value={timings?.[field.key] ?? DEFAULT_TIMINGS[field.key]}
            onCommit={(value) => setProtocolTimings({ [field.key]: value })}
          />
        ))}
      </div>
    </details>
  );
}

/** One timing: typed freely, checked and applied on Enter or when focus leaves. */
function TimingField({
  field,
  value,
  onCommit,
}: {
  field: (typeof FIELDS)[number];
  value: number;
  onCommit: (value: number) => void;
}) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | undefined>();
  const id = `timing-${field.key}`;
  const commit = () => {
    const number = text.trim() === '' ? Number.NaN : Number(text);
    const checked = timingsSchema.shape[field.key].safeParse(number);
    if (!checked.success || checked.data === undefined || !Number.isFinite(number)) {
      // The scenario keeps its timing: a typo never replays the group with nonsense.
      setError(
        `${field.label}: ${checked.success ? 'must be a number of ms' : (checked.error.issues[0]?.message ?? 'not a timing')}; kept ${value} ms`,
      );
      return;
    }
    setError(undefined);
    if (checked.data !== value) onCommit(checked.data);
  };
  return (
    <div className="timing-field">
      <label htmlFor={id} title={field.hint}>
        {field.label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        step={50}
        value={text}
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? undefined : `${id}-error`}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {error === undefined ? null : (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
