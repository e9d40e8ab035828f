import { ServerAssignorError, type ServerAssignment, type ServerGroup } from './types';
import { parseTopicId, type TopicIdBits } from './topicId';

/** A topic with its parsed id, what every server assignor looks up by name. */
export interface IndexedTopic {
  readonly name: string;
  readonly id: TopicIdBits;
  readonly partitions: number;
}

/** Topics by name; throws, as Kafka does, when a member subscribes to a topic that is not there. */
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
  for (const member of group.members) {
    for (const name of member.subscription) {
      if (!topics.has(name)) {
        throw new ServerAssignorError(
          `member "${member.id}" is subscribed to topic "${name}", which is not in the topic metadata`,
        );
      }
    }
  }
  return topics;
}

/**
 * The coordinator's `SubscriptionType`: homogeneous when every member subscribes to the same set
 * of topics (order and repeats do not count).
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
