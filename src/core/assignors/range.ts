import { compareStrings } from '../compare';
import type {
  Assignor,
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  Topic,
  TopicPartitions,
} from '../types';
import {
  type AssignorLog,
  identicalSubscriptions,
  membersByRank,
  partitionList,
  plainMetadata,
  rankedGroupAssignment,
  silentLog,
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
 *
 * `assign` first decides who gets which range (integers per topic and member), then builds
 * each member's entries from that plan.
 */
export class RangeAssignor implements Assignor {
  readonly name = 'range';

  constructor(private readonly log: AssignorLog = silentLog) {}

  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    const ids = [...members.keys()];
    const subscriptions = [...members.values()].map((metadata) => metadata.subscription);
    const byRank = membersByRank(ids);
    const plan =
      identicalSubscriptions(subscriptions) && !hasDuplicates(subscriptions[0] ?? [])
        ? this.planIdentical(cluster, subscriptions[0] ?? [], ids.length)
        : this.planMixed(cluster, subscriptions, byRank);

    return rankedGroupAssignment(ids, byRank, plan);
  }

  /**
   * Every member lists the same distinct topics: each topic's subscribers are all members in
   * id order, so the member of rank `r` gets the `r`-th range of every known topic.
   */
  private planIdentical(
    cluster: ClusterMetadata,
    subscription: readonly Topic[],
    memberCount: number,
  ): (rank: number) => TopicPartitions[] {
    const topics: Topic[] = [];
    const partitions: (readonly number[])[] = [];
    for (const topic of [...subscription].sort(compareStrings)) {
      const list = this.knownPartitions(cluster, topic);
      if (list === undefined) continue;
      topics.push(topic);
      partitions.push(list);
    }
    // Results are read-only, so what repeats is shared within this result: one empty entry
    // per topic (at 1000 × 1000 most of a million entries are empty), and the ranges of
    // topics whose partitions are `0..count-1` with the same count, which are equal.
    const emptyEntries = topics.map((topic): TopicPartitions =>
      Object.freeze([topic, NO_PARTITIONS]),
    );
    // Per topic: the cache of ranges by rank, shared by topics with `0..count-1` and the same
    // count; `undefined` for other topics (their ranges are sliced each time).
    const byCount = new Map<number, (readonly number[] | undefined)[]>();
    const shared = partitions.map((list) => {
      if (!isZeroToCount(list)) return undefined;
      let ranges = byCount.get(list.length);
      if (ranges === undefined) {
        ranges = [];
        byCount.set(list.length, ranges);
      }
      return ranges;
    });
    // Members past every topic's extras get nothing anywhere when no topic has a partition
    // for each member: they share one list of empty entries.
    let longest = 0;
    for (const list of partitions) longest = Math.max(longest, list.length);
    const allEmptyFrom = longest < memberCount ? longest : Infinity;
    const allEmpty = Object.freeze(emptyEntries) as TopicPartitions[];
    return (rank) => {
      if (rank >= allEmptyFrom) return allEmpty;
      const entries = new Array<TopicPartitions>(topics.length);
      for (let k = 0; k < topics.length; k++) {
        const list = partitions[k] as readonly number[];
        const perMember = Math.floor(list.length / memberCount);
        const withExtra = list.length % memberCount;
        const length = perMember + (rank < withExtra ? 1 : 0);
        if (length === 0) {
          entries[k] = emptyEntries[k] as TopicPartitions;
          continue;
        }
        const start = perMember * rank + Math.min(rank, withExtra);
        const ranges = shared[k];
        let range = ranges?.[rank];
        if (range === undefined) {
          range = list.slice(start, start + length);
          if (ranges !== undefined) ranges[rank] = range;
        }
        entries[k] = [topics[k] as Topic, range];
      }
      return entries;
    };
  }

  /**
   * Any subscriptions: each topic's subscriber list holds member ranks in id order (a member
   * listing a topic twice appears twice), and each member remembers, per topic in name order,
   * its last position in that list.
   */
  private planMixed(
    cluster: ClusterMetadata,
    subscriptions: readonly (readonly Topic[])[],
    byRank: Int32Array,
  ): (rank: number) => TopicPartitions[] {
    // Walking members in id order makes every topic's subscriber list come out sorted,
    // as aiokafka sorts it, without sorting a list per topic.
    const subscribersByTopic = new Map<Topic, number[]>();
    for (let rank = 0; rank < byRank.length; rank++) {
      for (const topic of subscriptions[byRank[rank] as number] as readonly Topic[]) {
        const subscribers = subscribersByTopic.get(topic);
        if (subscribers === undefined) subscribersByTopic.set(topic, [rank]);
        else subscribers.push(rank);
      }
    }

    // Topics in name order, so each member's entries come out sorted as aiokafka sorts them.
    // Per member: pairs (topic index, position among that topic's subscribers).
    const topics: Topic[] = [];
    const partitions: (readonly number[])[] = [];
    const subscriberCounts: number[] = [];
    const turns: number[][] = Array.from({ length: byRank.length }, () => []);
    for (const topic of [...subscribersByTopic.keys()].sort(compareStrings)) {
      const list = this.knownPartitions(cluster, topic);
      if (list === undefined) continue;
      const k = topics.length;
      topics.push(topic);
      partitions.push(list);
      const subscribers = subscribersByTopic.get(topic) as number[];
      subscriberCounts.push(subscribers.length);
      subscribers.forEach((rank, position) => {
        const own = turns[rank] as number[];
        // A member listed twice for a topic keeps its later range.
        if (own.length > 0 && own[own.length - 2] === k) own[own.length - 1] = position;
        else own.push(k, position);
      });
    }
    return (rank) => {
      const own = turns[rank] as number[];
      const entries: TopicPartitions[] = [];
      for (let i = 0; i < own.length; i += 2) {
        const k = own[i] as number;
        entries.push([
          topics[k] as Topic,
          rangeOf(
            partitions[k] as readonly number[],
            own[i + 1] as number,
            subscriberCounts[k] as number,
          ),
        ]);
      }
      return entries;
    };
  }

  private knownPartitions(cluster: ClusterMetadata, topic: Topic): readonly number[] | undefined {
    const list = partitionList(cluster, topic);
    if (list === undefined) this.log('warning', `No partition metadata for topic ${topic}`);
    return list;
  }

  metadata(topics: Iterable<Topic>) {
    return plainMetadata(topics);
  }

  onAssignment(): void {
    // Range keeps no state between rebalances.
  }
}

/** The `position`-th of `subscribers` contiguous ranges of `partitions`, extras first. */
function rangeOf(
  partitions: readonly number[],
  position: number,
  subscribers: number,
): readonly number[] {
  const perMember = Math.floor(partitions.length / subscribers);
  const withExtra = partitions.length % subscribers;
  const start = perMember * position + Math.min(position, withExtra);
  const length = perMember + (position < withExtra ? 1 : 0);
  return length === 0 ? NO_PARTITIONS : partitions.slice(start, start + length);
}

/** Whether sorted distinct `ids` are exactly `0..ids.length-1`. */
function isZeroToCount(ids: readonly number[]): boolean {
  return ids.length === 0 || (ids[0] === 0 && ids[ids.length - 1] === ids.length - 1);
}

function hasDuplicates(topics: readonly Topic[]): boolean {
  return new Set(topics).size !== topics.length;
}
