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
import { EMPTY_BYTES, SingletonLists } from '../shared';
import { javaHashMapOrder } from './javaHash';
import { PartitionInterner, type KafkaPartition, type KafkaSubscription } from './model';
import { sameTopicList } from '../shared';
import type { StickyInput } from './stickyCore';

/** What a member reports it owns, and its generation (`undefined`: none). */
export interface ReportedOwnership {
  readonly owned: readonly TopicPartitions[];
  readonly generation: number | undefined;
}

/** The ConsumerProtocolSubscription version a current Java consumer sends. */
export const JAVA_SUBSCRIPTION_VERSION = 3;
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

/** The leader's answer: every member, in JoinGroup order, its partitions grouped by topic. */
export function groupAssignmentOf(
  members: GroupMembers,
  assignment: ReadonlyMap<string, readonly KafkaPartition[]>,
): GroupAssignment {
  const result: GroupAssignment = new Map();
  const singletons = new SingletonLists();
  for (const member of members.keys())
    result.set(member, {
      version: JAVA_ASSIGNMENT_VERSION,
      assignment: groupedByTopic(assignment.get(member) ?? [], singletons),
      userData: EMPTY_BYTES,
    });
  return result;
}

/**
 * A member's partitions as (topic, partitions) entries in first-appearance order, like
 * `groupByTopic`, built for large groups: most entries hold one partition, and those share
 * one `[id]` list per partition number (results are read-only) until a second partition of
 * the topic arrives. While the topics come in ascending runs (how Kafka's builders hand out
 * new partitions) a new run is a new entry without a lookup.
 */
function groupedByTopic(
  partitions: readonly KafkaPartition[],
  singletons: SingletonLists,
): TopicPartitions[] {
  const entries: [string, readonly number[]][] = [];
  /** Per entry: the list is the entry's own (may grow), not a shared singleton. */
  const own: boolean[] = [];
  /** Topic → entry, once the runs stop ascending. */
  let entryOf: Map<string, number> | undefined;
  let last = -1;
  for (const tp of partitions) {
    const topic = tp.topic;
    let at = -1;
    if (last >= 0) {
      const lastTopic = (entries[last] as [string, readonly number[]])[0];
      if (lastTopic === topic) at = last;
      else if (entryOf !== undefined || topic < lastTopic) {
        entryOf ??= new Map(entries.map(([t], i) => [t, i]));
        at = entryOf.get(topic) ?? -1;
      }
    }
    if (at < 0) {
      at = entries.length;
      entries.push([topic, singletons.of(tp.partition)]);
      own.push(false);
      entryOf?.set(topic, at);
    } else {
      const entry = entries[at] as [string, readonly number[]];
      if (own[at] === true) (entry[1] as number[]).push(tp.partition);
      else {
        entry[1] = [...entry[1], tp.partition];
        own[at] = true;
      }
    }
    last = at;
  }
  return entries;
}
