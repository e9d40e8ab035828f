import { ServerAssignorError, type ServerAssignment, type ServerGroup } from './types';
import { parseTopicId, type TopicIdBits } from './topicId';

/** A topic with its parsed id, what every server assignor looks up by name. */
export interface IndexedTopic {
  readonly name: string;
  readonly id: TopicIdBits;
  readonly partitions: number;
}

/** Topics by name, with their parsed ids. */
export function indexTopics(group: ServerGroup): Map<string, IndexedTopic> {
  const topics = new Map<string, IndexedTopic>();
  for (const topic of group.topics) {
    if (topics.has(topic.name)) {
      throw new ServerAssignorError(`topic "${topic.name}" is listed twice`);
    }
    topics.set(topic.name, {
      name: topic.name,
      id: parseTopicId(topic.id),
      partitions: topic.partitions,
    });
  }
  return topics;
}

/**
 * The topics of a subscription that exist, once each, in the member's order. Kafka's coordinator
 * resolves subscribed names to topic ids and simply has no id for a topic that does not exist,
 * so such a name is ignored by the assignor (it still counts for the subscription type).
 */
export function existingSubscription(
  subscription: readonly string[],
  topics: ReadonlyMap<string, IndexedTopic>,
): string[] {
  return [...new Set(subscription)].filter((name) => topics.has(name));
}

/**
 * A current assignment's partitions that the topic still has. Kafka topics never shrink, but a
 * playground topic can; a partition that is gone is simply no longer owned.
 */
export function existingPartitions(partitions: readonly number[], count: number): number[] {
  return partitions.filter((p) => Number.isInteger(p) && p >= 0 && p < count);
}

/**
 * The coordinator's `SubscriptionType`: homogeneous when every member subscribes to the same set
 * of topic names (order and repeats do not count; like Kafka, names of missing topics count).
 */
export function isHomogeneous(group: ServerGroup): boolean {
  const key = (subscription: readonly string[]): string =>
    [...new Set(subscription)].sort().join('\u0000');
  const first = group.members[0];
  if (first === undefined) return true;
  const firstKey = key(first.subscription);
  return group.members.every((member) => key(member.subscription) === firstKey);
}

/** Sets of partitions per topic, per member, turned into the sorted plain result. */
export function toServerAssignment(
  memberIds: readonly string[],
  target: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<number>>>,
): ServerAssignment {
  const result: ServerAssignment = {};
  for (const memberId of memberIds) {
    const byTopic: Record<string, number[]> = {};
    const assignment = target.get(memberId);
    if (assignment !== undefined) {
      for (const topic of [...assignment.keys()].sort()) {
        const partitions = assignment.get(topic);
        if (partitions !== undefined && partitions.size > 0) {
          byTopic[topic] = [...partitions].sort((a, b) => a - b);
        }
      }
    }
    result[memberId] = byTopic;
  }
  return result;
}
