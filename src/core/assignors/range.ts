import { compareStrings } from '../compare';
import type {
  Assignor,
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberId,
  Topic,
  TopicPartitions,
} from '../types';
import {
  ASSIGNOR_VERSION,
  type AssignorLog,
  EMPTY_BYTES,
  plainMetadata,
  silentLog,
  sortedPartitions,
} from './shared';

/** Shared by every empty range so a large group does not allocate a million empty arrays. */
const NO_PARTITIONS: readonly number[] = Object.freeze([]);

/**
 * Range: per topic, partitions in numeric order are cut into contiguous ranges, one per
 * subscriber in member-id order; the first `partitions % subscribers` get one extra. Topics
 * are handled independently, so the same members get the extras on every topic.
 *
 * Faithful to aiokafka down to its quirks: a member gets an entry, possibly empty, for every
 * subscribed topic the cluster knows (zero-partition topics included), and a member that
 * lists a topic twice takes two turns, keeping the later range.
 */
export class RangeAssignor implements Assignor {
  readonly name = 'range';

  constructor(private readonly log: AssignorLog = silentLog) {}

  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    // Walking members in id order makes every topic's subscriber list come out sorted,
    // as aiokafka sorts it, without sorting a list per topic.
    const membersById = [...members.keys()].sort(compareStrings);
    const subscribersByTopic = new Map<Topic, MemberId[]>();
    for (const member of membersById) {
      for (const topic of members.get(member)?.subscription ?? []) {
        const subscribers = subscribersByTopic.get(topic);
        if (subscribers === undefined) subscribersByTopic.set(topic, [member]);
        else subscribers.push(member);
      }
    }

    // Topics in name order, so each member's entries come out sorted as aiokafka sorts them.
    const entries = new Map<MemberId, TopicPartitions[]>([...members.keys()].map((m) => [m, []]));
    for (const topic of [...subscribersByTopic.keys()].sort(compareStrings)) {
      const partitions = sortedPartitions(cluster, topic);
      if (partitions === undefined) {
        this.log('warning', `No partition metadata for topic ${topic}`);
        continue;
      }
      const subscribers = subscribersByTopic.get(topic) as MemberId[];
      const perMember = Math.floor(partitions.length / subscribers.length);
      const withExtra = partitions.length % subscribers.length;
      subscribers.forEach((member, i) => {
        const start = perMember * i + Math.min(i, withExtra);
        const length = perMember + (i < withExtra ? 1 : 0);
        const range = length === 0 ? NO_PARTITIONS : partitions.slice(start, start + length);
        const own = entries.get(member) as TopicPartitions[];
        const last = own[own.length - 1];
        // A member listed twice for a topic keeps its later range.
        if (last !== undefined && last[0] === topic) own[own.length - 1] = [topic, range];
        else own.push([topic, range]);
      });
    }

    const result: GroupAssignment = new Map();
    for (const [member, assignment] of entries) {
      result.set(member, { version: ASSIGNOR_VERSION, assignment, userData: EMPTY_BYTES });
    }
    return result;
  }

  metadata(topics: Iterable<Topic>) {
    return plainMetadata(topics);
  }

  onAssignment(): void {
    // Range keeps no state between rebalances.
  }
}
