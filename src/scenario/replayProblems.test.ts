import { describe, expect, it } from 'vitest';
import { StaticCluster } from '../core/cluster';
import { validateAssignment } from '../core/metrics';
import type { Assignor, GroupAssignment, MemberId, Topic } from '../core/types';
import { replayAll } from './replay';
import type { Scenario } from './types';

/** A small seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An assignor that deals every partition of the cluster once to a subscribed member, then
 * (on most seeds) breaks the result: a duplicate, a dropped partition, an unsubscribed or
 * unknown topic, an out-of-range partition, an unknown member, a repeated topic entry.
 */
function faultyAssignor(seed: number): Assignor {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return {
    name: 'faulty',
    metadata: (topics) => ({ version: 0, subscription: [...topics], userData: new Uint8Array() }),
    onAssignment: () => undefined,
    assign(cluster, members): GroupAssignment {
      const given = new Map<MemberId, Map<Topic, number[]>>();
      for (const id of members.keys()) given.set(id, new Map());
      const ids = [...members.keys()];
      for (const topic of [...cluster.topics()].sort()) {
        const subscribed = ids.filter((id) => members.get(id)?.subscription.includes(topic));
        if (subscribed.length === 0) continue;
        for (const partition of cluster.partitionsForTopic(topic) ?? []) {
          const byTopic = given.get(pick(subscribed)) as Map<Topic, number[]>;
          byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
        }
      }
      const faults = Math.floor(next() * 3);
      const result: GroupAssignment = new Map();
      for (const [id, byTopic] of given)
        result.set(id, { version: 0, assignment: [...byTopic], userData: new Uint8Array() });
      for (let f = 0; f < faults && ids.length > 0; f++) {
        const id = pick(ids);
        const entry = result.get(id);
        if (entry === undefined) continue;
        const list = entry.assignment as [Topic, number[]][];
        const topics = [...cluster.topics()];
        switch (Math.floor(next() * 7)) {
          case 0: // duplicate: someone else's partition too
            if (list[0] !== undefined) {
              const other = result.get(pick(ids));
              (other?.assignment as [Topic, number[]][]).push([list[0][0], [list[0][1][0] ?? 0]]);
            }
            break;
          case 1: // dropped partition
            list[0]?.[1].pop();
            break;
          case 2: // a topic it does not subscribe to (or that is not subscribed at all)
            list.push([pick(topics), [0]]);
            break;
          case 3: // unknown topic
            list.push(['nope', [0]]);
            break;
          case 4: // partition out of range
            list.push([pick(topics), [1000]]);
            break;
          case 5: // unknown member
            result.set('ghost', {
              version: 0,
              assignment: [[pick(topics), [0]]],
              userData: new Uint8Array(),
            });
            break;
          case 6: // the same topic listed twice
            if (list[0] !== undefined) list.push([list[0][0], [...list[0][1]]]);
            break;
        }
      }
      return result;
    },
  };
}

function randomScenario(seed: number): Scenario {
  const next = random(seed * 7919 + 1);
  const topics = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => `t${i}`);
  const cluster = Object.fromEntries(topics.map((t) => [t, 1 + Math.floor(next() * 6)]));
  const members = Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => `m${i}`);
  const subscription = () => {
    const chosen = topics.filter(() => next() < 0.6);
    return next() < 0.2 ? [...chosen, 'missing'] : chosen;
  };
  return {
    name: `random ${seed}`,
    userDataMode: 'aiokafka',
    cluster,
    steps: [
      {
        changes: members.map((member) => ({
          type: 'join' as const,
          member,
          subscription: subscription(),
        })),
      },
      { changes: [{ type: 'leave', member: members[0] as string }] },
    ],
  };
}

describe('assignment problems in the replay', () => {
  it('are exactly those of validateAssignment, for 2,000 seeded faulty and clean groups', () => {
    let clean = 0;
    let faulty = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const scenario = randomScenario(seed);
      // Every member's process records the group assignment its leader made.
      const made: GroupAssignment[] = [];
      const generations = replayAll(scenario, (member) => {
        const inner = faultyAssignor(seed * 31 + member.length);
        return {
          ...inner,
          assign: (cluster, members) => {
            const result = inner.assign(cluster, members);
            made.push(result);
            return result;
          },
        };
      });
      let assigned = 0;
      generations.forEach((generation) => {
        expect(generation.error).toBeUndefined();
        // A group with no members has no leader: nothing was assigned.
        if (generation.members.length === 0) return;
        const result = made[assigned++] as GroupAssignment;
        const record = Object.create(null) as Record<MemberId, Record<Topic, number[]>>;
        for (const [member, { assignment }] of result) {
          const byTopic = Object.create(null) as Record<Topic, number[]>;
          for (const [topic, partitions] of assignment)
            byTopic[topic] = [...(byTopic[topic] ?? []), ...partitions];
          record[member] = byTopic;
        }
        const subscriptions = new Map(generation.members.map((m) => [m.id, m.subscription]));
        const expected = validateAssignment(
          new StaticCluster(generation.cluster),
          subscriptions,
          record,
        );
        expect(generation.problems).toEqual(expected);
        if (expected.length === 0) clean++;
        else faulty++;
      });
    }
    // Both paths were exercised many times.
    expect(clean).toBeGreaterThan(500);
    expect(faulty).toBeGreaterThan(500);
  });
});
