import { describe, expect, it } from 'vitest';
import { toAssignmentRecord } from '../assignmentRecord';
import { StaticCluster, type PartitionCounts } from '../cluster';
import { decodeStickyUserData } from '../protocol';
import type { Assignor, GroupMembers } from '../types';
import { createBuiltinAssignor, RangeAssignor, RoundRobinAssignor, StickyAssignor } from './index';
import { EMPTY_BYTES } from './shared';

function group(subscriptions: Record<string, string[]>): GroupMembers {
  return new Map(
    Object.entries(subscriptions).map(([id, subscription]) => [
      id,
      { version: 0, subscription, userData: EMPTY_BYTES },
    ]),
  );
}

/** Runs a rebalance the way real consumers do: each member sends its own metadata. */
function rebalance(
  members: Map<string, Assignor>,
  subscriptions: Record<string, string[]>,
  counts: PartitionCounts,
) {
  const metadata = new Map(
    Object.entries(subscriptions).map(([id, topics]) => [id, members.get(id)!.metadata(topics)]),
  );
  const leader = members.get(Object.keys(subscriptions)[0]!)!;
  const result = leader.assign(new StaticCluster(counts), metadata);
  for (const [id, assignment] of result) members.get(id)!.onAssignment(assignment);
  return toAssignmentRecord(result);
}

describe('range', () => {
  it('gives the first members one extra partition on every topic', () => {
    const result = new RangeAssignor().assign(
      new StaticCluster({ t0: 3, t1: 3 }),
      group({ C0: ['t0', 't1'], C1: ['t0', 't1'] }),
    );
    expect(toAssignmentRecord(result)).toEqual({
      C0: { t0: [0, 1], t1: [0, 1] },
      C1: { t0: [2], t1: [2] },
    });
  });

  it('keeps an empty entry for a subscribed topic that gave the member nothing', () => {
    const result = new RangeAssignor().assign(
      new StaticCluster({ t: 1, empty: 0 }),
      group({ A: ['t', 'empty'], B: ['t'] }),
    );
    expect(toAssignmentRecord(result)).toEqual({ A: { empty: [], t: [0] }, B: { t: [] } });
  });

  it('skips a topic the cluster does not know, with a warning', () => {
    const warnings: string[] = [];
    const result = new RangeAssignor((_, message) => warnings.push(message)).assign(
      new StaticCluster({ t: 2 }),
      group({ A: ['t', 'ghost'] }),
    );
    expect(toAssignmentRecord(result)).toEqual({ A: { t: [0, 1] } });
    expect(warnings).toEqual(['No partition metadata for topic ghost']);
  });
});

describe('roundrobin', () => {
  it('reproduces the skewed example from aiokafka docs for unequal subscriptions', () => {
    const result = new RoundRobinAssignor().assign(
      new StaticCluster({ t0: 1, t1: 2, t2: 3 }),
      group({ C0: ['t0'], C1: ['t0', 't1'], C2: ['t0', 't1', 't2'] }),
    );
    expect(toAssignmentRecord(result)).toEqual({
      C0: { t0: [0] },
      C1: { t1: [0] },
      C2: { t1: [1], t2: [0, 1, 2] },
    });
  });
});

describe('sticky', () => {
  it('KIP-54 example 1: when C1 leaves, everything C0 and C2 had stays put', () => {
    const counts = { t0: 2, t1: 2, t2: 2, t3: 2 };
    const all = ['t0', 't1', 't2', 't3'];
    const members = new Map(['C0', 'C1', 'C2'].map((id) => [id, new StickyAssignor() as Assignor]));
    const first = rebalance(members, { C0: all, C1: all, C2: all }, counts);
    expect(first).toEqual({
      C0: { t0: [0], t1: [1], t3: [0] },
      C1: { t0: [1], t2: [0], t3: [1] },
      C2: { t1: [0], t2: [1] },
    });
    const second = rebalance(members, { C0: all, C2: all }, counts);
    expect(second).toEqual({
      C0: { t0: [0], t1: [1], t2: [0], t3: [0] },
      C2: { t0: [1], t1: [0], t2: [1], t3: [1] },
    });
  });

  it('KIP-54 example 2: balances unequal subscriptions better than roundrobin, then keeps 5 of 6', () => {
    const counts = { t0: 1, t1: 2, t2: 3 };
    const members = new Map(['C0', 'C1', 'C2'].map((id) => [id, new StickyAssignor() as Assignor]));
    const first = rebalance(
      members,
      { C0: ['t0'], C1: ['t0', 't1'], C2: ['t0', 't1', 't2'] },
      counts,
    );
    expect(first).toEqual({ C0: { t0: [0] }, C1: { t1: [0, 1] }, C2: { t2: [0, 1, 2] } });
    const second = rebalance(members, { C1: ['t0', 't1'], C2: ['t0', 't1', 't2'] }, counts);
    expect(second).toEqual({ C1: { t0: [0], t1: [0, 1] }, C2: { t2: [0, 1, 2] } });
  });

  it('keeps state per member: each sends its own previous assignment and generation', () => {
    const a = new StickyAssignor();
    const b = new StickyAssignor();
    expect(a.metadata(['t']).userData).toEqual(EMPTY_BYTES);
    const result = a.assign(new StaticCluster({ t: 4 }), group({ a: ['t'], b: ['t'] }));
    a.onAssignment(result.get('a')!);
    b.onAssignment(result.get('b')!);
    b.onGenerationAssignment(7);
    expect(decodeStickyUserData(a.metadata(['t']).userData)).toEqual({
      previousAssignment: [['t', [0, 2]]],
      generation: -1,
    });
    expect(decodeStickyUserData(b.metadata(['t']).userData)).toEqual({
      previousAssignment: [['t', [1, 3]]],
      generation: 7,
    });
  });

  it('starts a member afresh when its user data cannot be decoded', () => {
    const errors: string[] = [];
    const sticky = new StickyAssignor((level, message) => errors.push(`${level}: ${message}`));
    const members: GroupMembers = new Map([
      ['a', { version: 0, subscription: ['t'], userData: new Uint8Array([1, 2, 3]) }],
    ]);
    expect(toAssignmentRecord(sticky.assign(new StaticCluster({ t: 2 }), members))).toEqual({
      a: { t: [0, 1] },
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: Could not parse member data/);
  });

  it('reports whether the rebalance kept its stickiness promise', () => {
    const sticky = new StickyAssignor();
    sticky.assign(new StaticCluster({ t: 3 }), group({ a: ['t'], b: ['t'] }));
    expect(sticky.lastRun?.isSticky).toBe(true);
  });

  it.each(['range', 'roundrobin', 'sticky'] as const)(
    '%s returns an empty assignment for an empty group and gives members of an empty cluster nothing',
    (name) => {
      const assignor = createBuiltinAssignor(name);
      expect(assignor.assign(new StaticCluster({}), new Map()).size).toBe(0);
      expect(toAssignmentRecord(assignor.assign(new StaticCluster({}), group({ a: [] })))).toEqual({
        a: {},
      });
    },
  );
});
