/**
 * Differential tests for range's and roundrobin's fast paths: seeded random groups go through
 * the shipped assignors and through the straightforward implementations they replaced (kept
 * here as the reference), and the results must agree exactly — member order, topic order,
 * partition order, range's empty entries, and the warnings.
 */
import { describe, expect, it } from 'vitest';
import { assignmentEntries } from '../assignmentRecord';
import { StaticCluster } from '../cluster';
import { compareStrings } from '../compare';
import type {
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberId,
  MemberMetadata,
  Topic,
} from '../types';
import { RangeAssignor } from './range';
import { RoundRobinAssignor } from './roundrobin';
import { EMPTY_BYTES, type AssignorLog } from './shared';
import { mulberry32 } from '../random';
import { pick, SparseCluster } from './randomGroups.testing';

type Assign = (
  cluster: ClusterMetadata,
  members: GroupMembers,
  log: AssignorLog,
) => GroupAssignment;

function sortedPartitions(cluster: ClusterMetadata, topic: Topic): number[] | undefined {
  const partitions = cluster.partitionsForTopic(topic);
  return partitions === undefined ? undefined : [...partitions].sort((a, b) => a - b);
}

/** Range as aiokafka writes it: per topic, sorted subscribers, contiguous ranges. */
const referenceRange: Assign = (cluster, members, log) => {
  const subscribersByTopic = new Map<Topic, MemberId[]>();
  for (const [member, metadata] of members) {
    for (const topic of metadata.subscription) {
      const list = subscribersByTopic.get(topic) ?? [];
      list.push(member);
      subscribersByTopic.set(topic, list);
    }
  }
  const byMember = new Map<MemberId, Map<Topic, number[]>>();
  for (const member of members.keys()) byMember.set(member, new Map());
  for (const topic of [...subscribersByTopic.keys()].sort(compareStrings)) {
    const partitions = sortedPartitions(cluster, topic);
    if (partitions === undefined) {
      log('warning', `No partition metadata for topic ${topic}`);
      continue;
    }
    const subscribers = (subscribersByTopic.get(topic) as MemberId[]).sort(compareStrings);
    const perMember = Math.floor(partitions.length / subscribers.length);
    const withExtra = partitions.length % subscribers.length;
    subscribers.forEach((member, i) => {
      const start = perMember * i + Math.min(i, withExtra);
      const length = perMember + (i < withExtra ? 1 : 0);
      // A later turn of the same member overwrites its earlier range.
      byMember.get(member)?.set(topic, partitions.slice(start, start + length));
    });
  }
  return groupOf(members, byMember);
};

/** Roundrobin as aiokafka writes it: deal partitions one at a time, skipping non-subscribers. */
const referenceRoundRobin: Assign = (cluster, members, log) => {
  const subscriptions = new Map<MemberId, Set<Topic>>();
  const allTopics = new Set<Topic>();
  for (const [member, metadata] of members) {
    subscriptions.set(member, new Set(metadata.subscription));
    for (const topic of metadata.subscription) allTopics.add(topic);
  }
  const all: [Topic, number][] = [];
  for (const topic of allTopics) {
    const partitions = sortedPartitions(cluster, topic);
    if (partitions === undefined) log('warning', `No partition metadata for topic ${topic}`);
    else for (const p of partitions) all.push([topic, p]);
  }
  all.sort(([t1, p1], [t2, p2]) => compareStrings(t1, t2) || p1 - p2);
  const order = [...members.keys()].sort(compareStrings);
  const byMember = new Map<MemberId, Map<Topic, number[]>>();
  for (const member of members.keys()) byMember.set(member, new Map());
  let next = 0;
  for (const [topic, partition] of all) {
    let member = order[next++ % order.length] as MemberId;
    while (!subscriptions.get(member)?.has(topic))
      member = order[next++ % order.length] as MemberId;
    const topics = byMember.get(member) as Map<Topic, number[]>;
    topics.set(topic, [...(topics.get(topic) ?? []), partition]);
  }
  return groupOf(members, byMember);
};

function groupOf(
  members: GroupMembers,
  byMember: Map<MemberId, Map<Topic, number[]>>,
): GroupAssignment {
  const result: GroupAssignment = new Map();
  for (const member of members.keys()) {
    const topics = byMember.get(member) as Map<Topic, number[]>;
    const names = [...topics.keys()].sort(compareStrings);
    result.set(member, {
      version: 0,
      assignment: names.map((t) => [t, topics.get(t) as number[]] as const),
      userData: EMPTY_BYTES,
    });
  }
  return result;
}

