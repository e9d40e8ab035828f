import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StaticCluster } from '../../cluster';
import { encodeStickyUserData } from '../../protocol';
import type { Assignor, GroupMembers, MemberMetadata } from '../../types';
import {
  CooperativeStickyAssignor,
  encodeCooperativeUserData,
  JAVA_SUBSCRIPTION_VERSION,
  JavaStickyAssignor,
} from './index';
import {
  asVectorAssignment,
  JAVA_VECTOR_FILES,
  parseJavaStickyVectors,
  type CooperativeStickyCall,
} from './vectors.testing';

/**
 * Every call in test/conformance/kafka/cooperative-sticky.json and sticky.json is one group
 * leader's assign call, made by Kafka's own Java `CooperativeStickyAssignor` or `StickyAssignor`
 * (see the README next to them). The ports, given the same subscriptions in the same JoinGroup
 * order, must return exactly the same assignment — or fail where Java threw.
 */
type Member = CooperativeStickyCall['members'][number];

/** What each Java assignor's member sends: a v3 subscription, owned partitions where it puts them. */
const subscriptionOf: Record<keyof typeof JAVA_VECTOR_FILES, (m: Member) => MemberMetadata> = {
  'cooperative-sticky': (m) => ({
    version: JAVA_SUBSCRIPTION_VERSION,
    subscription: m.subscription,
    userData: encodeCooperativeUserData(m.generation),
    ownedPartitions: m.owned,
    generationId: m.generation,
    rackId: null,
  }),
  // Eager: nothing owned in the subscription; the last assignment in StickyAssignor's user
  // data, which a member without one (no assignment, no generation) sends as null.
  'java-sticky': (m) => ({
    version: JAVA_SUBSCRIPTION_VERSION,
    subscription: m.subscription,
    userData:
      m.owned.length > 0 || m.generation >= 0
        ? encodeStickyUserData({ previousAssignment: m.owned, generation: m.generation })
        : new Uint8Array(),
    ownedPartitions: [],
    generationId: m.generation,
    rackId: null,
  }),
};

const create: Record<keyof typeof JAVA_VECTOR_FILES, () => Assignor> = {
  'cooperative-sticky': () => new CooperativeStickyAssignor(),
  'java-sticky': () => new JavaStickyAssignor(),
};

describe.each(Object.entries(JAVA_VECTOR_FILES) as [keyof typeof JAVA_VECTOR_FILES, string][])(
  "Kafka's Java %s assignor, ported",
  (assignor, file) => {
    const { calls } = parseJavaStickyVectors(JSON.parse(readFileSync(file, 'utf8')));
    const prefix = assignor === 'java-sticky' ? 'eager/' : '';
    const membersOf = (vector: CooperativeStickyCall): GroupMembers =>
      new Map(vector.members.map((m) => [m.id, subscriptionOf[assignor](m)]));

    it('has vectors on both of Kafka’s paths and irregular groups', () => {
      const count = (kind: string) => calls.filter((c) => c.name.startsWith(prefix + kind)).length;
      expect(count('chain/homogeneous')).toBeGreaterThan(500);
      expect(count('chain/heterogeneous')).toBeGreaterThan(500);
      expect(count('chain/large')).toBeGreaterThan(300);
      expect(count('random/')).toBeGreaterThan(250);
      expect(count('skewed/')).toBeGreaterThan(250);
      if (assignor === 'cooperative-sticky')
        expect(calls.filter((c) => c.name.endsWith('/round2')).length).toBeGreaterThan(100);
      expect(calls.some((c) => c.error !== undefined)).toBe(true);
    });

    it.each(calls.map((c) => [c.name, c] as const))('%s', (_name, vector) => {
      const cluster = new StaticCluster(vector.topics);
      const leader = create[assignor]();
      if (vector.error !== undefined) {
        expect(() => leader.assign(cluster, membersOf(vector))).toThrow(vector.error);
        return;
      }
      const result = leader.assign(cluster, membersOf(vector));
      const got = Object.fromEntries(
        [...result].map(([member, { assignment }]) => [member, asVectorAssignment(assignment)]),
      );
      expect(got).toEqual(vector.expected);
    });
  },
);
