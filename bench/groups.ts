/**
 * Benchmark groups, built in code: the cluster, each member's own assignor instance and the
 * metadata each member sends. Runtime-neutral (no Node APIs) so a browser bench can reuse it.
 */
import { mulberry32 } from '../src/scenario/random';
import {
  BUILTIN_ASSIGNOR_NAMES,
  createBuiltinAssignor,
  isBuiltinAssignorName,
  type BuiltinAssignorName,
} from '../src/core/assignors';
import {
  isJavaRunName,
  JAVA_RUN_NAMES,
  javaRunFactory,
  type JavaRunName,
} from '../src/scenario/javaRuns';
import { StaticCluster } from '../src/core/cluster';
import type {
  Assignor,
  GroupAssignment,
  GroupMembers,
  MemberId,
  MemberMetadata,
  Topic,
} from '../src/core/types';

export type BenchCaseId = 'a' | 'b' | 'c' | 'd' | 'e';
export type BenchPhase = 'fresh' | 'leave';

export interface BenchCase {
  readonly id: BenchCaseId;
  readonly topics: number;
  readonly partitionsPerTopic: number;
  readonly members: number;
  /** Fraction of topics each member subscribes to (seeded random pick), or 1 for all. */
  readonly subscribedFraction: number;
  readonly phases: readonly BenchPhase[];
  readonly description: string;
}

/** Fixed seed for case e's subscriptions, so runs are comparable. */
export const SUBSCRIPTION_SEED = 0x5eed_2024;

export const BENCH_CASES: readonly BenchCase[] = [
  {
    id: 'a',
    topics: 10,
    partitionsPerTopic: 10,
    members: 10,
    subscribedFraction: 1,
    phases: ['fresh', 'leave'],
    description: '10 topics x 10 partitions, 10 members, all subscribe to all',
  },
  {
    id: 'b',
    topics: 100,
    partitionsPerTopic: 10,
    members: 100,
    subscribedFraction: 1,
    phases: ['fresh', 'leave'],
    description:
      '100 topics x 10 partitions (1k partitions, between a and c), 100 members, all subscribe to all',
  },
  {
    id: 'c',
    topics: 100,
    partitionsPerTopic: 100,
    members: 100,
    subscribedFraction: 1,
    phases: ['fresh', 'leave'],
    description: '100 topics x 100 partitions (10k partitions), 100 members, all subscribe to all',
  },
  {
    id: 'd',
    topics: 1000,
    partitionsPerTopic: 100,
    members: 1000,
    subscribedFraction: 1,
    phases: ['fresh', 'leave'],
    description:
      '1000 topics x 100 partitions (100k partitions), 1000 members, all subscribe to all',
  },
  {
    id: 'e',
    topics: 100,
    partitionsPerTopic: 50,
    members: 200,
    subscribedFraction: 0.2,
    phases: ['fresh'],
    description: `100 topics x 50 partitions, 200 members each subscribed to a random 20% of topics (mulberry32 seed ${SUBSCRIPTION_SEED})`,
  },
];

export function benchCase(id: BenchCaseId): BenchCase {
  const found = BENCH_CASES.find((c) => c.id === id);
  if (found === undefined) throw new Error(`unknown bench case ${id}`);
  return found;
}

export function totalPartitions(c: BenchCase): number {
  return c.topics * c.partitionsPerTopic;
}

function padded(prefix: string, i: number, count: number): string {
  const width = Math.max(3, String(Math.max(count - 1, 0)).length);
  return `${prefix}${String(i).padStart(width, '0')}`;
}

export function topicNames(count: number): Topic[] {
  return Array.from({ length: count }, (_, i) => padded('t', i, count));
}

export function memberIds(count: number): MemberId[] {
  return Array.from({ length: count }, (_, i) => padded('consumer-', i, count));
}

/**
 * Each member's subscription, in topic-name order: all topics, or a seeded random subset of
 * `round(fraction × topics)` topics per member (partial Fisher–Yates on one shared PRNG).
 */
