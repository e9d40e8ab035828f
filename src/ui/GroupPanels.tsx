import { useMemo } from 'react';
import type { LayoutGenerationInput } from '../render/layout';
import { scenarioTopics } from '../render/topicColors';
import type { Scenario } from '../scenario/types';
import { selectDiffView } from '../store/diff';
import { useAppStore } from '../store/store';
import { DiffBar } from './DiffBar';
import { ExportButtons } from './ExportButtons';
import { isInvalidResult, resultAt, selectResults } from '../store/selectors';
import { AssignorPicker, CompareTotals } from './AssignorPicker';
import { AssignorModeSwitch, BuiltinVerdictNotice } from './AiokafkaMode';
import { builtinRunLabel, isBuiltinRunName } from '../scenario/builtinRuns';
import { builtinVerdict } from '../scenario/builtinVerdict';
import { GroupView, type GroupViewProps } from './GroupView';
import { useRoundOnLanes } from './ProtocolView';
import { useShallow } from 'zustand/react/shallow';

/** The group under one to three assignors side by side, played in sync. */
export function GroupPanels() {
  const {
    assignors,
    generation,
    results,
    animations,
    inspectMember,
    topics,
    status,
    progress,
    replayError,
    diff,
    customAssignor,
    customStatus,
    customLoadError,
    presenting,
    inLesson,
  } = useAppStore(
    useShallow((s) => ({
      presenting: s.presenting,
      inLesson: s.lessonId !== undefined,
      assignors: s.assignors,
      generation: s.generation,
      results: selectResults(s),
      animations: s.animations,
      inspectMember: s.inspectMember,
      topics: allTopics(s.scenario),
      status: s.status,
      progress: s.progress,
      replayError: s.replayError,
      diff: selectDiffView(s),
      customAssignor: s.customAssignor,
      customStatus: s.customStatus,
      customLoadError: s.customLoadError,
    })),
  );
  const highlight =
    diff.status === 'ready' ? (diff.keys.get(generation) ?? new Set<string>()) : undefined;

  return (
    <section aria-label="Consumer group" className="stack">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <AssignorPicker />
        <AssignorModeSwitch />
        <CompareTotals />
      </div>
      <div className="row edit-only" style={{ justifyContent: 'space-between' }}>
        <DiffBar />
        <ExportButtons />
      </div>
      {status === 'error' ? (
        <div className="notice error" role="alert">
          The replay failed: {replayError}
        </div>
      ) : null}
      {status === 'running' && progress !== undefined ? (
        <div className="muted" role="status">
          Computing {progress.assignor}: generation {progress.done} of {progress.total}…
        </div>
      ) : null}
      {/* One assignor per row: every member lane stays visible, and the rows share a clock. */}
      {/* A lesson comparing two assignors puts them side by side on a wide screen, so the
          second is as much in view as the first (at 1280×800 it was below the fold). */}
      <div className={`group-panels ${inLesson && assignors.length === 2 ? 'lesson-pair' : ''}`}>
        {assignors.map((name) => {
          const current = resultAt({ results, generation }, name);
          const previous = resultAt({ results, generation }, name, generation - 1);
          return (
            <article
              key={name}
              className="panel group-panel"
              data-assignor={name}
              aria-label={`${builtinRunLabel(name)} assignment`}
            >
              <header>
                <h2>{builtinRunLabel(name)}</h2>
                {current && isInvalidResult(current) ? (
                  <span className="badge bad">invalid result</span>
                ) : null}
                {current ? (
                  <span className="muted small-text">
                    moved {current.metrics.moved} · kept {current.metrics.kept} · spread{' '}
                    {current.metrics.spread}
                  </span>
                ) : null}
              </header>
              {current !== undefined && isBuiltinRunName(name) ? (
                <BuiltinVerdictNotice result={current} />
              ) : null}
              {current?.error !== undefined &&
              !(isBuiltinRunName(name) && builtinVerdict(current) !== undefined) ? (
                <div className="notice error" role="alert">
                  {name} failed at generation {generation}: {current.error}
                </div>
              ) : null}
              {current?.followUpRebalances !== undefined ? (
                <div className="muted small-text" data-testid="follow-up-rebalances">
                  ↻ {followUpText(current.followUpRebalances)}
                </div>
              ) : null}
              {current?.warnings.map((w) => (
                <div key={w} className="muted small-text">
                  ⚠ {w}
                </div>
              ))}
              {current ? (
                <ProtocolGroupView
                  name={name}
                  generation={current}
                  previous={previous}
                  animate={animations}
                  topics={topics}
                  onMemberClick={(member) => inspectMember(member)}
                  legend={name === assignors[0]}
                  highlightKeys={name === assignors[0] ? highlight : undefined}
                  {...(presenting && current.metrics.partitions <= PRESENTATION_PARTITION_LIMIT
                    ? { layoutOptions: PRESENTATION_LAYOUT }
                    : {})}
                />
              ) : (
                <p className="muted">
                  {name === 'custom' && customAssignor === undefined
                    ? 'No custom assignor yet: open “Custom assignor” to write one.'
                    : name === 'custom' && customStatus === 'review'
                      ? 'The custom assignor came with this scenario and has not run: review it, then Run.'
                      : name === 'custom' && customStatus === 'error'
                        ? `The custom assignor did not load: ${customLoadError?.message ?? 'unknown error'}`
                        : generation === 0
                          ? 'Before the first rebalance.'
                          : 'Computing…'}
                </p>
              )}
            </article>
          );
        })}
      </div>
    </section>
  );
}

