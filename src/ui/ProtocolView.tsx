/**
 * The shown generation as a rebalance protocol plays it: its rounds (the position inside the
 * generation), each member's state at that point (paused, revoking, waiting; KIP-848 state and
 * member epoch) and the partitions it consumes or waits for. A partition in flight is drawn
 * unconsumed (hatched) with how long nobody consumed it. Two protocols sit side by side, in step.
 */
import { useMemo } from 'react';
import type { Protocol, ProtocolRun } from '../protocol';
import { topicColorScale, scenarioTopics } from '../render/topicColors';
import { builtinRunLabel } from '../scenario/builtinRuns';
import { snapshotOf, type MemberActivity, type MemberSnapshot } from '../scenario/protocolReplay';
import type { GenerationResult } from '../scenario/replay';
import { protocolAssignor } from '../store/protocolSlice';
import { isInvalidResult, selectComparedProtocol, selectProtocol } from '../store/selectors';
import { useAppStore } from '../store/store';
import { useShallow } from 'zustand/react/shallow';
import { PROTOCOL_LABELS } from './ProtocolControls';
import './protocolView.css';

const ACTIVITY_TEXT: Record<MemberActivity, string> = {
  consuming: 'consuming',
  idle: 'idle',
  waiting: 'rejoined, waiting (still consuming)',
  paused: 'paused',
  revoking: 'revoked in this round',
  left: 'left the group',
};

