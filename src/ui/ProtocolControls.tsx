/**
 * The rebalance protocol switch (sidebar, under Rebalancing): which protocol generations are
 * played under, a second one to show beside it, and whether the step controls move by round.
 */
import { PROTOCOLS, type Protocol } from '../protocol';
import { selectComparedProtocol, selectProtocol } from '../store/selectors';
import { useAppStore } from '../store/store';
import { useShallow } from 'zustand/react/shallow';
import { ProtocolTimingsForm } from './ProtocolTimings';

export const PROTOCOL_LABELS: Record<Protocol, string> = {
  eager: 'eager (aiokafka)',
  cooperative: 'cooperative (KIP-429)',
  consumer: 'consumer (KIP-848)',
};

function parseProtocol(value: string): Protocol | undefined {
  return (PROTOCOLS as readonly string[]).includes(value) ? (value as Protocol) : undefined;
}

export function ProtocolControls() {
  const { protocol, compared, stepRounds, setProtocol, setComparedProtocol, setStepRounds } =
    useAppStore(
      useShallow((s) => ({
        protocol: selectProtocol(s),
        compared: selectComparedProtocol(s),
        stepRounds: s.stepRounds,
        setProtocol: s.setProtocol,
        setComparedProtocol: s.setComparedProtocol,
        setStepRounds: s.setStepRounds,
      })),
    );
  return (
    <div className="stack protocol-controls">
      <label className="row">
        Protocol
        <select
          aria-label="Rebalance protocol"
          value={protocol ?? ''}
          onChange={(e) => setProtocol(parseProtocol(e.target.value))}
        >
          <option value="">not shown</option>
          {PROTOCOLS.map((p) => (
            <option key={p} value={p}>
              {PROTOCOL_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      {protocol !== undefined ? (
        <>
          <label className="row">
            Beside it
            <select
              aria-label="Compare with protocol"
              value={compared ?? ''}
              onChange={(e) => setComparedProtocol(parseProtocol(e.target.value))}
            >
              <option value="">nothing</option>
              {PROTOCOLS.filter((p) => p !== protocol).map((p) => (
                <option key={p} value={p}>
                  {PROTOCOL_LABELS[p]}
                </option>
              ))}
            </select>
          </label>
          <label className="row">
            <input
              type="checkbox"
              checked={stepRounds}
              onChange={(e) => setStepRounds(e.target.checked)}
            />
            Step through rounds (◀ ▶, ← →)
          </label>
          <ProtocolTimingsForm />
          {protocol === 'consumer' ? (
            <span className="muted">
              The coordinator computes the assignment with a server-side assignor (uniform or range,
              KIP-848); pick one under Assignors.
            </span>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
