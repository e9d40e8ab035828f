import { useMemo, useState } from 'react';
import { LessonAuthor } from './LessonAuthor';
import { ProtocolControls } from './ProtocolControls';
import {
  applyStep,
  describeChange,
  sessionTimeoutOf,
  type GroupState,
} from '../scenario/groupState';
import { SCENARIO_LIMITS } from '../scenario/file';
import { replayCurrentState } from '../scenario/currentState';
import type { Change } from '../scenario/types';
import { useAppStore } from '../store/store';
import './editingPoint.css';
import { useShallow } from 'zustand/react/shallow';

/** Edits the group without touching JSON: every edit becomes a change of the next step. */
export function Controls() {
  const {
    scenario,
    pending,
    autoRebalance,
    applyChange,
    commitPending,
    discardPending,
    setAutoRebalance,
    showNotice,
    viewed,
  } = useAppStore(
    useShallow((s) => ({
      scenario: s.scenario,
      pending: s.pendingChanges,
      autoRebalance: s.autoRebalance,
      applyChange: s.applyChange,
      commitPending: s.commitPending,
      discardPending: s.discardPending,
      setAutoRebalance: s.setAutoRebalance,
      showNotice: s.showNotice,
      viewed: s.generation,
    })),
  );
  const [showAllTopics, setShowAllTopics] = useState(false);

  // The group as the next step will find it: after the last step and any pending changes.
  const group = useMemo<GroupState>(() => {
    const state = replayCurrentState(scenario);
    if (pending.length === 0) return state;
    try {
      return applyStep(
        state,
        { changes: pending },
        scenario.steps.length,
        sessionTimeoutOf(scenario),
      ).state;
    } catch {
      return state;
    }
  }, [scenario, pending]);

  const topics = Object.keys(group.cluster).sort();
  const subscribedTopics = [...new Set(group.members.flatMap((m) => m.subscription))];
  const ghostTopics = subscribedTopics.filter((t) => !Object.hasOwn(group.cluster, t)).sort();

  const change = (next: Change) => {
    if (next.type === 'static-restart' && pending.length > 0) {
      // A static restart is a step of its own (groupState.ts), so it cannot wait with others.
      showNotice({
        kind: 'error',
        text: 'A static restart is a step of its own: rebalance or discard the pending changes first.',
      });
      return;
    }
    // Check it against the group first, so a bad edit is explained instead of stored.
    try {
      applyStep(group, { changes: [next] }, scenario.steps.length, sessionTimeoutOf(scenario));
    } catch (error) {
      showNotice({
        kind: 'error',
        text: (error as Error).message.replace(/^step \d+, change \d+: /, ''),
      });
      return;
    }
    applyChange(next);
  };

  const toggleSubscription = (member: string, topic: string, on: boolean) => {
    const current = group.members.find((m) => m.id === member)?.subscription ?? [];
    const subscription = on ? [...current, topic] : current.filter((t) => t !== topic);
    change({ type: 'subscribe', member, subscription });
  };

  return (
    <div className="stack" style={{ gap: 14 }}>
      <EditingPoint viewed={viewed} last={scenario.steps.length} />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <p className="muted" style={{ margin: '0 0 6px', fontSize: 12 }}>
          Edits become the next rebalance (generation {scenario.steps.length + 1}).
        </p>
        {group.members.length === 0 ? (
          <p className="muted">No members: the group is empty.</p>
        ) : null}
        <MemberTable
          members={group.members}
          topics={[...topics, ...ghostTopics]}
          exists={(topic) => Object.hasOwn(group.cluster, topic)}
          onToggle={toggleSubscription}
          onChange={change}
        />
        {ghostTopics.length > 0 ? (
          <p className="muted" style={{ fontSize: 12 }}>
            Greyed topics do not exist: subscribers get nothing from them.
          </p>
        ) : null}
        <AddMember group={group} topics={topics} onAdd={change} />
        {group.departed.size > 0 ? (
          <div className="row" style={{ marginTop: 6 }}>
            <span className="muted">Left, still running:</span>
            {[...group.departed.keys()].map((member) => (
              <button
                key={member}
                type="button"
                className="small"
                // The name starts with the visible text, so speech input ("click C1 rejoins stale") finds it.
                aria-label={`${member} rejoins stale, with the user data it had when it left`}
                title="Comes back sending the assignment it had when it left"
                onClick={() => change({ type: 'rejoin-stale', member })}
              >
                {member} rejoins stale
              </button>
            ))}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">Topics</h2>
        <table className="data">
          <tbody>
            {(showAllTopics ? topics : topics.slice(0, MEMBERS_SHOWN)).map((topic) => (
              <TopicRow
                key={topic}
                topic={topic}
                partitions={group.cluster[topic] ?? 0}
                onChange={change}
              />
            ))}
          </tbody>
        </table>
        {topics.length > MEMBERS_SHOWN && !showAllTopics ? (
          <button type="button" className="small" onClick={() => setShowAllTopics(true)}>
            Show all {topics.length} topics
          </button>
        ) : null}
        <AddTopic existing={topics} onAdd={change} />
      </section>

      <section aria-labelledby="rebalance-heading">
        <h2 id="rebalance-heading">Rebalancing</h2>
        <label className="row">
          <input
            type="checkbox"
            checked={autoRebalance}
            onChange={(e) => setAutoRebalance(e.target.checked)}
          />
          Rebalance after each change
        </label>
        <ProtocolControls />
        {!autoRebalance ? (
          <div className="stack" style={{ marginTop: 6 }}>
            {pending.length === 0 ? (
              <span className="muted">Make changes; they wait here for one rebalance.</span>
            ) : (
              <ol style={{ margin: 0, paddingLeft: 18 }}>
                {pending.map((c, i) => (
                  <li key={i}>{describeChange(c, sessionTimeoutOf(scenario))}</li>
                ))}
              </ol>
            )}
            <div className="row">
              <button
                type="button"
                className="primary"
                disabled={pending.length === 0}
                onClick={commitPending}
              >
                Rebalance ({pending.length} change{pending.length === 1 ? '' : 's'})
              </button>
              <button type="button" disabled={pending.length === 0} onClick={discardPending}>
                Discard
              </button>
            </div>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="teaching-heading">
        <h2 id="teaching-heading">Teaching</h2>
        <LessonAuthor />
      </section>
    </div>
  );
}

/**
 * Which state the controls edit: always the group after the last generation. While the lanes
 * show an earlier one, say so, and offer to go to the end or to branch from the one shown.
 */
function EditingPoint({ viewed, last }: { viewed: number; last: number }) {
  const { setGeneration, truncateAfter } = useAppStore(
    useShallow((s) => ({
      setGeneration: s.setGeneration,
      truncateAfter: s.truncateAfter,
    })),
  );
  const later = last - viewed;
  if (later <= 0) return null;
  return (
    <div className="editing-point" role="note" aria-label="Where edits go">
      <p>
        You are viewing generation {viewed} of {last}. These controls edit the group{' '}
        <strong>after generation {last}</strong>, the end of the timeline.
      </p>
      <div className="row">
        <button type="button" className="small" onClick={() => setGeneration(last)}>
          Show generation {last}
        </button>
        <button
          type="button"
          className="small"
          title={`Drops generation${later === 1 ? '' : 's'} ${viewed + 1}${later === 1 ? '' : `–${last}`}; you can undo it`}
          onClick={() => truncateAfter(viewed)}
        >
          Branch from generation {viewed}
        </button>
      </div>
    </div>
  );
}

/** How long a static restart from a member's row keeps the member down (a quick redeploy). */
const STATIC_RESTART_DOWNTIME_MS = 10_000;

/** What can happen to a member from its row. */
const MEMBER_ACTIONS: readonly {
  type: Change['type'];
  verb: string;
  icon: string;
  hint: string;
  change: (member: string) => Change;
}[] = [
  {
    type: 'restart',
    verb: 'Restart',
    icon: '↻',
    hint: 'Crash and restart: comes back with no user data',
    change: (member) => ({ type: 'restart', member }),
  },
  {
    type: 'static-restart',
    verb: 'Restart as a static member',
    icon: '↺',
    hint: `Rolling restart with group.instance.id (KIP-345): back in ${STATIC_RESTART_DOWNTIME_MS / 1000} s, within the session timeout, so no rebalance`,
    change: (member) => ({
      type: 'static-restart',
      member,
      downtimeMs: STATIC_RESTART_DOWNTIME_MS,
    }),
  },
  {
    type: 'leave',
    verb: 'Remove',
    icon: '✕',
    hint: 'Leave the group (its process keeps its state)',
    change: (member) => ({ type: 'leave', member }),
  },
];

/** Up to this many topics fit as matrix columns in the side bar; more get a per-member list. */
const MATRIX_TOPICS = 8;
/** Members listed before "Show all"; a big group would otherwise be thousands of controls. */
const MEMBERS_SHOWN = 40;

interface MemberTableProps {
  members: GroupState['members'];
  topics: string[];
  exists: (topic: string) => boolean;
  onToggle: (member: string, topic: string, on: boolean) => void;
  onChange: (change: Change) => void;
}

/** Members with their subscriptions: a member × topic matrix, or rows that expand. */
function MemberTable({ members, topics, exists, onToggle, onChange }: MemberTableProps) {
  const [showAll, setShowAll] = useState(false);
  const [expanded, setExpanded] = useState<string | undefined>(undefined);
  const matrix = topics.length <= MATRIX_TOPICS;
  const shown = showAll ? members : members.slice(0, MEMBERS_SHOWN);
  const box = (member: GroupState['members'][number], topic: string) => (
    <input
      type="checkbox"
      aria-label={`${member.id} subscribes to ${topic}`}
      checked={member.subscription.includes(topic)}
      onChange={(e) => onToggle(member.id, topic, e.target.checked)}
    />
  );
  return (
    <>
      <table className={`data subscription-matrix ${matrix && topics.length > 2 ? 'tight' : ''}`}>
        <thead>
          <tr>
            <th>member</th>
            {matrix ? (
              topics.map((t) => (
                <th key={t} title={exists(t) ? t : `${t} does not exist`}>
                  <span className={exists(t) ? '' : 'muted'}>{t}</span>
                </th>
              ))
            ) : (
              <th>subscribes to</th>
            )}
            <th>
              <span className="visually-hidden">actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((member) => (
            <tr key={member.id} data-member-row={member.id}>
              <td className="mono">{member.id}</td>
              {matrix ? (
                topics.map((topic) => <td key={topic}>{box(member, topic)}</td>)
              ) : (
                <td style={{ textAlign: 'left' }}>
                  <button
                    type="button"
                    className="small"
                    aria-expanded={expanded === member.id}
                    aria-label={`${member.subscription.length} of ${topics.length} topics: edit ${member.id}'s subscription`}
                    onClick={() => setExpanded(expanded === member.id ? undefined : member.id)}
                  >
                    {member.subscription.length} of {topics.length} topics
                  </button>
                  {expanded === member.id ? (
                    <div className="row topic-boxes">
                      {topics.map((topic) => (
                        <label key={topic} className={`row ${exists(topic) ? '' : 'muted'}`}>
                          {box(member, topic)}
                          {topic}
                        </label>
                      ))}
                    </div>
                  ) : null}
                </td>
              )}
              <td className="row member-actions">
                {MEMBER_ACTIONS.map((action) => (
                  <button
                    key={action.type}
                    type="button"
                    className="small"
                    aria-label={`${action.verb} ${member.id}`}
                    title={action.hint}
                    onClick={() => onChange(action.change(member.id))}
                  >
                    {action.icon}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {members.length > shown.length ? (
        <button type="button" className="small" onClick={() => setShowAll(true)}>
          Show all {members.length} members
        </button>
      ) : null}
    </>
  );
}

function AddMember({
  group,
  topics,
  onAdd,
}: {
  group: GroupState;
  topics: string[];
  onAdd: (c: Change) => void;
}) {
  const taken = new Set([...group.members.map((m) => m.id), ...group.departed.keys()]);
  let n = group.members.length + group.departed.size;
  while (taken.has(`C${n}`)) n++;
  const [name, setName] = useState('');
  const id = name.trim() || `C${n}`;
  return (
    <form
      className="row"
      style={{ marginTop: 6 }}
      onSubmit={(e) => {
        e.preventDefault();
        const first = group.members[0];
        onAdd({ type: 'join', member: id, subscription: first ? [...first.subscription] : topics });
        setName('');
      }}
    >
      <input
        aria-label="New member id"
        placeholder={`C${n}`}
        value={name}
        maxLength={SCENARIO_LIMITS.nameLength}
        onChange={(e) => setName(e.target.value)}
        style={{ width: 90 }}
      />
      <button type="submit">Add member</button>
    </form>
  );
}

function TopicRow({
  topic,
  partitions,
  onChange,
}: {
  topic: string;
  partitions: number;
  onChange: (c: Change) => void;
}) {
  return (
    <tr data-topic-row={topic}>
      {/* The topic names its row, so a screen reader says which topic a +1 or −1 is for. */}
      <th scope="row" className="mono row-header">
        {topic}
      </th>
      <td className="num">{partitions} partitions</td>
      <td className="row" style={{ flexWrap: 'nowrap' }}>
        <button
          type="button"
          className="small"
          aria-label={`+1 partition to ${topic}`}
          onClick={() => onChange({ type: 'add-partitions', topic, partitions: partitions + 1 })}
        >
          +1
        </button>
        <button
          type="button"
          className="small"
          aria-label={`Delete topic ${topic}`}
          onClick={() => onChange({ type: 'delete-topic', topic })}
        >
          ✕
        </button>
      </td>
    </tr>
  );
}

function AddTopic({ existing, onAdd }: { existing: string[]; onAdd: (c: Change) => void }) {
  const [name, setName] = useState('');
  const [partitions, setPartitions] = useState(3);
  const trimmed = name.trim();
  const problem =
    trimmed === ''
      ? 'name it'
      : existing.includes(trimmed)
        ? `${trimmed} already exists`
        : undefined;
  return (
    <form
      className="row"
      style={{ marginTop: 6 }}
      onSubmit={(e) => {
        e.preventDefault();
        if (problem !== undefined) return;
        onAdd({ type: 'create-topic', topic: trimmed, partitions });
        setName('');
      }}
    >
      <input
        aria-label="New topic name"
        placeholder="topic name"
        value={name}
        maxLength={SCENARIO_LIMITS.nameLength}
        onChange={(e) => setName(e.target.value)}
        style={{ width: 110 }}
      />
      <input
        type="number"
        aria-label="New topic partitions"
        min={0}
        max={SCENARIO_LIMITS.partitionsPerTopic}
        value={partitions}
        onChange={(e) =>
          setPartitions(
            Math.max(
              0,
              Math.min(SCENARIO_LIMITS.partitionsPerTopic, Math.floor(Number(e.target.value) || 0)),
            ),
          )
        }
        style={{ width: 64 }}
      />
      <button type="submit" disabled={problem !== undefined} title={problem}>
        Add topic
      </button>
    </form>
  );
}