const MEMBER_POOL = [
  'consumer-0',
  'consumer-1',
  'consumer-10',
  'consumer-2',
  '0',
  '1',
  '10',
  '2',
  '007',
  '-1',
  '',
  'é',
  'e\u0301',
  '😀',
  '\uE000',
  '\uFFFF',
  'Z',
  'a',
  'A',
  'b-🐢',
  '__proto__',
  'constructor',
];
const TOPIC_POOL = [
  't0',
  't1',
  't10',
  't2',
  'orders',
  'Orders',
  '0',
  '1',
  '01',
  '😀',
  '\uE000',
  'ü',
  '',
  'x.y',
  '__proto__',
  'toString',
];

interface RandomGroup {
  readonly cluster: ClusterMetadata;
  readonly members: GroupMembers;
}

function randomSubscription(random: () => number, topics: readonly Topic[]): Topic[] {
  const count = Math.floor(random() * (topics.length + 2));
  return Array.from({ length: count }, () => pick(random, topics));
}

function randomGroup(seed: number, large = false): RandomGroup {
  const random = mulberry32(seed);
  const topics = TOPIC_POOL.filter(() => random() < 0.5);
  if (topics.length === 0) topics.push('t0');
  const counts: Record<Topic, number> = {};
  // Most topics exist (some with zero partitions); the rest are nonexistent topics.
  for (const topic of topics) if (random() < 0.85) counts[topic] = Math.floor(random() * 14);
  const cluster: ClusterMetadata =
    random() < 0.2
      ? new SparseCluster(
          new Map(
            Object.entries(counts).map(([topic, count]) => [
              topic,
              new Set(
                Array.from({ length: count }, (_, i) => i * 3 + (i % 2)).sort(() => random() - 0.5),
              ),
            ]),
          ),
        )
      : new StaticCluster(counts);

  const memberCount = large
    ? 200 + Math.floor(random() * 200)
    : Math.floor(random() * (random() < 0.1 ? 60 : 9));
  const ids = new Set<MemberId>();
  while (ids.size < memberCount) {
    ids.add(random() < 0.6 ? pick(random, MEMBER_POOL) : `m${Math.floor(random() * 1000)}`);
  }
  // Identical subscriptions (shared array or equal copies) reach the fast paths.
  const style = random();
  const shared = randomSubscription(random, topics);
  const members = new Map<MemberId, MemberMetadata>();
  for (const id of ids) {
    let subscription: Topic[];
    if (style < 0.3) subscription = shared;
    else if (style < 0.5) subscription = [...shared];
    else if (style < 0.55)
      subscription = []; // everyone subscribes to nothing
    else subscription = random() < 0.3 ? [...shared] : randomSubscription(random, topics);
    members.set(id, { version: 0, subscription, userData: EMPTY_BYTES });
  }
  return { cluster, members };
}

function run(assign: Assign, group: RandomGroup) {
  const warnings: string[] = [];
  const result = assign(group.cluster, group.members, (level, message) =>
    warnings.push(`${level}: ${message}`),
  );
  const shapes = [...result.values()].map((m) => [m.version, m.userData.length]);
  return { members: assignmentEntries(result), shapes, warnings };
}

const CASES = 4000;
/** Seeds per test, so each test stays well inside Vitest's timeout on a loaded machine. */
const CHUNK = 500;
const CHUNKS = Array.from({ length: CASES / CHUNK }, (_, i) => i * CHUNK + 1);

describe.each([
  ['range', (c, m, log) => new RangeAssignor(log).assign(c, m), referenceRange],
  ['roundrobin', (c, m, log) => new RoundRobinAssignor(log).assign(c, m), referenceRoundRobin],
] as [string, Assign, Assign][])('%s fast paths agree with the reference', (_, fast, reference) => {
  it.each(CHUNKS)(`on ${CHUNK} seeded random groups from seed %i`, (first) => {
    for (let seed = first; seed < first + CHUNK; seed++) {
      const group = randomGroup(seed);
      const got = run(fast, group);
      const want = run(reference, group);
      // Strings compare fast; the deep comparison only runs to describe a difference.
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        expect({ seed, ...got }).toEqual({ seed, ...want });
      }
    }
  });

  it('on large seeded random groups', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const group = randomGroup(seed, true);
      const got = run(fast, group);
      const want = run(reference, group);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        expect({ seed, ...got }).toEqual({ seed, ...want });
      }
    }
  });

  it('on large identical-subscription groups', () => {
    const topics = Array.from({ length: 37 }, (_, i) => `topic-${i}`);
    const counts = Object.fromEntries(topics.map((t, i) => [t, (i * 7) % 23]));
    for (const memberCount of [1, 3, 64, 250]) {
      const members = new Map<MemberId, MemberMetadata>(
        Array.from({ length: memberCount }, (_, i) => [
          String((i * 7919) % 1000),
          { version: 0, subscription: [...topics].reverse(), userData: EMPTY_BYTES },
        ]),
      );
      const group = { cluster: new StaticCluster(counts), members };
      expect(run(fast, group)).toEqual(run(reference, group));
    }
  });
});
