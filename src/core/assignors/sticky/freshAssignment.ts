import { compareStrings } from '../../compare';
import type { ClusterMetadata, GroupAssignment, MemberId, Topic } from '../../types';
import {
  type AssignorLog,
  identicalSubscriptions,
  membersByRank,
  partitionList,
  rankedGroupAssignment,
  roundRobinDeal,
} from '../shared';
import type { StickyMemberInput } from './executor';

/**
 * aiokafka's sticky result for a fresh group with identical subscriptions, in closed form.
 *
 * When no member claims a partition and every member lists the same topics, each once,
 * aiokafka's executor does this: every partition has the same potential consumers (all
 * members), so its sorted partition list is the subscribed topics in name order, partitions
 * ascending; every partition is unassigned and goes, one at a time, to the member with the
 * fewest partitions, ties broken by lowest member id. Starting from all zero, that hands the
 * `g`-th partition of the list to the member of id rank `g mod n`. Loads then differ by at
 * most one, so both reassignment passes stop at their first balance check and nothing moves.
 * The result is therefore roundrobin's deal over the subscribed topics. (The differential
 * test in `sticky.fastPaths.test.ts` runs thousands of groups both ways.)
 *
 * Returns `undefined` when the group does not qualify. Warnings are the executor's: one per
 * subscribed topic the cluster does not know, in subscription order.
 */
export function freshIdenticalAssignment(
  cluster: ClusterMetadata,
  members: readonly StickyMemberInput[],
  log: AssignorLog,
): GroupAssignment | undefined {
  for (const member of members) {
    for (const [, partitions] of member.claims) if (partitions.length > 0) return undefined;
  }
  const subscriptions = members.map((member) => member.subscription);
  if (!identicalSubscriptions(subscriptions)) return undefined;
  const subscription = subscriptions[0] ?? [];
  if (new Set(subscription).size !== subscription.length) return undefined;

  const clusterTopics = cluster.topics();
  const known: [Topic, readonly number[]][] = [];
  for (const topic of subscription) {
    // The executor knows the topics the cluster lists and has partition metadata for.
    const partitions = clusterTopics.has(topic) ? partitionList(cluster, topic) : undefined;
    if (partitions === undefined) log('warning', `No partition metadata for topic '${topic}'`);
    else known.push([topic, partitions]);
  }
  known.sort(([a], [b]) => compareStrings(a, b));

  const ids: MemberId[] = members.map((member) => member.id);
  return rankedGroupAssignment(
    ids,
    membersByRank(ids),
    roundRobinDeal(
      known.map(([topic]) => topic),
      known.map(([, partitions]) => partitions),
      ids.length,
    ),
  );
}