const topicCache = new WeakMap<object, string[]>();

/**
 * Every topic the scenario ever has, in order of first appearance, so colours do not shift
 * between generations, nor when a topic is added.
 */
function allTopics(scenario: Scenario): string[] {
  const cached = topicCache.get(scenario);
  if (cached) return cached;
  const topics = scenarioTopics(scenario);
  topicCache.set(scenario, topics);
  return topics;
}

/**
 * Presentation mode's lanes, readable from the back of a room: tokens of 16 px and up (their
 * labels 12 px and up, tokenLabels.ts), wider lanes, taller headers for bigger type. Only for
 * groups a room can follow; a bigger one keeps the normal layout so it still fits.
 */
const PRESENTATION_LAYOUT = {
  minTokenSize: 16,
  maxTokenSize: 40,
  minLaneWidth: 140,
  maxLaneWidth: 280,
  headerHeight: 52,
  maxBodyHeight: 560,
} as const;
const PRESENTATION_PARTITION_LIMIT = 2000;

/**
 * The lanes with what the page adds to an assignor's result: pinned members' lanes first (in
 * the order pinned, "pinned" in their caption), and while a protocol round is shown each
 * member's protocol state in its caption and the partitions in flight drawn as unconsumed.
 */
function ProtocolGroupView({ name, ...props }: { name: string } & GroupViewProps) {
  const round = useRoundOnLanes(name);
  const pinned = useAppStore((s) => s.pinnedMembers);
  const generation = useMemo(
    () => pinnedFirst(props.generation, pinned),
    [props.generation, pinned],
  );
  const previous = useMemo(
    () => (props.previous === undefined ? undefined : pinnedFirst(props.previous, pinned)),
    [props.previous, pinned],
  );
  const laneStatus = useMemo(() => {
    const status: Record<string, string> = { ...round?.laneStatus };
    for (const member of pinned)
      status[member] = status[member] === undefined ? 'pinned' : `pinned · ${status[member]}`;
    return Object.keys(status).length === 0 ? undefined : status;
  }, [round, pinned]);
  return (
    <GroupView
      {...props}
      generation={generation}
      previous={previous}
      {...(laneStatus !== undefined
        ? { layoutOptions: { ...props.layoutOptions, laneStatus } }
        : {})}
      {...(round !== undefined ? { inFlight: round.inFlight } : {})}
    />
  );
}

/** `generation` with the pinned members first, in pin order; the same object when none is in it. */
function pinnedFirst<G extends LayoutGenerationInput>(generation: G, pinned: readonly string[]): G {
  if (pinned.length === 0) return generation;
  const rank = new Map(pinned.map((member, i) => [member, i]));
  if (!generation.members.some((m) => rank.has(m.id))) return generation;
  const first = generation.members
    .filter((m) => rank.has(m.id))
    .sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  const rest = generation.members.filter((m) => !rank.has(m.id));
  return { ...generation, members: [...first, ...rest] };
}

/** Why a Java cooperative group rebalanced again within one generation (KIP-429). */
function followUpText(count: number): string {
  const times = count === 1 ? 'once more' : `${count} more times`;
  return `Partitions changed owner, so their owners revoked them first: the group rebalanced ${times} to hand them over.`;
}
