/**
 * A generation's protocol rounds under its timeline chip: one button per round (join/sync or
 * KIP-848 reconcile), so a learner sees at a glance which rebalances took two rounds, which
 * took none (a static restart), and can jump to a round. Shown only while a protocol is.
 */
import { useShallow } from 'zustand/react/shallow';
import { selectPrimaryRun } from '../store/protocolSlice';
import { useAppStore } from '../store/store';

export function TimelineRounds({ generation }: { generation: number }) {
  const { run, roundShown, setRound } = useAppStore(
    useShallow((s) => ({
      run: selectPrimaryRun(s, generation),
      roundShown: s.roundAt?.generation === generation ? s.roundAt.round : undefined,
      setRound: s.setRound,
    })),
  );
  if (run === undefined) return null;
  const stopped = run.metrics.unconsumedPartitions;
  return (
    <div
      className="gen-rounds"
      role="group"
      aria-label={`Generation ${generation}: ${run.rounds.length} round${run.rounds.length === 1 ? '' : 's'}, ${stopped} partition${stopped === 1 ? '' : 's'} unconsumed`}
      data-rounds={run.rounds.length}
    >
      {run.rounds.length === 0 ? <span className="muted">no rebalance</span> : null}
      {run.rounds.map((round) => (
        <button
          key={round.index}
          type="button"
          className={`round-pip ${round.kind}`}
          aria-pressed={roundShown === round.index}
          aria-label={`R${round.index}: generation ${generation}, round ${round.index}, ${round.kind === 'join-sync' ? 'join/sync' : 'reconcile'} ${round.startMs}–${round.endMs} ms`}
          title={`Round ${round.index}: ${round.kind === 'join-sync' ? 'join/sync' : 'reconcile'}, ${round.startMs}–${round.endMs} ms`}
          onClick={() => setRound(generation, round.index)}
        >
          R{round.index}
        </button>
      ))}
      {stopped > 0 ? (
        <span className="muted" title="partitions nobody consumed for a while in this generation">
          {run.rounds.length === 0 ? '· ' : ''}
          {stopped} stopped
        </span>
      ) : null}
    </div>
  );
}
