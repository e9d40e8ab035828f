import { StaticCluster } from '../cluster';
import { compareStrings } from '../compare';
import type {
  ClusterMetadata,
  GroupAssignment,
  MemberAssignment,
  MemberId,
  MemberMetadata,
  Topic,
  TopicPartitions,
} from '../types';

/** The protocol version our built-in assignors speak, as aiokafka's do. */
export const ASSIGNOR_VERSION = 0;

export const EMPTY_BYTES: Uint8Array = new Uint8Array(0);

/** A diagnostic an assignor reports instead of failing, like aiokafka's log warnings. */
export type AssignorLog = (level: 'warning' | 'error', message: string) => void;

export const silentLog: AssignorLog = () => undefined;

/** A member's assignment with topics in ascending name order, as aiokafka sorts them. */
export function memberAssignment(
  partitionsByTopic: ReadonlyMap<Topic, readonly number[]>,
  userData: Uint8Array = EMPTY_BYTES,
): MemberAssignment {
  const topics = [...partitionsByTopic.keys()].sort(compareStrings);
  return {
    version: ASSIGNOR_VERSION,
    assignment: topics.map((topic) => [topic, partitionsByTopic.get(topic) ?? []] as const),
    userData,
  };
}

/** One assignment per member, in member order; members that got nothing get an empty one. */
export function groupAssignment(
  members: Iterable<MemberId>,
  byMember: ReadonlyMap<MemberId, ReadonlyMap<Topic, readonly number[]>>,
): GroupAssignment {
  const result: GroupAssignment = new Map();
  for (const member of members)
    result.set(member, memberAssignment(byMember.get(member) ?? new Map()));
  return result;
}

/** Plain member metadata with no user data, what range and roundrobin send. */
export function plainMetadata(topics: Iterable<Topic>): MemberMetadata {
  return { version: ASSIGNOR_VERSION, subscription: [...topics], userData: EMPTY_BYTES };
}

/** The partitions of `topic` in ascending order, or `undefined` for an unknown topic. */
export function sortedPartitions(cluster: ClusterMetadata, topic: Topic): number[] | undefined {
  const partitions = cluster.partitionsForTopic(topic);
  return partitions === undefined ? undefined : [...partitions].sort((a, b) => a - b);
}

/**
 * The partitions of `topic` in ascending order, or `undefined` for an unknown topic. For a
 * {@link StaticCluster} this is its cached `0..count-1` array, shared between calls: callers
 * must not mutate it (slice it to hand out a part).
 */
export function partitionList(
  cluster: ClusterMetadata,
  topic: Topic,
): readonly number[] | undefined {
  if (cluster instanceof StaticCluster) return cluster.sortedPartitionArray(topic);
  return sortedPartitions(cluster, topic);
}

/**
 * The group assignment in JoinGroup order; `plan(rank)` builds the entries of the member
 * with that id rank. Every entry is built here, inside `assign`: a result whose entries
 * appeared only when read would make `assign` look faster than the work it hands on.
 */
export function rankedGroupAssignment(
  ids: readonly MemberId[],
  byRank: Int32Array,
  plan: (rank: number) => TopicPartitions[],
): GroupAssignment {
  const rankOf = new Int32Array(ids.length);
  for (let rank = 0; rank < byRank.length; rank++) rankOf[byRank[rank] as number] = rank;
  const result: GroupAssignment = new Map();
  for (let m = 0; m < ids.length; m++) {
    const rank = rankOf[m] as number;
    result.set(ids[m] as MemberId, {
      version: ASSIGNOR_VERSION,
      assignment: plan(rank),
      userData: EMPTY_BYTES,
    });
  }
  return result;
}

/**
 * Member positions sorted by member id (code-point order, as Python sorts them):
 * `byRank[r]` is the JoinGroup index of the member with rank `r`.
 */
export function membersByRank(ids: readonly MemberId[]): Int32Array {
  const byRank = new Int32Array(ids.length);
  let sorted = true;
  for (let i = 0; i < ids.length; i++) {
    byRank[i] = i;
    if (i > 0 && compareStrings(ids[i - 1] as MemberId, ids[i] as MemberId) > 0) sorted = false;
  }
  // Members often join in id order; then there is nothing to sort.
  if (sorted) return byRank;
  const order = Array.from(byRank).sort((a, b) =>
    compareStrings(ids[a] as MemberId, ids[b] as MemberId),
  );
  return Int32Array.from(order);
}

/**
 * True when every member lists exactly the same topics in the same order. Usually the arrays
 * hold the same string objects, so this is a pointer comparison per entry.
 */
export function identicalSubscriptions(subscriptions: readonly (readonly Topic[])[]): boolean {
  const first = subscriptions[0];
  if (first === undefined) return true;
  for (let m = 1; m < subscriptions.length; m++)
    if (!sameTopicList(subscriptions[m] as readonly Topic[], first)) return false;
  return true;
}

/** Whether two members list exactly the same topics in the same order. */
export function sameTopicList(a: readonly Topic[], b: readonly Topic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The deal of partitions to members in id order, one at a time, starting again at rank 0
 * after the last: the `g`-th partition of the concatenation of `partitions` (in list order)
 * goes to rank `g mod memberCount`. `deal(rank)` gives that rank's entries, one per list it
 * got something from, in list order, partitions in list order.
 *
 * Built topic by topic: within a list of `size` partitions starting at deal position `start`,
 * the rank at `start + j` (for the first `min(size, memberCount)` values of `j`) gets
 * partitions `j, j + memberCount, …`. So the work is one step per partition and per entry,
 * and no member looks at topics it gets nothing from.
 */
export function roundRobinDeal(
  topics: readonly Topic[],
  partitions: readonly (readonly number[])[],
  memberCount: number,
): (rank: number) => TopicPartitions[] {
  const perRank: TopicPartitions[][] = [];
  for (let r = 0; r < memberCount; r++) perRank.push([]);
  const singletons = new SingletonLists();
  let start = 0;
  for (let k = 0; k < topics.length; k++) {
    const topic = topics[k] as Topic;
    const list = partitions[k] as readonly number[];
    const size = list.length;
    const seats = Math.min(size, memberCount);
    for (let j = 0; j < seats; j++) {
      const rank = (start + j) % memberCount;
      const count = Math.ceil((size - j) / memberCount);
      let own: readonly number[];
      if (count === 1) {
        own = singletons.of(list[j] as number);
      } else {
        // Sized up front: a pushed-to array reserves room for more.
        const ids = new Array<number>(count);
        for (let i = 0, at = j; at < size; at += memberCount) ids[i++] = list[at] as number;
        own = ids;
      }
      (perRank[rank] as TopicPartitions[]).push([topic, own]);
    }
    start = (start + size) % memberCount;
  }
  return (rank) => perRank[rank] as TopicPartitions[];
}

/**
 * One-element partition lists shared within one result. Results are read-only (the types say
 * so), and in large groups most entries hold a single partition: handing out one `[id]`
 * array per id instead of one per entry saves most of the allocations and the garbage
 * collector's copying while the result is built.
 */
export class SingletonLists {
  private readonly lists: (readonly number[] | undefined)[] = [];

  of(id: number): readonly number[] {
    if (!(id >= 0 && id < 0x10000 && Number.isInteger(id))) return [id];
    let list = this.lists[id];
    if (list === undefined) {
      list = [id];
      this.lists[id] = list;
    }
    return list;
  }
}
