/**
 * Who owns which partition in one generation, by member index, built in typed arrays so a
 * 100k-partition group costs a few allocations rather than one object per partition.
 */
import type { MemberId, Topic } from '../core/types';
import type { LayoutGenerationInput, LayoutMemberInput } from './layoutTypes';

function compareNumbers(a: number, b: number): number {
  return a - b;
}

/**
 * The owners of one topic's partitions in one generation, by member index. Partitions of the
 * cluster are in typed arrays; the rare ones an assignment invents (out of range, or of a
 * topic the cluster does not have) and the rare ones with several owners are in maps.
 */
export interface TopicOwners {
  /** Partitions in the cluster: [0, count). */
  readonly count: number;
  readonly inCluster: boolean;
  /** The first owner (in member order) of each partition in the cluster, or -1. */
  readonly first: Int32Array;
  /** Partitions in the cluster with several owners: all of them, in member order. */
  several: Map<number, number[]> | undefined;
  /** Partitions outside the cluster that someone was given: their owners, in member order. */
  outside: Map<number, number[]> | undefined;
}

export interface Ownership {
  readonly topics: Map<Topic, TopicOwners>;
  /** Per member index: the index of the first member with the same id (ids are the identity). */
  readonly canonical: Int32Array;
  /** Per member index: claims, deduplicated (what the lane holds). */
  readonly loads: Int32Array;
  /** Partitions of the cluster nobody owns. */
  readonly unowned: number;
}

export function inRange(owners: TopicOwners, partition: number) {
  return partition >= 0 && partition < owners.count && Number.isInteger(partition);
}

function partitionCount(count: number) {
  return count > 0 ? Math.ceil(count) : 0;
}

function addOwner(list: number[], member: number, canonical: Int32Array) {
  const id = canonical[member];
  for (const other of list) if (canonical[other] === id) return false;
  list.push(member);
  return true;
}

/** About how many partitions or tokens a layout step handles between two yields. */
export const STEP_WORK = 2048;

export function* ownershipOf(generation: LayoutGenerationInput): Generator<void, Ownership, void> {
  const { members, cluster } = generation;
  const topics = new Map<Topic, TopicOwners>();
  for (const topic of Object.keys(cluster)) {
    const count = partitionCount(cluster[topic] as number);
    topics.set(topic, {
      count,
      inCluster: true,
      first: new Int32Array(count).fill(-1),
      several: undefined,
      outside: undefined,
    });
  }
  const canonical = new Int32Array(members.length);
  const firstIndex = new Map<MemberId, number>();
  members.forEach((m, i) => {
    const seen = firstIndex.get(m.id);
    if (seen === undefined) firstIndex.set(m.id, i);
    canonical[i] = seen ?? i;
  });
  const loads = new Int32Array(members.length);
  let claimed = 0;
  let work = 0;
  for (let mi = 0; mi < members.length; mi++) {
    const id = canonical[mi] as number;
    let load = 0;
    for (const [topic, partitions] of (members[mi] as LayoutMemberInput).assignment) {
      work += partitions.length;
      if (work >= STEP_WORK) {
        work = 0;
        yield;
      }
      let owners = topics.get(topic);
      if (owners === undefined && partitions.length > 0) {
        owners = {
          count: 0,
          inCluster: false,
          first: new Int32Array(0),
          several: undefined,
          outside: undefined,
        };
        topics.set(topic, owners);
      }
      if (owners === undefined) continue;
      const first = owners.first;
      for (const partition of partitions) {
        if (inRange(owners, partition)) {
          const current = first[partition] as number;
          if (current === -1) {
            first[partition] = mi;
            claimed++;
            load++;
          } else if (canonical[current] !== id) {
            owners.several ??= new Map();
            const list = owners.several.get(partition);
            if (list === undefined) {
              owners.several.set(partition, [current, mi]);
              load++;
            } else if (addOwner(list, mi, canonical)) load++;
          }
        } else {
          owners.outside ??= new Map();
          const list = owners.outside.get(partition);
          if (list === undefined) {
            owners.outside.set(partition, [mi]);
            load++;
          } else if (addOwner(list, mi, canonical)) load++;
        }
      }
    }
    loads[mi] = load;
  }
  let inCluster = 0;
  for (const owners of topics.values()) inCluster += owners.count;
  return { topics, canonical, loads, unowned: inCluster - claimed };
}

/**
 * The partitions of one topic, ascending, when an assignment invented some (the cluster's and
 * those merged); undefined when they are just [0, count).
 */
export function partitionsOf(owners: TopicOwners): number[] | undefined {
  if (owners.outside === undefined) return undefined;
  const all: number[] = [...owners.outside.keys()];
  for (let p = 0; p < owners.count; p++) all.push(p);
  return all.sort(compareNumbers);
}

/** Does this topic have at least one partition (in the cluster, or given to someone)? */
export function hasPartitions(owners: TopicOwners) {
  return owners.count > 0 || (owners.outside !== undefined && owners.outside.size > 0);
}

export function ownsAny(owners: TopicOwners | undefined, partition: number) {
  if (owners === undefined) return false;
  return inRange(owners, partition) || (owners.outside?.has(partition) ?? false);
}

const NO_OWNERS: readonly number[] = [];

/** Owners (member indices, member order) of a partition: allocation-free for 0 or 1 owner. */
export function ownersOf(owners: TopicOwners | undefined, partition: number, one: number[]) {
  if (owners === undefined) return NO_OWNERS;
  if (inRange(owners, partition)) {
    const first = owners.first[partition] as number;
    if (first === -1) return NO_OWNERS;
    const several = owners.several?.get(partition);
    if (several !== undefined) return several;
    one[0] = first;
    return one;
  }
  return owners.outside?.get(partition) ?? NO_OWNERS;
}
