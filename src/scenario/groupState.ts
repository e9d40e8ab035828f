import type { MemberId, Topic } from '../core/types';
import type { Change, Step } from './types';

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
  return { cluster: { ...cluster }, members: [], departed: new Map() };
}

/**
 * Applies one step's changes in order. Returns the new state and, per member present after
 * the step, whether its process is new (`fresh`: join or restart), an old one that was away
 * (`stale`), or continues (`kept`).
 */
export function applyStep(
  state: GroupState,
  step: Step,
  stepIndex: number,
): { state: GroupState; processes: Map<MemberId, ProcessEvent> } {
  const cluster: Record<Topic, number> = { ...state.cluster };
  let members = [...state.members];
  const departed = new Map(state.departed);
  const processes = new Map<MemberId, ProcessEvent>(members.map((m) => [m.id, 'kept']));

  step.changes.forEach((change, changeIndex) => {
    const fail = (message: string) => new StepError(message, stepIndex, changeIndex);
    const indexOf = (member: MemberId) => members.findIndex((m) => m.id === member);
    const requireMember = (member: MemberId) => {
      const index = indexOf(member);
      if (index < 0) throw fail(`${member} is not in the group`);
      return index;
    };
    switch (change.type) {
      case 'join':
        if (indexOf(change.member) >= 0) throw fail(`${change.member} is already in the group`);
        members.push({ id: change.member, subscription: [...change.subscription] });
        departed.delete(change.member);
        processes.set(change.member, 'fresh');
        break;
      case 'leave': {
        const index = requireMember(change.member);
        const [member] = members.splice(index, 1);
        departed.set(change.member, member?.subscription ?? []);
        processes.delete(change.member);
        break;
      }
      case 'restart':
        requireMember(change.member);
        processes.set(change.member, 'fresh');
        break;
      case 'rejoin-stale': {
        if (indexOf(change.member) >= 0) throw fail(`${change.member} is already in the group`);
        const subscription = departed.get(change.member);
        if (subscription === undefined) {
          throw fail(`${change.member} cannot rejoin stale: it has not left the group`);
        }
        members.push({
          id: change.member,
          subscription: [...(change.subscription ?? subscription)],
        });
        departed.delete(change.member);
        processes.set(change.member, 'stale');
        break;
      }
      case 'subscribe': {
        const index = requireMember(change.member);
        members[index] = { id: change.member, subscription: [...change.subscription] };
        break;
      }
      case 'create-topic':
        if (Object.hasOwn(cluster, change.topic))
          throw fail(`topic ${change.topic} already exists`);
        if (!isPartitionCount(change.partitions))
          throw fail(`invalid partition count ${change.partitions}`);
        cluster[change.topic] = change.partitions;
        break;
      case 'add-partitions': {
        const current = cluster[change.topic];
        if (current === undefined || !Object.hasOwn(cluster, change.topic)) {
          throw fail(`topic ${change.topic} does not exist`);
        }
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
        const current = new Set(members.map((m) => m.id));
        const order = new Set(change.order);
        if (
          order.size !== change.order.length ||
          order.size !== current.size ||
          [...current].some((id) => !order.has(id))
        ) {
          throw fail(
            `the new order must list every member exactly once: ${[...current].join(', ')}`,
          );
        }
        const byId = new Map(members.map((m) => [m.id, m]));
        members = change.order.map((id) => byId.get(id) as GroupMember);
        break;
      }
    }
  });
  return { state: { cluster, members, departed }, processes };
}

function isPartitionCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 1_000_000;
}

/** One readable line for a step's changes, for the timeline. */
export function summarizeChanges(changes: readonly Change[]): string {
  if (changes.length === 0) return 'rebalance, nothing changed';
  return changes.map(describeChange).join('; ');
}

export function describeChange(change: Change): string {
  switch (change.type) {
    case 'join':
      return `${change.member} joins (${change.subscription.join(', ') || 'no topics'})`;
    case 'leave':
      return `${change.member} leaves`;
    case 'restart':
      return `${change.member} restarts (no user data)`;
    case 'rejoin-stale':
      return `${change.member} rejoins with stale user data`;
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
