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
  sameTopicList,
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
  // Each subscribed topic's partitions are looked up once, however many members read it.
  const subscribed = new Set<string>();
  let previous: readonly string[] | undefined;
  for (const metadata of members.values()) {
    if (previous !== undefined && sameTopicList(metadata.subscription, previous)) continue;
    for (const topic of metadata.subscription) subscribed.add(topic);
    previous = metadata.subscription;
  }
  const partitionsPerTopic = new Map<string, number>();
  for (const topic of subscribed) {
    const count = cluster.partitionsForTopic(topic)?.size ?? 0;
    if (count > 0) partitionsPerTopic.set(topic, count);
  }
  const subscriptions = new Map<string, KafkaSubscription>();
  for (const member of javaHashMapOrder(members.keys())) {
    const metadata = members.get(member) as MemberMetadata;
    const { owned, generation } = reported(metadata);
    const ownedPartitions: KafkaPartition[] = [];
    for (const [topic, ps] of owned)
      for (const p of ps) ownedPartitions.push(partitions.get(topic, p));
    subscriptions.set(member, { topics: metadata.subscription, ownedPartitions, generation });
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
      assignment: groupedByTopic(assignment.get(member) ?? []),
      userData: EMPTY_BYTES,
    });
  return result;
}

/**
 * A member's partitions as (topic, partitions) entries in first-appearance order, like
 * {@link groupByTopic}. Kafka's builders mostly hand a member each topic's partitions in one
 * run, which is grouped by walking the runs; a topic that comes back later takes the map.
 */
function groupedByTopic(partitions: readonly KafkaPartition[]): TopicPartitions[] {
  const entries: TopicPartitions[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < partitions.length) {
    const topic = (partitions[i] as KafkaPartition).topic;
    if (seen.has(topic)) return groupByTopic(partitions);
    seen.add(topic);
    const run: number[] = [];
    while (i < partitions.length && (partitions[i] as KafkaPartition).topic === topic)
      run.push((partitions[i++] as KafkaPartition).partition);
    entries.push([topic, run]);
  }
  return entries;
}
