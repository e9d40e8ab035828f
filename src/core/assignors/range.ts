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
 * Range: per topic, partitions in numeric order are cut into contiguous ranges, one per
 * subscriber in member-id order; the first `partitions % subscribers` get one extra. Topics
 * are handled independently, so the same members get the extras on every topic.
 *
 * Faithful to aiokafka down to its quirks: a member gets an entry, possibly empty, for every
 * subscribed topic the cluster knows (zero-partition topics included).
 */
export class RangeAssignor implements Assignor {
  readonly name = 'range';

  constructor(private readonly log: AssignorLog = silentLog) {}

  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    // Subscribers per topic, topics in order of first mention, duplicates kept as aiokafka does.
    const subscribersByTopic = new Map<Topic, MemberId[]>();
    for (const [member, metadata] of members) {
      for (const topic of metadata.subscription) {
        const subscribers = subscribersByTopic.get(topic);
        if (subscribers === undefined) subscribersByTopic.set(topic, [member]);
        else subscribers.push(member);
      }
    }

    const byMember = new Map<MemberId, Map<Topic, number[]>>();
    for (const [topic, subscribers] of subscribersByTopic) {
      const partitions = sortedPartitions(cluster, topic);
      if (partitions === undefined) {
        this.log('warning', `No partition metadata for topic ${topic}`);
        continue;
      }
      subscribers.sort(compareStrings);
      const perMember = Math.floor(partitions.length / subscribers.length);
      const withExtra = partitions.length % subscribers.length;
      subscribers.forEach((member, i) => {
        const start = perMember * i + Math.min(i, withExtra);
        const length = perMember + (i < withExtra ? 1 : 0);
        let topics = byMember.get(member);
        if (topics === undefined) byMember.set(member, (topics = new Map()));
        topics.set(topic, partitions.slice(start, start + length));
      });
    }
    return groupAssignment(members.keys(), byMember);
  }

  metadata(topics: Iterable<Topic>) {
    return plainMetadata(topics);
  }

  onAssignment(): void {
    // Range keeps no state between rebalances.
  }
}
