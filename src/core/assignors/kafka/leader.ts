/**
 * What both of Kafka's client sticky assignors do around the algorithm, as the leader's
 * `AbstractPartitionAssignor.assign` does it: keep the subscribed topics that have partitions,
 * read each member's owned partitions and generation (each assignor from its own place), put
 * the members in the order the leader's `HashMap` iterates them, and wrap the result up.
 */
import type {
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberMetadata,
  TopicPartitions,
} from '../../types';
import { groupByTopic } from '../../protocol';
import { EMPTY_BYTES } from '../shared';
import { javaHashMapOrder } from './javaHash';
import {
  KAFKA_DEFAULT_GENERATION,
  PartitionInterner,
  type KafkaPartition,
  type KafkaSubscription,
} from './model';
import type { StickyInput } from './stickyCore';

/** What a member reports it owns, and its generation (`undefined`: none). */
export interface ReportedOwnership {
  readonly owned: readonly TopicPartitions[];
  readonly generation: number | undefined;
}

/** The ConsumerProtocolAssignment version a current Java consumer's leader answers with. */
const JAVA_ASSIGNMENT_VERSION = 3;

export function leaderInput(
  cluster: ClusterMetadata,
  members: GroupMembers,
  reported: (metadata: MemberMetadata) => ReportedOwnership,
): StickyInput {
  const partitions = new PartitionInterner();
  const partitionsPerTopic = new Map<string, number>();
  for (const metadata of members.values())
    for (const topic of metadata.subscription) {
      const count = cluster.partitionsForTopic(topic)?.size ?? 0;
      if (count > 0) partitionsPerTopic.set(topic, count);
    }
  const subscriptions = new Map<string, KafkaSubscription>();
  for (const member of javaHashMapOrder(members.keys())) {
    const metadata = members.get(member) as MemberMetadata;
    const { owned, generation } = reported(metadata);
    subscriptions.set(member, {
      topics: metadata.subscription,
      ownedPartitions: owned.flatMap(([topic, ps]) => ps.map((p) => partitions.get(topic, p))),
      generation,
    });
  }
  return { partitionsPerTopic, subscriptions, partitions };
}

/** A generation as Java's `Subscription` constructor keeps it: negative means none. */
export function presentGeneration(generation: number | undefined): number | undefined {
  return generation === undefined || generation < 0 ? undefined : generation;
}

export { KAFKA_DEFAULT_GENERATION };

/** The leader's answer: every member, in JoinGroup order, its partitions grouped by topic. */
export function groupAssignmentOf(
  members: GroupMembers,
  assignment: ReadonlyMap<string, readonly KafkaPartition[]>,
): GroupAssignment {
  const result: GroupAssignment = new Map();
  for (const member of members.keys())
    result.set(member, {
      version: JAVA_ASSIGNMENT_VERSION,
      assignment: groupByTopic(assignment.get(member) ?? []),
      userData: EMPTY_BYTES,
    });
  return result;
}
