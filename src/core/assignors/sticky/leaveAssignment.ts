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

  // Members in (load, id) order; dealing to the first keeps that order with one bubble step,
  // since the member that gains one moves past the others of its new load only.
  const byId = Array.from({ length: M }, (_, m) => m).sort((a, b) =>
    compareStrings((members[a] as StickyMemberInput).id, (members[b] as StickyMemberInput).id),
  );
  const rank = new Int32Array(M);
  for (let r = 0; r < M; r++) rank[byId[r] as number] = r;
  // A stable sort by load keeps id order among equal loads.
  const order = Int32Array.from(byId.sort((a, b) => (load[a] as number) - (load[b] as number)));
  if (M > 1) {
    // Partition numbers run topic by topic in name order and ascend within a topic.
    for (let t = 0; t < T; t++) {
      if (!subscribed[t]) continue;
      const end = index.topicStart[t + 1] as number;
      for (let p = index.topicStart[t] as number; p < end; p++) {
        if (owner[p] !== NONE) continue;
        const m = order[0] as number;
        owner[p] = m;
        const l = (load[m] as number) + 1;
        load[m] = l;
        // Move m right past every member with a smaller (load, rank) key.
        let i = 0;
        const r = rank[m] as number;
        while (i + 1 < M) {
          const next = order[i + 1] as number;
          const nl = load[next] as number;
          if (nl < l || (nl === l && (rank[next] as number) < r)) {
            order[i] = next;
            i++;
          } else break;
        }
        order[i] = m;
      }
    }
    if ((load[order[M - 1] as number] as number) - (load[order[0] as number] as number) > 1)
      return undefined;
  } else {
    for (let p = 0; p < P; p++)
      if (owner[p] === NONE && subscribed[index.topicOf[p] as number]) owner[p] = 0;
  }

  // Each member's partitions, topics and partitions ascending: one walk over the partitions.
  const entries: TopicPartitions[][] = Array.from({ length: M }, () => []);
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
