/**
 * Differential tests for the sticky assignor's fast paths: seeded random groups go through
 * the shipped assignor and through the same assignor with every shortcut off (the general
 * algorithm, step for step as aiokafka runs it), and everything must agree exactly: each
 * member's entries (member, topic and partition order), versions and user data, the warnings
 * and errors logged, the movement log and its stickiness verdict, and any error thrown.
 *
 * The groups cover fresh groups, a member leaving a balanced group, mixed subscriptions,
 * stale claims from older generations, duplicate claims (same and different generations,
 * generation 0 included), claims on vanished partitions and topics, unreadable user data,
 * members with no subscription, topics listed twice, zero-partition and unknown topics, and
 * a cluster with gaps in its partition ids.
 */
import { describe, expect, it } from 'vitest';
import { assignmentEntries } from '../../assignmentRecord';
import { StaticCluster } from '../../cluster';
import { decodeStickyUserData, encodeStickyUserData } from '../../protocol';
import { mulberry32 } from '../../random';
import type {
  ClusterMetadata,
  GroupAssignment,
  GroupMembers,
  MemberId,
  MemberMetadata,
  Topic,
  TopicPartitions,
} from '../../types';
import { ASSIGNOR_MODES, type AssignorMode } from '../mode';
import { EMPTY_BYTES } from '../shared';
import { StickyExecutor } from './executor';
import { freshIdenticalAssignment } from './freshAssignment';
import { keptClaimsAssignment } from './leaveAssignment';
import { StickyAssignor } from './stickyAssignor';
import { pick, SparseCluster } from '../randomGroups.testing';

const MEMBER_POOL = ['consumer-0', 'consumer-1', 'consumer-10', 'consumer-2', '0', '10', '2'];
const MORE_IDS = ['', 'é', '😀', '\uE000', 'Z', 'a', '__proto__'];
const TOPIC_POOL = ['t0', 't1', 't10', 't2', 'orders', 'Orders', '😀', '\uE000', '', '__proto__'];

interface Group {
  readonly cluster: ClusterMetadata;
  readonly members: GroupMembers;
}

function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function partitionIds(cluster: ClusterMetadata, topic: Topic): number[] {
  return [...(cluster.partitionsForTopic(topic) ?? [])];
}

function encode(claims: readonly TopicPartitions[], generation: number): Uint8Array {
  return encodeStickyUserData({ previousAssignment: claims, generation });
}

/** Claims drawn at random: stale, duplicate, vanished; several generations. */
function randomClaims(
  random: () => number,
  cluster: ClusterMetadata,
  topics: readonly Topic[],
): TopicPartitions[] {
  const claims: TopicPartitions[] = [];
  for (const topic of topics) {
    if (random() < 0.5) continue;
    const ids = partitionIds(cluster, topic).filter(() => random() < 0.4);
    // A partition that no longer exists.
    if (random() < 0.15) ids.push(40 + Math.floor(random() * 5));
    if (ids.length > 0) claims.push([topic, ids]);
  }
  if (random() < 0.1) claims.push(['vanished-topic', [0, 1]]);
  return claims;
}

