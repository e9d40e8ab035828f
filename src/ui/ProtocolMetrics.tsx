/**
 * Per-generation figures of the rebalance protocol(s) shown: what stopped and for how long,
 * how many rounds it took, and each member's pause. One column per protocol, side by side.
 */
import type { GenerationMetrics as ProtocolGenerationMetrics } from '../protocol';
import { protocolAssignor } from '../store/protocolSlice';
import { selectComparedProtocol, selectProtocol } from '../store/selectors';
import { useAppStore } from '../store/store';
import { PROTOCOL_LABELS } from './ProtocolControls';
import { useShallow } from 'zustand/react/shallow';

const ROWS: {
  key: string;
  label: string;
  hint: string;
  value: (m: ProtocolGenerationMetrics) => number;
}[] = [
  {
    key: 'rounds',
    label: 'Rounds',
    hint: 'join/sync or reconcile rounds the rebalance needed',
    value: (m) => m.rounds,
  },
  {
    key: 'unconsumedPartitions',
    label: 'Partitions unconsumed',
    hint: 'partitions nobody consumed for some time during the rebalance',
    value: (m) => m.unconsumedPartitions,
  },
  {
    key: 'unconsumedPartitionMs',
    label: 'Unconsumed, partition·ms',
    hint: 'sum over partitions of the simulated time nobody consumed them',
    value: (m) => m.unconsumedPartitionMs,
  },
  {
    key: 'maxUnconsumedMs',
    label: 'Longest stop (ms)',
    hint: 'the longest any one partition went unconsumed',
    value: (m) => m.maxUnconsumedMs,
  },
  {
    key: 'durationMs',
    label: 'Time to settle (ms)',
    hint: 'from the trigger to the last member consuming its whole target',
    value: (m) => m.durationMs,
  },
];

export function ProtocolMetrics() {
  const { protocol, compared, generation, assignors, runs } = useAppStore(
    useShallow((s) => ({
      protocol: selectProtocol(s),
      compared: selectComparedProtocol(s),
      generation: s.generation,
      assignors: s.assignors,
      runs: s.protocolRuns,
    })),
  );
  if (protocol === undefined || generation === 0) return null;
  const protocols = compared === undefined ? [protocol] : [protocol, compared];
  const metrics = protocols.map(
    (p) => runs[protocolAssignor(assignors, p)]?.[p]?.[generation - 1]?.metrics,
  );
  const members = [
    ...new Set(metrics.flatMap((m) => (m === undefined ? [] : Object.keys(m.members)))),
  ];
  return (
    <table
      className="data protocol-metrics"
      style={{ maxWidth: 460 }}
      aria-label="Protocol metrics"
    >
      <thead>
        <tr>
          <th>protocol (simulated)</th>
          {protocols.map((p) => (
            <th key={p} className="num">
              {PROTOCOL_LABELS[p]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row.key} data-metric={`protocol-${row.key}`}>
            <td title={row.hint}>{row.label}</td>
            {metrics.map((m, i) => (
              <td key={protocols[i]} className="num">
                {m === undefined ? '…' : row.value(m)}
              </td>
            ))}
          </tr>
        ))}
        {members.map((member) => (
          <tr key={member} data-metric={`protocol-pause-${member}`}>
            <td title="time this member consumed nothing although it was due partitions">
              Pause of {member} (ms)
            </td>
            {metrics.map((m, i) => (
              <td key={protocols[i]} className="num">
                {m === undefined ? '…' : (m.members[member]?.pauseMs ?? '–')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
