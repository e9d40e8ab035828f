import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StaticCluster } from '../../cluster';
import type { GroupMembers, MemberMetadata } from '../../types';
import {
  CooperativeStickyAssignor,
  encodeCooperativeUserData,
  JAVA_SUBSCRIPTION_VERSION,
} from './index';
import {
  COOPERATIVE_STICKY_VECTORS,
  parseCooperativeStickyVectors,
  type CooperativeStickyCall,
} from './vectors.testing';

/**
 * Every call in test/conformance/kafka/cooperative-sticky.json is one group leader's assign
 * call, made by Kafka's own Java `CooperativeStickyAssignor` (see the README next to it). The
 * port, given the same subscriptions in the same JoinGroup order, must return exactly the
 * same assignment — or fail where Java threw.
 */
const vectors = parseCooperativeStickyVectors(
  JSON.parse(readFileSync(COOPERATIVE_STICKY_VECTORS, 'utf8')),
);

function membersOf(vector: CooperativeStickyCall): GroupMembers {
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
    expect(calls.filter((c) => c.name.startsWith('chain/heterogeneous')).length).toBeGreaterThan(
      500,
    );
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
