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
  roundRobinDeal,
  silentLog,
} from './shared';

/**
 * Roundrobin: every subscribed partition, ordered by (topic, partition), is dealt to the
 * members in member-id order, skipping members not subscribed to its topic. With identical
 * subscriptions the counts differ by at most one; otherwise the skips can skew them.
 *
 * The deal has a closed form, so nothing is dealt one partition at a time. Within a topic the
 * dealer only ever lands on its subscribers, in id order, wrapping around: partition `i` goes
 * to subscriber `(start + i) mod subscribers`, where `start` is the first subscriber at or
 * after the member the previous topic's last partition was dealt to, plus one. `assign`
 * computes each topic's `start`; each member's entries are then built from it.
 */
export class RoundRobinAssignor implements Assignor {
  readonly name = 'roundrobin';

  constructor(private readonly log: AssignorLog = silentLog) {}

  assign(cluster: ClusterMetadata, members: GroupMembers): GroupAssignment {
    const ids = [...members.keys()];
    const subscriptions = [...members.values()].map((metadata) => metadata.subscription);
    const byRank = membersByRank(ids);
    const plan = identicalSubscriptions(subscriptions)
      ? this.planIdentical(cluster, subscriptions[0] ?? [], ids.length)
      : this.planMixed(cluster, subscriptions, byRank);

    return rankedGroupAssignment(ids, byRank, plan);
  }

  /** Every member subscribes to the same topics: global partition `g` goes to rank `g mod n`. */
  private planIdentical(
    cluster: ClusterMetadata,
    subscription: readonly Topic[],
    memberCount: number,
  ): (rank: number) => TopicPartitions[] {
    const distinct = [...new Set(subscription)];
    const known = this.knownTopics(cluster, distinct, this.log);
    return roundRobinDeal(
      known.map(([topic]) => topic),
      known.map(([, partitions]) => partitions),
      memberCount,
    );
  }

  /** Any subscriptions: per topic, its subscribers' ranks in id order and where the deal starts. */
  private planMixed(
    cluster: ClusterMetadata,
    subscriptions: readonly (readonly Topic[])[],
    byRank: Int32Array,
  ): (rank: number) => TopicPartitions[] {
    const subscribersByTopic = new Map<Topic, number[]>();
    for (let rank = 0; rank < byRank.length; rank++) {
      for (const topic of subscriptions[byRank[rank] as number] as readonly Topic[]) {
        const subscribers = subscribersByTopic.get(topic);
        if (subscribers === undefined) subscribersByTopic.set(topic, [rank]);
        // A member that lists a topic twice is still one subscriber (aiokafka uses a set).
        else if (subscribers[subscribers.length - 1] !== rank) subscribers.push(rank);
      }
    }
    let known = this.knownTopics(cluster, [...subscribersByTopic.keys()], silentLog);
    if (known.length < subscribersByTopic.size) {
      // Warnings name unknown topics in the order members first mention them (JoinGroup
      // order, not id order); only worth working out when there is something to warn about.
      known = this.knownTopics(cluster, [...new Set(subscriptions.flat())], this.log);
    }

    const memberCount = byRank.length;
    const turns: number[][] = Array.from({ length: memberCount }, () => []);
    const starts: number[] = [];
    const subscriberCounts: number[] = [];
    let next = 0; // the rank the dealer looks at first
    known.forEach(([topic, partitions], k) => {
      const subscribers = subscribersByTopic.get(topic) as number[];
      const start = firstAtOrAfter(subscribers, next);
      starts.push(start);
      subscriberCounts.push(subscribers.length);
      if (partitions.length > 0) {
        const last = (start + partitions.length - 1) % subscribers.length;
        next = (subscribers[last] as number) + 1;
      }
      subscribers.forEach((rank, position) => (turns[rank] as number[]).push(k, position));
    });
    return (rank) => {
      const own = turns[rank] as number[];
      const entries: TopicPartitions[] = [];
      for (let i = 0; i < own.length; i += 2) {
        const k = own[i] as number;
        const [topic, partitions] = known[k] as [Topic, readonly number[]];
        const got = every(
          partitions,
          own[i + 1] as number,
          starts[k] as number,
          subscriberCounts[k] as number,
        );
        if (got.length > 0) entries.push([topic, got]);
      }
      return entries;
    };
  }

  /** The topics the cluster knows, sorted by name, with their partitions; warns about the rest. */
  private knownTopics(
    cluster: ClusterMetadata,
    topics: readonly Topic[],
    log: AssignorLog,
  ): [Topic, readonly number[]][] {
    const known: [Topic, readonly number[]][] = [];
    for (const topic of topics) {
      const partitions = partitionList(cluster, topic);
      if (partitions === undefined) log('warning', `No partition metadata for topic ${topic}`);
      else known.push([topic, partitions]);
    }
    return known.sort(([a], [b]) => compareStrings(a, b));
  }

  metadata(topics: Iterable<Topic>) {
    return plainMetadata(topics);
  }

  onAssignment(): void {
    // Roundrobin keeps no state between rebalances.
  }
}

/** The partitions dealt to seat `seat` of `seats` when partition 0 goes to seat `start`. */
function every(
  partitions: readonly number[],
  seat: number,
  start: number,
  seats: number,
): number[] {
  const own: number[] = [];
  for (let i = (((seat - start) % seats) + seats) % seats; i < partitions.length; i += seats) {
    own.push(partitions[i] as number);
  }
  return own;
}

/** The index of the first of the ascending `ranks` that is ≥ `rank`, wrapping to 0. */
function firstAtOrAfter(ranks: readonly number[], rank: number): number {
  let low = 0;
  let high = ranks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((ranks[mid] as number) < rank) low = mid + 1;
    else high = mid;
  }
  return low === ranks.length ? 0 : low;
}