function randomGroup(seed: number, large = false): Group {
  const random = mulberry32(seed);
  const topics = TOPIC_POOL.filter(() => random() < 0.5);
  if (topics.length === 0) topics.push('t0');
  const counts: Record<Topic, number> = {};
  for (const topic of topics) {
    if (random() < 0.85) counts[topic] = Math.floor(random() * (large ? 60 : 9));
  }
  const cluster: ClusterMetadata =
    random() < 0.15
      ? new SparseCluster(
          new Map(
            Object.entries(counts).map(([topic, count]) => [
              topic,
              new Set(
                shuffled(
                  random,
                  Array.from({ length: count }, (_, i) => i * 3 + (i % 2)),
                ),
              ),
            ]),
          ),
        )
      : new StaticCluster(counts);

  const memberCount = large
    ? 50 + Math.floor(random() * 150)
    : 1 + Math.floor(random() * (random() < 0.1 ? 30 : 8));
  const ids = new Set<MemberId>();
  while (ids.size < memberCount) {
    const r = random();
    ids.add(r < 0.4 ? pick(random, MEMBER_POOL) : r < 0.5 ? pick(random, MORE_IDS) : `m${r}`);
  }
  const joinOrder = random() < 0.5 ? [...ids] : shuffled(random, [...ids]);

  const style = random();
  const shared = topics.filter(() => random() < 0.7);
  if (random() < 0.1) shared.push('unknown-topic');
  if (random() < 0.08 && shared.length > 0) shared.push(shared[0] as Topic); // listed twice
  const subscriptionOf = (): Topic[] => {
    if (style < 0.55) return random() < 0.5 ? shared : [...shared];
    if (style < 0.6) return [];
    if (random() < 0.1) return [];
    return random() < 0.3 ? [...shared] : topics.filter(() => random() < 0.5);
  };

  const history = random();
  const members = new Map<MemberId, MemberMetadata>();
  if (history < 0.25) {
    // Fresh: no user data, or user data that claims nothing.
    for (const id of joinOrder) {
      const userData = random() < 0.8 ? EMPTY_BYTES : encode([], Math.floor(random() * 3) - 1);
      members.set(id, { version: 0, subscription: subscriptionOf(), userData });
    }
  } else if (history < 0.45) {
    // A member leaves a group with one subscription, mostly as it happens in practice (the
    // kept-claims path), with near misses one at a time: a duplicate claim (same or another
    // generation), a vanished partition or topic, an unsubscribed topic, another subscription,
    // a member joining without user data, a member that leaves the rest unbalanced.
    const leaver = random() < 0.7 ? 'leaver' : undefined;
    const before = new Map<MemberId, MemberMetadata>();
    for (const id of [...joinOrder, ...(leaver === undefined ? [] : [leaver])]) {
      before.set(id, { version: 0, subscription: shared, userData: EMPTY_BYTES });
    }
    let previous: GroupAssignment;
    try {
      previous = new StickyAssignor().assign(cluster, before);
    } catch {
      previous = new Map();
    }
    const generation = Math.floor(random() * 4) - 1;
    const claimsOf = new Map<MemberId, TopicPartitions[]>(
      joinOrder.map((id) => [
        id,
        (previous.get(id)?.assignment ?? []).map(([t, ids]: TopicPartitions): TopicPartitions => [
          t,
          [...ids],
        ]),
      ]),
    );
    const generations = new Map(joinOrder.map((id) => [id, generation]));
    const subscriptions = new Map(
      joinOrder.map((id) => [id, random() < 0.5 ? shared : [...shared]]),
    );
    const other = pick(random, joinOrder);
    const victim = pick(random, joinOrder);
    const miss = random();
    const firstClaim = [...claimsOf.values()].flat()[0];
    if (miss < 0.08 && firstClaim !== undefined) {
      claimsOf.get(other)?.push([firstClaim[0], [firstClaim[1][0] as number]]);
      if (random() < 0.5) generations.set(other, generation + 1);
    } else if (miss < 0.12 && firstClaim !== undefined) {
      claimsOf.get(victim)?.push([firstClaim[0], [firstClaim[1][0] as number]]);
    } else if (miss < 0.16) {
      claimsOf.get(victim)?.push([pick(random, topics), [40 + Math.floor(random() * 5)]]);
    } else if (miss < 0.19) {
      claimsOf.get(victim)?.push(['vanished-topic', [0]]);
    } else if (miss < 0.23) {
      const unsubscribed = topics.find((topic) => !shared.includes(topic));
      if (unsubscribed !== undefined && (counts[unsubscribed] ?? 0) > 0)
        claimsOf.get(victim)?.push([unsubscribed, [0]]);
    } else if (miss < 0.27) {
      subscriptions.set(
        victim,
        topics.filter(() => random() < 0.5),
      );
    } else if (miss < 0.31) {
      claimsOf.set(victim, []);
    } else if (miss < 0.35) {
      // Another member's claims pile onto this one: the deal cannot balance the group.
      claimsOf.get(victim)?.push(...(claimsOf.get(other) ?? []));
      if (other !== victim) claimsOf.set(other, []);
    } else if (miss < 0.38) {
      generations.set(victim, generation + 2);
    }
    for (const id of joinOrder) {
      const claims = claimsOf.get(id) ?? [];
      const userData =
        miss > 0.38 && miss < 0.41 && id === victim
          ? EMPTY_BYTES
          : encode(claims, generations.get(id) ?? generation);
      members.set(id, { version: 0, subscription: subscriptions.get(id) ?? shared, userData });
    }
  } else if (history < 0.7) {
    // A member leaves (or joins): the others report what a previous sticky run gave them.
    const before = new Map<MemberId, MemberMetadata>();
    const subscriptions = new Map(joinOrder.map((id) => [id, subscriptionOf()]));
    for (const id of joinOrder) {
      before.set(id, {
        version: 0,
        subscription: subscriptions.get(id) ?? [],
        userData: EMPTY_BYTES,
      });
    }
    if (random() < 0.3)
      before.set('leaver', { version: 0, subscription: shared, userData: EMPTY_BYTES });
    let previous: GroupAssignment;
    try {
      previous = new StickyAssignor().assign(cluster, before);
    } catch {
      previous = new Map();
    }
    const generation = Math.floor(random() * 4) - 1;
    for (const id of joinOrder) {
      if (joinOrder.length > 1 && random() < 0.15) continue; // this one left too
      const claims = previous.get(id)?.assignment ?? [];
      const subscription = random() < 0.1 ? subscriptionOf() : (subscriptions.get(id) ?? []);
      const userData = random() < 0.05 ? EMPTY_BYTES : encode(claims, generation);
      members.set(id, { version: 0, subscription, userData });
    }
    if (members.size === 0)
      members.set('only', { version: 0, subscription: shared, userData: EMPTY_BYTES });
  } else {
    // Random claims: stale generations, duplicates, vanished partitions, unreadable data.
    for (const id of joinOrder) {
      const r = random();
      const userData =
        r < 0.1
          ? Uint8Array.of(1, 2, 3)
          : r < 0.25
            ? EMPTY_BYTES
            : encode(randomClaims(random, cluster, topics), Math.floor(random() * 4) - 1);
      members.set(id, { version: 0, subscription: subscriptionOf(), userData });
    }
  }
  return { cluster, members };
}