export function subscriptions(c: BenchCase): Topic[][] {
  const topics = topicNames(c.topics);
  if (c.subscribedFraction >= 1) return Array.from({ length: c.members }, () => topics);
  const random = mulberry32(SUBSCRIPTION_SEED);
  const pick = Math.max(1, Math.round(c.subscribedFraction * c.topics));
  return Array.from({ length: c.members }, () => {
    const order = topics.map((_, i) => i);
    for (let i = 0; i < pick; i++) {
      const j = i + Math.floor(random() * (order.length - i));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    return order
      .slice(0, pick)
      .sort((x, y) => x - y)
      .map((i) => topics[i] as Topic);
  });
}

/** A group ready for one rebalance: the leader (the first member) runs `assign`. */
export interface BenchGroup {
  readonly cluster: StaticCluster;
  /** Metadata in JoinGroup order, as the leader receives it. */
  readonly members: GroupMembers;
  /** Each member's own assignor instance. */
  readonly assignors: ReadonlyMap<MemberId, Assignor>;
  /** Each member's subscription. */
  readonly subscriptions: ReadonlyMap<MemberId, readonly Topic[]>;
  readonly leader: Assignor;
}

export function buildCluster(c: BenchCase): StaticCluster {
  return new StaticCluster(
    Object.fromEntries(topicNames(c.topics).map((topic) => [topic, c.partitionsPerTopic])),
  );
}

function groupOf(
  cluster: StaticCluster,
  assignors: Map<MemberId, Assignor>,
  subs: Map<MemberId, readonly Topic[]>,
): BenchGroup {
  const members = new Map<MemberId, MemberMetadata>();
  for (const [id, assignor] of assignors) {
    members.set(id, assignor.metadata(subs.get(id) ?? []));
  }
  const leader = assignors.values().next().value;
  if (leader === undefined) throw new Error('a bench group needs at least one member');
  return { cluster, members, assignors, subscriptions: subs, leader };
}

/** What the bench can time: aiokafka's three ports and Kafka's two Java sticky assignors. */
export type BenchAssignorName = BuiltinAssignorName | JavaRunName;
export const BENCH_ASSIGNOR_NAMES: readonly BenchAssignorName[] = [
  ...BUILTIN_ASSIGNOR_NAMES,
  ...JAVA_RUN_NAMES,
];
export function isBenchAssignorName(name: string): name is BenchAssignorName {
  return isBuiltinAssignorName(name) || isJavaRunName(name);
}

function createBenchAssignor(name: BenchAssignorName): Assignor {
  return isJavaRunName(name)
    ? javaRunFactory(name)('bench', () => {})
    : createBuiltinAssignor(name);
}

/** The "fresh" group: new members, one assignor instance each, no user data. */
export function buildFreshGroup(c: BenchCase, assignor: BenchAssignorName): BenchGroup {
  const ids = memberIds(c.members);
  const subs = subscriptions(c);
  const assignors = new Map<MemberId, Assignor>();
  const subsById = new Map<MemberId, readonly Topic[]>();
  ids.forEach((id, i) => {
    assignors.set(id, createBenchAssignor(assignor));
    subsById.set(id, subs[i] ?? []);
  });
  return groupOf(buildCluster(c), assignors, subsById);
}

/** Index of the member that leaves in the "leave" phase. */
export function leavingMemberIndex(memberCount: number): number {
  return Math.floor(memberCount / 2);
}

/**
 * The "leave" group: every member of `fresh` receives its part of `assignment` through
 * `onAssignment`, the middle member leaves, and the others rejoin with `metadata(topics)`
 * (for sticky, that carries their previous assignment as user data). A Java consumer also
 * learns the generation, 1 (aiokafka's never does).
 */
export function buildLeaveGroup(fresh: BenchGroup, assignment: GroupAssignment): BenchGroup {
  const ids = [...fresh.assignors.keys()];
  const leaving = ids[leavingMemberIndex(ids.length)];
  const assignors = new Map<MemberId, Assignor>();
  const subs = new Map<MemberId, readonly Topic[]>();
  for (const [id, assignor] of fresh.assignors) {
    const own = assignment.get(id);
    if (own === undefined) throw new Error(`the fresh assignment has no entry for ${id}`);
    assignor.onAssignment(own);
    if (assignor.knowsGeneration === true) assignor.onGenerationAssignment?.(1);
    if (id === leaving) continue;
    assignors.set(id, assignor);
    subs.set(id, fresh.subscriptions.get(id) ?? []);
  }
  return groupOf(fresh.cluster, assignors, subs);
}

/**
 * Cheap correctness check: the result has exactly the group's members, each partition of every
 * topic someone subscribes to is assigned exactly once, only to a subscriber, and nothing
 * else is assigned. Returns a problem description, or `undefined` when the result is valid.
 * With `withholding` (cooperative-sticky) a partition may also be assigned to nobody: it changes
 * owner, and its new owner gets it in the follow-up rebalance.
 */
export function checkAssignment(
  group: BenchGroup,
  result: GroupAssignment,
  withholding = false,
): string | undefined {
  if (result.size !== group.members.size) {
    return `result has ${result.size} members, group has ${group.members.size}`;
  }
  const counts = new Map<Topic, Uint32Array>();
  for (const topic of group.cluster.topics()) {
    counts.set(topic, new Uint32Array(group.cluster.partitionCount(topic) ?? 0));
  }
  const subscribed = new Set<Topic>();
  for (const [id, metadata] of group.members) {
    const own = result.get(id);
    if (own === undefined) return `result has no entry for ${id}`;
    const topics = new Set(metadata.subscription);
    for (const topic of topics) subscribed.add(topic);
    for (const [topic, partitions] of own.assignment) {
      if (!topics.has(topic)) return `${id} got ${topic}, which it does not subscribe to`;
      const perPartition = counts.get(topic);
      if (perPartition === undefined) return `${id} got unknown topic ${topic}`;
      for (const p of partitions) {
        if (!(p >= 0 && p < perPartition.length))
          return `${id} got unknown partition ${topic}-${p}`;
        perPartition[p] = (perPartition[p] as number) + 1;
      }
    }
  }
  for (const [topic, perPartition] of counts) {
    const expected = subscribed.has(topic) ? 1 : 0;
    for (let p = 0; p < perPartition.length; p++) {
      if (perPartition[p] !== expected && !(withholding && perPartition[p] === 0)) {
        return `${topic}-${p} is assigned ${perPartition[p]} times, expected ${expected}`;
      }
    }
  }
  return undefined;
}

/** Partitions whose owner differs between two results, not counting the departed member's. */
export function movedPartitions(before: GroupAssignment, after: GroupAssignment): number {
  const owner = new Map<string, MemberId>();
  for (const [id, own] of before) {
    for (const [topic, partitions] of own.assignment) {
      for (const p of partitions) owner.set(`${topic}\u0000${p}`, id);
    }
  }
  let moved = 0;
  for (const [id, own] of after) {
    for (const [topic, partitions] of own.assignment) {
      for (const p of partitions) {
        const previous = owner.get(`${topic}\u0000${p}`);
        if (previous !== undefined && previous !== id && after.has(previous)) moved++;
      }
    }
  }
  return moved;
}
