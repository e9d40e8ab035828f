import { compareStrings } from '../compare';
import type {
  ClusterMetadata,
  GroupAssignment,
  MemberAssignment,
  MemberId,
  MemberMetadata,
  Topic,
} from '../types';

/** The protocol version our built-in assignors speak, as aiokafka's do. */
export const ASSIGNOR_VERSION = 0;

export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

/** A diagnostic an assignor reports instead of failing, like aiokafka's log warnings. */
export type AssignorLog = (level: 'warning' | 'error', message: string) => void;

export const silentLog: AssignorLog = () => undefined;

/** A member's assignment with topics in ascending name order, as aiokafka sorts them. */
export function memberAssignment(
  partitionsByTopic: ReadonlyMap<Topic, readonly number[]>,
  userData: Uint8Array = EMPTY_BYTES,
): MemberAssignment {
  const topics = [...partitionsByTopic.keys()].sort(compareStrings);
  return {
    version: ASSIGNOR_VERSION,
    assignment: topics.map((topic) => [topic, partitionsByTopic.get(topic) ?? []] as const),
    userData,
  };
}

/** One assignment per member, in member order; members that got nothing get an empty one. */
export function groupAssignment(
  members: Iterable<MemberId>,
  byMember: ReadonlyMap<MemberId, ReadonlyMap<Topic, readonly number[]>>,
): GroupAssignment {
  const result: GroupAssignment = new Map();
  for (const member of members)
    result.set(member, memberAssignment(byMember.get(member) ?? new Map()));
  return result;
}

/** Plain member metadata with no user data, what range and roundrobin send. */
export function plainMetadata(topics: Iterable<Topic>): MemberMetadata {
  return { version: ASSIGNOR_VERSION, subscription: [...topics], userData: EMPTY_BYTES };
}

/** The partitions of `topic` in ascending order, or `undefined` for an unknown topic. */
export function sortedPartitions(cluster: ClusterMetadata, topic: Topic): number[] | undefined {
  const partitions = cluster.partitionsForTopic(topic);
  return partitions === undefined ? undefined : [...partitions].sort((a, b) => a - b);
}