function run(group: Group, mode: AssignorMode, shortcuts: boolean) {
  const logs: string[] = [];
  const assignor = new StickyAssignor((level, message) => logs.push(`${level}: ${message}`), {
    mode,
    shortcuts,
  });
  try {
    const result = assignor.assign(group.cluster, group.members);
    const shapes = [...result.values()].map((m) => [m.version, [...m.userData]]);
    const moves = [...(assignor.lastRun?.movements.moves() ?? [])];
    return {
      members: assignmentEntries(result),
      shapes,
      logs,
      moves,
      isSticky: assignor.lastRun?.isSticky,
    };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}`, logs };
  }
}

/** Which fast path a group takes: 'fresh', 'kept' (claims kept, orphans dealt), 'skipped' (no reassignment passes) or 'general'. */
function pathOf(group: Group, mode: AssignorMode): string {
  const inputs = [...group.members].map(([id, metadata]) => {
    // Decoded as the assignor decodes: unreadable or missing user data claims nothing.
    let claims: readonly TopicPartitions[] = [];
    let generation = -1;
    if (metadata.userData.length > 0) {
      try {
        ({ previousAssignment: claims, generation } = decodeStickyUserData(metadata.userData));
      } catch {
        claims = [];
      }
    }
    return { id, subscription: metadata.subscription, claims, generation };
  });
  if (freshIdenticalAssignment(group.cluster, inputs, () => undefined) !== undefined)
    return 'fresh';
  if (keptClaimsAssignment(group.cluster, inputs) !== undefined) return 'kept';
  try {
    const executor = new StickyExecutor(group.cluster, inputs, () => undefined, mode, true);
    executor.run();
    return executor.skippedReassignment ? 'skipped' : 'general';
  } catch {
    return 'error';
  }
}

const CASES = 4000;
const CHUNK = 500;
const CHUNKS = Array.from({ length: CASES / CHUNK }, (_, i) => i * CHUNK + 1);

describe.each(ASSIGNOR_MODES)('sticky fast paths (%s mode) agree with the general path', (mode) => {
  it.each(CHUNKS)(`on ${CHUNK} seeded random groups from seed %i`, (first) => {
    const paths = new Map<string, number>();
    for (let seed = first; seed < first + CHUNK; seed++) {
      const group = randomGroup(seed);
      const got = run(group, mode, true);
      const want = run(group, mode, false);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        expect({ seed, ...got }).toEqual({ seed, ...want });
      }
      const path = pathOf(group, mode);
      paths.set(path, (paths.get(path) ?? 0) + 1);
    }
    if (process.env['STICKY_PATHS']) console.log(mode, first, Object.fromEntries(paths));
    // The chunk exercises every path, so a guard that never fires cannot pass unnoticed.
    expect(paths.get('fresh') ?? 0).toBeGreaterThan(CHUNK / 20);
    expect(paths.get('kept') ?? 0).toBeGreaterThan(CHUNK / 20);
    expect(paths.get('skipped') ?? 0).toBeGreaterThan(CHUNK / 20);
    expect(paths.get('general') ?? 0).toBeGreaterThan(CHUNK / 20);
  });

  it('on large seeded random groups', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const group = randomGroup(seed, true);
      const got = run(group, mode, true);
      const want = run(group, mode, false);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        expect({ seed, ...got }).toEqual({ seed, ...want });
      }
    }
  });
});
