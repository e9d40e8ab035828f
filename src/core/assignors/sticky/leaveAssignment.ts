import { compareStrings } from '../../compare';
import type { ClusterMetadata, GroupAssignment, MemberId, TopicPartitions } from '../../types';
import { ASSIGNOR_VERSION, EMPTY_BYTES, SingletonLists, identicalSubscriptions } from '../shared';
import type { StickyMemberInput } from './executor';
import { PartitionIndex } from './partitionIndex';

const NONE = -1;

/**
 * aiokafka's sticky result for a group whose members keep what they claim, in closed form:
 * typically a member left (or joined) a balanced group with identical subscriptions.
 *
 * The group qualifies when every member lists the same topics in the same order, each once,
 * every one known to the cluster with at least one partition; some partition is claimed;
 * and every claimed partition exists, belongs to a subscribed topic and is claimed by one
 * member only, once. Then aiokafka's executor (see `executor.ts`) does this:
 * - each claim stands, with no previous owner and nothing logged (no conflicts, so the
 *   generations never matter; no vanished or unknown topics; nobody holds more than it could);
 * - nothing is revoked, since every claim is on a subscribed topic;
 * - the unclaimed partitions of subscribed topics are dealt in sorted order (every one has
 *   all members as potential consumers, so that is topic name order, partitions ascending),
 *   each to the member with the fewest partitions, ties broken by lowest member id, which
 *   always subscribes;
 * - if loads then differ by at most one, both reassignment passes stop at their first
 *   balance check (a single member has nothing movable and is set aside), nothing moves, and
 *   the result is each member's partitions sorted.
 * When the deal leaves loads further apart the passes would run, so this returns `undefined`
 * and the general path runs instead; it also returns `undefined` for any group that does not
 * qualify. It has no side effects, so falling back is free. (The differential test in
 * `sticky.fastPaths.test.ts` runs thousands of such groups and near misses both ways.)
 */
export function keptClaimsAssignment(
  cluster: ClusterMetadata,
  members: readonly StickyMemberInput[],
): GroupAssignment | undefined {
  const M = members.length;
  if (M === 0) return undefined;
  const subscription = (members[0] as StickyMemberInput).subscription;
  if (subscription.length === 0) return undefined;
  for (let m = 1; m < M; m++) {
    if ((members[m] as StickyMemberInput).subscription !== subscription) {
      if (!identicalSubscriptions(members.map((member) => member.subscription))) return undefined;
      break;
    }
  }
  const index = PartitionIndex.of(cluster);
  const T = index.topicNames.length;
  const subscribed = new Uint8Array(T);
  for (let i = 0; i < subscription.length; i++) {
    const t = index.topicNumbers.get(subscription[i] as string);
    if (t === undefined || subscribed[t] || index.partitionCount(t) === 0) return undefined;
    subscribed[t] = 1;
  }

  const P = index.size;
  const owner = new Int32Array(P).fill(NONE);
  const load = new Int32Array(M);
  let claimed = 0;
  for (let m = 0; m < M; m++) {
    const claims = (members[m] as StickyMemberInput).claims;
    for (let c = 0; c < claims.length; c++) {
      const claim = claims[c] as TopicPartitions;
      const ids = claim[1];
      if (ids.length === 0) continue;
      const t = index.topicNumbers.get(claim[0]);
      if (t === undefined || !subscribed[t]) return undefined;
      const dense = index.isDense(t);
      const base = index.topicStart[t] as number;
      const size = index.partitionCount(t);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        const p =
          dense && id >= 0 && id < size && Number.isInteger(id) ? base + id : index.lookupIn(t, id);
        if (p === NONE || owner[p] !== NONE) return undefined;
        owner[p] = m;
      }
      load[m] = (load[m] as number) + ids.length;
      claimed += ids.length;
    }
  }
  if (claimed === 0) return undefined;

  // Members keyed by (load, id rank) as one number, in a binary min-heap: each orphan goes to
  // the root, whose key then grows by M, so it sinks. O(log M) per orphan.
  const byId: number[] = [];
  for (let m = 0; m < M; m++) byId.push(m);
  byId.sort((a, b) =>
    compareStrings((members[a] as StickyMemberInput).id, (members[b] as StickyMemberInput).id),
  );
  if (M > 1) {
    const key = new Float64Array(M);
    const heap = new Int32Array(M);
    for (let r = 0; r < M; r++) {
      const m = byId[r] as number;
      key[m] = (load[m] as number) * M + r;
      heap[r] = m;
    }
    for (let i = (M >> 1) - 1; i >= 0; i--) siftDown(heap, key, i);
    // Partition numbers run topic by topic in name order and ascend within a topic.
    for (let t = 0; t < T; t++) {
      if (!subscribed[t]) continue;
      const end = index.topicStart[t + 1] as number;
      for (let p = index.topicStart[t] as number; p < end; p++) {
        if (owner[p] !== NONE) continue;
        const m = heap[0] as number;
        owner[p] = m;
        load[m] = (load[m] as number) + 1;
        key[m] = (key[m] as number) + M;
        siftDown(heap, key, 0);
      }
    }
    let least = load[0] as number;
    let most = least;
    for (let m = 1; m < M; m++) {
      const l = load[m] as number;
      if (l < least) least = l;
      else if (l > most) most = l;
    }
    if (most - least > 1) return undefined;
  } else {
    for (let p = 0; p < P; p++)
      if (owner[p] === NONE && subscribed[index.topicOf[p] as number]) owner[p] = 0;
  }

  // Each member's partitions, topics and partitions ascending: one walk over the partitions.
  const entries: TopicPartitions[][] = [];
  for (let m = 0; m < M; m++) entries.push([]);
  const lastTopic = new Int32Array(M).fill(NONE);
  const singletons = new SingletonLists();
  const { topicOf, topicNames, partitionIdOf } = index;
  for (let p = 0; p < P; p++) {
    const m = owner[p] as number;
    if (m === NONE) continue;
    const t = topicOf[p] as number;
    const id = partitionIdOf[p] as number;
    const list = entries[m] as TopicPartitions[];
    if (lastTopic[m] !== t) {
      lastTopic[m] = t;
      list.push([topicNames[t] as string, singletons.of(id)]);
    } else {
      const entry = list[list.length - 1] as TopicPartitions;
      const ids = entry[1];
      if (ids.length === 1) list[list.length - 1] = [entry[0], [ids[0] as number, id]];
      else (ids as number[]).push(id);
    }
  }
  const result: GroupAssignment = new Map();
  for (let m = 0; m < M; m++) {
    result.set((members[m] as StickyMemberInput).id as MemberId, {
      version: ASSIGNOR_VERSION,
      assignment: entries[m] as TopicPartitions[],
      userData: EMPTY_BYTES,
    });
  }
  return result;
}

/** Restores the min-heap order of `heap` (by `key`) below position `i`. */
function siftDown(heap: Int32Array, key: Float64Array, i: number): void {
  const n = heap.length;
  const m = heap[i] as number;
  const k = key[m] as number;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    const right = child + 1;
    if (
      right < n &&
      (key[heap[right] as number] as number) < (key[heap[child] as number] as number)
    )
      child = right;
    if ((key[heap[child] as number] as number) >= k) break;
    heap[i] = heap[child] as number;
    i = child;
  }
  heap[i] = m;
}
