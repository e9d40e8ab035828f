import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StaticCluster } from '../../cluster';
import type { GroupMembers, MemberMetadata } from '../../types';
import { CooperativeStickyAssignor, encodeCooperativeUserData, JAVA_SUBSCRIPTION_VERSION } from './index';

/**
 * Every call in test/conformance/kafka/cooperative-sticky.json is one group leader's assign
 * call, made by Kafka's own Java `CooperativeStickyAssignor` (see the README next to it). The
 * port, given the same subscriptions in the same JoinGroup order, must return exactly the
 * same assignment — or fail where Java threw.
 */
const owned = z.array(z.tuple([z.string(), z.array(z.number().int())]));
const call = z.object({
  name: z.string(),
  topics: z.record(z.string(), z.number().int()),
  members: z.array(
    z.object({
      id: z.string(),
      subscription: z.array(z.string()),
      owned,
      generation: z.number().int(),
    }),
  ),
  expected: z.record(z.string(), owned).optional(),
  error: z.string().optional(),
});
export const cooperativeStickyVectors = z.object({
  kafkaCommit: z.string(),
  calls: z.array(call),
  chains: z.array(
    z.object({
      name: z.string(),
      cluster: z.record(z.string(), z.number().int()),
      steps: z.array(z.object({ changes: z.array(z.unknown()), rounds: z.array(z.string()) })),
    }),
  ),
});

const vectors = cooperativeStickyVectors.parse(
  JSON.parse(readFileSync('test/conformance/kafka/cooperative-sticky.json', 'utf8')),
);

function membersOf(vector: z.infer<typeof call>): GroupMembers {
  return new Map(
    vector.members.map((m): [string, MemberMetadata] => [
      m.id,
      {
        version: JAVA_SUBSCRIPTION_VERSION,
        subscription: m.subscription,
        userData: encodeCooperativeUserData(m.generation),
        ownedPartitions: m.owned,
        generationId: m.generation,
        rackId: null,
      },
    ]),
  );
}

describe("Kafka's cooperative-sticky assignor, ported", () => {
  const { calls } = vectors;
  it('has vectors on both of Kafka’s paths, with follow-up rounds and irregular groups', () => {
    expect(calls.filter((c) => c.name.startsWith('chain/homogeneous')).length).toBeGreaterThan(500);
    expect(calls.filter((c) => c.name.startsWith('chain/heterogeneous')).length).toBeGreaterThan(500);
    expect(calls.filter((c) => c.name.endsWith('/round2')).length).toBeGreaterThan(100);
    expect(calls.filter((c) => c.name.startsWith('random/')).length).toBeGreaterThan(250);
    expect(calls.some((c) => c.error !== undefined)).toBe(true);
  });

  it.each(calls.map((c) => [c.name, c] as const))('%s', (_name, vector) => {
    const cluster = new StaticCluster(vector.topics);
    const leader = new CooperativeStickyAssignor();
    if (vector.error !== undefined) {
      expect(() => leader.assign(cluster, membersOf(vector))).toThrow(vector.error);
      return;
    }
    const result = leader.assign(cluster, membersOf(vector));
    const got = Object.fromEntries(
      [...result].map(([member, { assignment }]) => [
        member,
        assignment
          .filter(([, ps]) => ps.length > 0)
          .map(([topic, ps]) => [topic, [...ps].sort((a, b) => a - b)] as const)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ]),
    );
    expect(got).toEqual(vector.expected);
  });
});