export function ProtocolView() {
  const { protocol, compared, generation, roundAt, status } = useAppStore(
    useShallow((s) => ({
      protocol: selectProtocol(s),
      compared: selectComparedProtocol(s),
      generation: s.generation,
      roundAt: s.roundAt,
      status: s.status,
    })),
  );
  if (protocol === undefined) return null;
  const round = roundAt?.generation === generation ? roundAt.round : undefined;
  const protocols = compared === undefined ? [protocol] : [protocol, compared];
  return (
    <section className="panel protocol-view" aria-label="Protocol rounds">
      <h2>
        Generation {generation} under {protocols.map((p) => PROTOCOL_LABELS[p]).join(' vs ')}
      </h2>
      {generation === 0 ? (
        <p className="muted">Before the first rebalance: nothing to play.</p>
      ) : (
        <div className={`protocol-sides ${protocols.length > 1 ? 'two' : ''}`}>
          {protocols.map((p, i) => (
            <ProtocolSide
              key={p}
              protocol={p}
              generation={generation}
              round={round}
              drivesRounds={i === 0}
              pending={status === 'running'}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function lastValidBefore(
  results: readonly GenerationResult[] | undefined,
  generation: number,
): GenerationResult | undefined {
  for (let g = generation - 1; g >= 1; g--) {
    const r = results?.[g - 1];
    if (r !== undefined && !isInvalidResult(r)) return r;
  }
  return undefined;
}

function ProtocolSide({
  protocol,
  generation,
  round,
  drivesRounds,
  pending,
}: {
  protocol: Protocol;
  generation: number;
  round: number | undefined;
  drivesRounds: boolean;
  pending: boolean;
}) {
  const assignor = useAppStore((s) => protocolAssignor(s.assignors, protocol));
  const { run, results, setRound } = useAppStore(
    useShallow((s) => ({
      run: s.protocolRuns[assignor]?.[protocol]?.[generation - 1],
      results: s.results[assignor],
      setRound: s.setRound,
    })),
  );
  const topics = useAppStore(useShallow((s) => scenarioTopics(s.scenario)));
  const color = useMemo(() => topicColorScale(topics), [topics]);
  const current = results?.[generation - 1];
  const label = PROTOCOL_LABELS[protocol];
  if (run === undefined || current === undefined) {
    return (
      <article className="protocol-side" aria-label={`${label} at generation ${generation}`}>
        <h3>{label}</h3>
        <p className="muted">
          {pending
            ? 'Computing…'
            : current !== undefined && isInvalidResult(current)
              ? 'This generation failed or is invalid: there is nothing to play.'
              : 'Not computed for this generation (over 20,000 partitions, or not replayed yet).'}
        </p>
      </article>
    );
  }
  // The compared side shows the same round when it has it, else its settled state.
  const shownRound = round !== undefined && round <= run.rounds.length ? round : undefined;
  const snapshot = snapshotOf(run, lastValidBefore(results, generation), current, shownRound);
  return (
    <article
      className="protocol-side"
      aria-label={`${label} at generation ${generation}`}
      data-protocol={protocol}
    >
      <h3>
        {label} <span className="muted">· assignor {builtinRunLabel(assignor)}</span>
      </h3>
      <RoundStrip
        run={run}
        round={shownRound}
        onPick={drivesRounds ? (r) => setRound(generation, r) : undefined}
      />
      <p className="protocol-figures" data-testid={`protocol-figures-${protocol}`}>
        {run.metrics.rounds} round{run.metrics.rounds === 1 ? '' : 's'} ·{' '}
        {run.metrics.unconsumedPartitions} partition
        {run.metrics.unconsumedPartitions === 1 ? '' : 's'} unconsumed ·{' '}
        {run.metrics.unconsumedPartitionMs} partition·ms · settled after {run.metrics.durationMs} ms
      </p>
      <ul className="protocol-members">
        {snapshot.members.map((m) => (
          <MemberRow
            key={m.member}
            member={m}
            protocol={protocol}
            unconsumedMs={snapshot.unconsumedMs}
            color={color}
          />
        ))}
      </ul>
    </article>
  );
}

function RoundStrip({
  run,
  round,
  onPick,
}: {
  run: ProtocolRun;
  round: number | undefined;
  onPick: ((round: number | undefined) => void) | undefined;
}) {
  const positions: (number | undefined)[] = [...run.rounds.map((r) => r.index), undefined];
  return (
    <div className="row round-strip" role="group" aria-label="Rounds">
      {run.rounds.length === 0 ? (
        <span className="muted">No rebalance: nobody else stopped</span>
      ) : null}
      {positions.map((r) => {
        const info = r === undefined ? undefined : run.rounds[r - 1];
        const text =
          info === undefined
            ? 'Settled'
            : `Round ${info.index}: ${info.kind === 'join-sync' ? 'join/sync' : 'reconcile'} ${info.startMs}–${info.endMs} ms`;
        return (
          <button
            key={r ?? 'settled'}
            type="button"
            className={r === round ? 'current' : ''}
            aria-pressed={r === round}
            disabled={onPick === undefined}
            onClick={() => onPick?.(r)}
          >
            {text}
          </button>
        );
      })}
    </div>
  );
}

function MemberRow({
  member,
  protocol,
  unconsumedMs,
  color,
}: {
  member: MemberSnapshot;
  protocol: Protocol;
  unconsumedMs: ReadonlyMap<string, number>;
  color: (topic: string) => string;
}) {
  const state =
    protocol === 'consumer' && member.consumerState !== undefined
      ? `${member.activity === 'consuming' ? '' : `${ACTIVITY_TEXT[member.activity]} · `}${member.consumerState}, epoch ${member.memberEpoch ?? '?'}`
      : ACTIVITY_TEXT[member.activity];
  return (
    <li
      className={`protocol-member ${member.activity}`}
      data-member={member.member}
      data-activity={member.activity}
      {...(member.consumerState !== undefined
        ? { 'data-consumer-state': member.consumerState }
        : {})}
    >
      <span className="protocol-member-name">{member.member}</span>
      <span className={`badge protocol-state ${member.activity}`} data-testid="member-state">
        {state}
      </span>
      <span className="protocol-partitions">
        {member.consuming.map((p) => (
          <span
            key={`${p.topic}-${p.partition}`}
            className="protocol-token"
            style={{ background: color(p.topic) }}
            title={`${p.topic}-${p.partition}: consumed`}
          >
            {p.partition}
          </span>
        ))}
        {member.waiting.map((p) => {
          const ms = unconsumedMs.get(`${p.topic}\u0000${p.partition}`) ?? 0;
          return (
            <span
              key={`${p.topic}-${p.partition}`}
              className="protocol-token unconsumed"
              style={{ borderColor: color(p.topic) }}
              data-unconsumed-ms={ms}
              title={`${p.topic}-${p.partition}: in flight, unconsumed for ${ms} ms in this generation`}
            >
              {p.partition}
              <small>{ms} ms</small>
            </span>
          );
        })}
      </span>
      {member.pauseMs > 0 ? (
        <span className="muted protocol-pause">paused {member.pauseMs} ms</span>
      ) : null}
    </li>
  );
}

const LANE_WORDS: Partial<Record<MemberActivity, string>> = {
  paused: 'paused',
  waiting: 'waiting',
  revoking: 'revoked',
  left: 'left',
};

/**
 * While a protocol round is shown on `assignor`'s lanes (the primary protocol plays on them):
 * member → a word or two for its lane caption (paused, waiting, revoked; under KIP-848 its
 * state and member epoch), and the partitions in flight at that moment, due to a member that
 * does not consume them yet (`topic\0partition` keys), which the lanes draw as unconsumed.
 * Undefined when no round is shown there.
 */
export function useRoundOnLanes(
  assignor: string,
): { laneStatus: Record<string, string>; inFlight: ReadonlyMap<string, number> } | undefined {
  const protocol = useAppStore(selectProtocol);
  const onThese = useAppStore((s) => {
    const shown = selectProtocol(s);
    return shown !== undefined && protocolAssignor(s.assignors, shown) === assignor;
  });
  const generation = useAppStore((s) => s.generation);
  const round = useAppStore((s) =>
    s.roundAt?.generation === s.generation ? s.roundAt.round : undefined,
  );
  const run = useAppStore((s) => {
    const shown = selectProtocol(s);
    return shown === undefined ? undefined : s.protocolRuns[assignor]?.[shown]?.[generation - 1];
  });
  const results = useAppStore((s) => s.results[assignor]);
  return useMemo(() => {
    const current = results?.[generation - 1];
    if (!onThese || protocol === undefined || round === undefined || run === undefined) return;
    if (current === undefined) return;
    const snapshot = snapshotOf(run, lastValidBefore(results, generation), current, round);
    const status: Record<string, string> = {};
    for (const m of snapshot.members) {
      const words =
        protocol === 'consumer' && m.consumerState !== undefined
          ? `${m.consumerState.replace('-partitions', '')} e${m.memberEpoch ?? '?'}`
          : LANE_WORDS[m.activity];
      if (words !== undefined) status[m.member] = words;
    }
    const inFlight = new Map<string, number>();
    for (const m of snapshot.members)
      for (const p of m.waiting) {
        const key = `${p.topic}\u0000${p.partition}`;
        inFlight.set(key, snapshot.unconsumedMs.get(key) ?? 0);
      }
    return { laneStatus: status, inFlight };
  }, [onThese, protocol, round, run, results, generation]);
}
