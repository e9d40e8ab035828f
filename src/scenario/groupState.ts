import type { MemberId, Topic } from '../core/types';
import { DEFAULT_TIMINGS } from '../protocol/types';
import type { Change, Scenario, Step } from './types';

/** A member as the group sees it at one rebalance. */
export interface GroupMember {
  readonly id: MemberId;
  readonly subscription: readonly Topic[];
}

/** The cluster and group between rebalances. */
export interface GroupState {
  readonly cluster: Readonly<Record<Topic, number>>;
  /** Members in JoinGroup order. */
  readonly members: readonly GroupMember[];
  /** Members that left cleanly and could come back stale, with their last subscription. */
  readonly departed: ReadonlyMap<MemberId, readonly Topic[]>;
}

/** A change that cannot apply to the state it meets; the message says why. */
export class StepError extends Error {
  override readonly name = 'StepError';
  constructor(
    message: string,
    readonly step: number,
    readonly change: number,
  ) {
    super(`step ${step + 1}, change ${change + 1}: ${message}`);
  }
}

/** What a member's process must do at this rebalance, decided by the changes. */
export type ProcessEvent = 'fresh' | 'stale' | 'kept';

export function initialState(cluster: Readonly<Record<Topic, number>>): GroupState {
  return { cluster: copyCounts(cluster), members: [], departed: new Map() };
}

/**
 * Topic → partition count with no prototype: a topic may be called `__proto__` or
 * `toString`, and on a plain object those names would not be ordinary keys.
 */
export function copyCounts(cluster: Readonly<Record<Topic, number>>): Record<Topic, number> {
  const copy = Object.create(null) as Record<Topic, number>;
  for (const [topic, count] of Object.entries(cluster)) copy[topic] = count;
  return copy;
}

/**
 * Applies one step's changes in order. Returns the new state and, per member present after
 * the step, whether its process is new (`fresh`: join or restart), an old one that was away
 * (`stale`), or continues (`kept`). Linear in the changes: members are looked up in a `Map`
 * (insertion-ordered, so it is also the JoinGroup order), never searched in a list.
 */
export function applyStep(
  state: GroupState,
  step: Step,
  stepIndex: number,
  sessionTimeoutMs: number = DEFAULT_TIMINGS.sessionTimeoutMs,
): { state: GroupState; processes: Map<MemberId, ProcessEvent> } {
  const cluster = copyCounts(state.cluster);
  let members = new Map<MemberId, GroupMember>(state.members.map((m) => [m.id, m]));
  const departed = new Map(state.departed);
  const processes = new Map<MemberId, ProcessEvent>(state.members.map((m) => [m.id, 'kept']));

  step.changes.forEach((change, changeIndex) => {
    const fail = (message: string) => new StepError(message, stepIndex, changeIndex);
    const requireMember = (member: MemberId) => {
      if (!members.has(member)) throw fail(`${member} is not in the group`);
    };
    switch (change.type) {
      case 'join':
        if (members.has(change.member)) throw fail(`${change.member} is already in the group`);
        members.set(change.member, { id: change.member, subscription: [...change.subscription] });
        departed.delete(change.member);
        processes.set(change.member, 'fresh');
        break;
      case 'leave': {
        const member = members.get(change.member);
        if (member === undefined) throw fail(`${change.member} is not in the group`);
        members.delete(change.member);
        departed.set(change.member, member.subscription);
        processes.delete(change.member);
        break;
      }
      case 'restart':
        requireMember(change.member);
        processes.set(change.member, 'fresh');
        break;
      case 'rejoin-stale': {
        if (members.has(change.member)) throw fail(`${change.member} is already in the group`);
        const subscription = departed.get(change.member);
        if (subscription === undefined) {
          throw fail(`${change.member} cannot rejoin stale: it has not left the group`);
        }
        members.set(change.member, {
          id: change.member,
          subscription: [...(change.subscription ?? subscription)],
        });
        departed.delete(change.member);
        processes.set(change.member, 'stale');
        break;
      }
      case 'static-restart': {
        const member = members.get(change.member);
        if (member === undefined) throw fail(`${change.member} is not in the group`);
        if (step.changes.length > 1)
          throw fail(
            `a static restart is a step of its own (this step has ${step.changes.length} changes)`,
          );
        if (!Number.isInteger(change.downtimeMs) || change.downtimeMs < 0)
          throw fail(`a downtime is a whole number of ms ≥ 0 (got ${change.downtimeMs})`);
        if (change.downtimeMs >= sessionTimeoutMs) {
          // Past its session timeout the coordinator expels it: a rebalance without it. It
          // restarted, so when it is back it joins as a new process (a join step).
          members.delete(change.member);
          processes.delete(change.member);
        }
        // Back in time, its restarted process gets its old assignment from the coordinator,
        // so its assignor state is what it was.
        break;
      }
      case 'subscribe':
        requireMember(change.member);
        // Setting an existing key keeps its place: the member keeps its JoinGroup position.
        members.set(change.member, { id: change.member, subscription: [...change.subscription] });
        break;
      case 'create-topic':
        if (Object.hasOwn(cluster, change.topic))
          throw fail(`topic ${change.topic} already exists`);
        if (!isPartitionCount(change.partitions))
          throw fail(`invalid partition count ${change.partitions}`);
        cluster[change.topic] = change.partitions;
        break;
      case 'add-partitions': {
        if (!Object.hasOwn(cluster, change.topic)) {
          throw fail(`topic ${change.topic} does not exist`);
        }
        const current = cluster[change.topic] as number;
        if (!isPartitionCount(change.partitions) || change.partitions <= current) {
          throw fail(
            `topic ${change.topic} has ${current} partitions; it can only grow (got ${change.partitions})`,
          );
        }
        cluster[change.topic] = change.partitions;
        break;
      }
      case 'delete-topic':
        if (!Object.hasOwn(cluster, change.topic))
          throw fail(`topic ${change.topic} does not exist`);
        delete cluster[change.topic];
        break;
      case 'reorder': {
        const order = new Set(change.order);
        if (
          order.size !== change.order.length ||
          order.size !== members.size ||
          [...members.keys()].some((id) => !order.has(id))
        ) {
          throw fail(
            `the new order must list every member exactly once: ${[...members.keys()].join(', ')}`,
          );
        }
        const byId = members;
        members = new Map(change.order.map((id) => [id, byId.get(id) as GroupMember]));
        break;
      }
    }
  });
  return { state: { cluster, members: [...members.values()], departed }, processes };
}

