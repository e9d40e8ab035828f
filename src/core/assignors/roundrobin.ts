import { compareStrings } from '../compare';
import type {
  Assignor,
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberId,
  Topic,
} from '../types';
import {
  type AssignorLog,
  groupAssignment,
  plainMetadata,
  silentLog,
  sortedPartitions,
} from './shared';

/**
 * Roundrobin: every subscribed partition, ordered by (topic, partition), is dealt to the
 * members in member-id order, skipping members not subscribed to its topic. With identical
 * subscriptions the counts differ by at most one; otherwise the skips can skew them.
 */
export class RoundRobinAssignor implements Assignor {
  readonly name = 'roundrobin';

  constructor(private readonly log: AssignorLog = silentLog) {}

  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    const subscriptions = new Map<MemberId, ReadonlySet<Topic>>();
    const allTopics = new Set<Topic>();
    for (const [member, metadata] of members) {
      subscriptions.set(member, new Set(metadata.subscription));
      for (const topic of metadata.subscription) allTopics.add(topic);
    }

    const partitionsByTopic: [Topic, number[]][] = [];
    for (const topic of allTopics) {
      const partitions = sortedPartitions(cluster, topic);
      if (partitions === undefined) {
        this.log('warning', `No partition metadata for topic ${topic}`);
        continue;
      }
      partitionsByTopic.push([topic, partitions]);
    }
    partitionsByTopic.sort(([a], [b]) => compareStrings(a, b));

    const dealOrder = [...members.keys()].sort(compareStrings);
    const byMember = new Map<MemberId, Map<Topic, number[]>>();
    let next = 0;
    for (const [topic, partitions] of partitionsByTopic) {
      for (const partition of partitions) {
        // Someone subscribes to every topic here, so this finds a member within one lap.
        let member = dealOrder[next % dealOrder.length] as MemberId;
        next++;
        while (!subscriptions.get(member)?.has(topic)) {
          member = dealOrder[next % dealOrder.length] as MemberId;
          next++;
        }
        let topics = byMember.get(member);
        if (topics === undefined) byMember.set(member, (topics = new Map()));
        let owned = topics.get(topic);
        if (owned === undefined) topics.set(topic, (owned = []));
        owned.push(partition);
      }
    }
    return groupAssignment(members.keys(), byMember);
  }

  metadata(topics: Iterable<Topic>) {
    return plainMetadata(topics);
  }

  onAssignment(): void {
    // Roundrobin keeps no state between rebalances.
  }
}