/** The session timeout static restarts are checked against: the protocol's, else Kafka's default. */
export function sessionTimeoutOf(scenario: Pick<Scenario, 'protocol'>): number {
  return scenario.protocol?.timings?.sessionTimeoutMs ?? DEFAULT_TIMINGS.sessionTimeoutMs;
}

/** A static restart's member is back within its session timeout: no rebalance. */
export function isBackInTime(
  change: Extract<Change, { type: 'static-restart' }>,
  sessionTimeoutMs: number,
): boolean {
  return change.downtimeMs < sessionTimeoutMs;
}

/** True when a step is static restarts back in time only: the group does not rebalance. */
export function isStaticRestartStep(step: Step, sessionTimeoutMs: number): boolean {
  return (
    step.changes.length > 0 &&
    step.changes.every((c) => c.type === 'static-restart' && isBackInTime(c, sessionTimeoutMs))
  );
}

/** `10000` → "10 s", `1500` → "1.5 s", `250` → "250 ms". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

function isPartitionCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 1_000_000;
}

/**
 * The line a step is known by: its author's note, else a summary of its changes. A static
 * restart's outcome depends on the session timeout (`sessionTimeoutOf`): Kafka's default
 * when not given.
 */
export function stepSummary(
  step: Step,
  sessionTimeoutMs: number = DEFAULT_TIMINGS.sessionTimeoutMs,
): string {
  return step.note ?? summarizeChanges(step.changes, sessionTimeoutMs);
}

/** A step summary longer than this says how many changes of each kind instead. */
export const SUMMARY_MAX_LENGTH = 200;

/**
 * One readable line for a step's changes, for the timeline. A big step (a hundred members
 * joining with a hundred topics each) would be tens of kilobytes of text on a chip, in its
 * tooltip and in the step announcement, and laying it out took most of a 37 ms task: past
 * {@link SUMMARY_MAX_LENGTH} characters it is counted instead ("100 joins").
 */
export function summarizeChanges(
  changes: readonly Change[],
  sessionTimeoutMs: number = DEFAULT_TIMINGS.sessionTimeoutMs,
): string {
  if (changes.length === 0) return 'rebalance, nothing changed';
  const parts: string[] = [];
  let length = 0;
  for (const change of changes) {
    const part = describeChange(change, sessionTimeoutMs);
    length += part.length + 2;
    if (length > SUMMARY_MAX_LENGTH) return countChanges(changes);
    parts.push(part);
  }
  return parts.join('; ');
}

const CHANGE_NOUNS: Readonly<Record<Change['type'], [string, string]>> = {
  join: ['join', 'joins'],
  leave: ['leave', 'leaves'],
  restart: ['restart', 'restarts'],
  'rejoin-stale': ['stale rejoin', 'stale rejoins'],
  'static-restart': ['static restart', 'static restarts'],
  subscribe: ['subscription change', 'subscription changes'],
  'create-topic': ['new topic', 'new topics'],
  'add-partitions': ['topic growing', 'topics growing'],
  'delete-topic': ['topic deleted', 'topics deleted'],
  reorder: ['new member order', 'new member orders'],
};

/** "100 joins; 2 leaves": a step's changes counted by kind, in the order they first come. */
function countChanges(changes: readonly Change[]): string {
  const counts = new Map<Change['type'], number>();
  for (const change of changes) counts.set(change.type, (counts.get(change.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${n} ${CHANGE_NOUNS[type][n === 1 ? 0 : 1]}`).join('; ');
}

export function describeChange(
  change: Change,
  sessionTimeoutMs: number = DEFAULT_TIMINGS.sessionTimeoutMs,
): string {
  switch (change.type) {
    case 'join':
      return `${change.member} joins (${change.subscription.join(', ') || 'no topics'})`;
    case 'leave':
      return `${change.member} leaves`;
    case 'restart':
      return `${change.member} restarts (no user data)`;
    case 'rejoin-stale':
      return `${change.member} rejoins with stale user data`;
    case 'static-restart':
      return isBackInTime(change, sessionTimeoutMs)
        ? `${change.member} restarts as a static member, back after ${formatMs(change.downtimeMs)}: no rebalance`
        : `${change.member} restarts as a static member but is down ${formatMs(change.downtimeMs)}, past its session timeout (${formatMs(sessionTimeoutMs)}): the coordinator expels it`;
    case 'subscribe':
      return `${change.member} subscribes to ${change.subscription.join(', ') || 'nothing'}`;
    case 'create-topic':
      return `topic ${change.topic} created (${change.partitions} partitions)`;
    case 'add-partitions':
      return `${change.topic} grows to ${change.partitions} partitions`;
    case 'delete-topic':
      return `topic ${change.topic} deleted`;
    case 'reorder':
      return `member order becomes ${change.order.join(', ')}`;
  }
}
