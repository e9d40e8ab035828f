import { describe, expect, it } from 'vitest';
import type { AssignmentRecord } from '../core/types';
import {
  simulateGeneration,
  simulateRestart,
  type GenerationInput,
  type MemberEvent,
  type Protocol,
  type ProtocolRun,
} from './index';
import { keyOf } from './partitions';
import { randomGeneration, seeded } from './testGroups';
import { ServerUniformAssignor, topicIdForName } from '../core/assignors/server';

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

/** Replays the events: who consumes what at the end; fails if two members consume one partition at once. */
function replay(run: ProtocolRun, previous: AssignmentRecord): Map<string, string> {
  const consumer = new Map<string, string>();
  for (const [member, topics] of Object.entries(previous)) {
    for (const [topic, partitions] of Object.entries(topics))
      for (const p of partitions) consumer.set(keyOf(topic, p), member);
  }
  for (const event of run.events) {
    if (event.type === 'revoke') {
      for (const { topic, partition } of event.partitions) {
        expect(
          consumer.get(keyOf(topic, partition)),
          `${event.member} revokes ${topic}-${partition} it does not consume`,
        ).toBe(event.member);
        consumer.delete(keyOf(topic, partition));
      }
    } else if (event.type === 'leave') {
      for (const [key, member] of consumer) if (member === event.member) consumer.delete(key);
    } else if (event.type === 'assign') {
      for (const { topic, partition } of event.partitions) {
        const other = consumer.get(keyOf(topic, partition));
        expect(
          other === undefined || other === event.member,
          `${topic}-${partition} consumed by ${other} and ${event.member} at ${event.at}`,
        ).toBe(true);
        consumer.set(keyOf(topic, partition), event.member);
      }
    }
  }
  return consumer;
}

function targetOwners(input: GenerationInput): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [member, topics] of Object.entries(input.target)) {
    for (const [topic, partitions] of Object.entries(topics))
      for (const p of partitions) owners.set(keyOf(topic, p), member);
  }
  return owners;
}

const assigns = (run: ProtocolRun): Extract<MemberEvent, { type: 'assign' }>[] =>
  run.events.filter((e): e is Extract<MemberEvent, { type: 'assign' }> => e.type === 'assign');
const revokes = (run: ProtocolRun): Extract<MemberEvent, { type: 'revoke' }>[] =>
  run.events.filter((e): e is Extract<MemberEvent, { type: 'revoke' }> => e.type === 'revoke');

/** Two members with three partitions each; a third joins and takes two, one from each. */
const joinInput: GenerationInput = {
  previous: { a: { t: [0, 1, 2] }, b: { t: [3, 4, 5] } },
  members: ['a', 'b', 'c'],
  target: { a: { t: [0, 1] }, b: { t: [3, 4] }, c: { t: [2, 5] } },
};

describe.each(['eager', 'cooperative', 'consumer'] as Protocol[])(
  '%s, every protocol',
  (protocol) => {
    it.each(SEEDS)(
      'ends with every member consuming exactly its target, never two at once (seed %i)',
      (seed) => {
        const input = randomGeneration(seed);
        const run = simulateGeneration(protocol, input);
        expect(replay(run, input.previous)).toEqual(targetOwners(input));
        for (let i = 1; i < run.events.length; i++) {
          expect((run.events[i] as MemberEvent).at).toBeGreaterThanOrEqual(
            (run.events[i - 1] as MemberEvent).at,
          );
        }
      },
    );

    it.each(SEEDS.slice(0, 100))(
      'keeps its invariants under random timings, zeros included (seed %i)',
      (seed) => {
        const random = seeded(seed * 31);
        const pick = (): number => [0, 1, 7, 250, 3000, 45000][Math.floor(random() * 6)] as number;
        const input = randomGeneration(seed);
        const timings = {
          heartbeatIntervalMs: Math.max(1, pick()),
          pollIntervalMs: pick(),
          rebalanceMs: pick(),
          revokeMs: pick(),
        };
        const run = simulateGeneration(protocol, input, timings);
        expect(replay(run, input.previous)).toEqual(targetOwners(input));
        expect(run.metrics.unconsumedPartitionMs).toBeGreaterThanOrEqual(0);
      },
    );

    it.each(SEEDS.slice(0, 50))(
      'settles on targets from the server uniform assignor (seed %i)',
      (seed) => {
        const input = randomGeneration(seed);
        const partitions = new Map<string, number>();
        for (const assignment of [input.previous, input.target]) {
          for (const topics of Object.values(assignment)) {
            for (const [topic, ps] of Object.entries(topics)) {
              partitions.set(topic, Math.max(partitions.get(topic) ?? 0, ...ps.map((p) => p + 1)));
            }
          }
        }
        const names = [...partitions.keys()];
        const target = new ServerUniformAssignor().assign({
          topics: names.map((name) => ({
            name,
            id: topicIdForName(name),
            partitions: partitions.get(name) ?? 0,
          })),
          members: input.members.map((id) => ({
            id,
            subscription: names,
            current: Object.entries(input.previous[id] ?? {}).map(
              ([t, ps]) => [t, [...ps].sort((a, b) => a - b)] as const,
            ),
          })),
        });
        const withUniform = { ...input, target };
        const run = simulateGeneration(protocol, withUniform);
        expect(replay(run, input.previous)).toEqual(targetOwners(withUniform));
      },
    );

    it('counts partition·ms from the events and grows with the heartbeat interval', () => {
      const fast = simulateGeneration(protocol, joinInput, { heartbeatIntervalMs: 1000 });
      const slow = simulateGeneration(protocol, joinInput, { heartbeatIntervalMs: 9000 });
      expect(fast.metrics.unconsumedPartitionMs).toBe(
        fast.metrics.partitions.reduce((s, p) => s + p.unconsumedMs, 0),
      );
      expect(slow.metrics.durationMs).toBeGreaterThan(fast.metrics.durationMs);
      expect(slow.metrics.unconsumedPartitionMs).toBeGreaterThan(
        fast.metrics.unconsumedPartitionMs,
      );
    });

    it('rejects a target that gives a partition to two members, naming it', () => {
      expect(() =>
        simulateGeneration(protocol, {
          previous: {},
          members: ['a', 'b'],
          target: { a: { t: [0] }, b: { t: [0] } },
        }),
      ).toThrow('the target assignment gives t-0 to both "a" and "b"');
    });

    it('rejects a negative timing', () => {
      expect(() => simulateGeneration(protocol, joinInput, { revokeMs: -1 })).toThrow(
        'timing revokeMs must be a number ≥ 0',
      );
    });
  },
);

describe('eager', () => {
  it.each(SEEDS)(
    'revokes every partition a staying member owned, and assigns only at the sync (seed %i)',
    (seed) => {
      const input = randomGeneration(seed);
      const run = simulateGeneration('eager', input);
      for (const member of input.members) {
        const owned = Object.entries(input.previous[member] ?? {}).flatMap(([t, ps]) =>
          ps.map((p) => keyOf(t, p)),
        );
        const revoked = revokes(run)
          .filter((e) => e.member === member)
          .flatMap((e) => e.partitions.map((p) => keyOf(p.topic, p.partition)));
        expect(new Set(revoked)).toEqual(new Set(owned));
      }
      const sync = run.rounds[0]?.endMs;
      for (const e of assigns(run)) expect(e.at).toBe(sync);
      expect(run.metrics.rounds).toBe(1);
    },
  );

  it('stops all six partitions and pauses every member when one member joins', () => {
    const run = simulateGeneration('eager', joinInput);
    expect(run.metrics.unconsumedPartitions).toBe(6);
    expect(run.metrics.members.a?.pauseMs).toBeGreaterThan(0);
    expect(run.metrics.members.b?.pauseMs).toBeGreaterThan(0);
  });
});

describe('cooperative (KIP-429)', () => {
  it.each(SEEDS)(
    'never assigns a partition to a new owner in the round it is revoked from the old (seed %i)',
    (seed) => {
      const input = randomGeneration(seed);
      const run = simulateGeneration('cooperative', input);
      for (const revoke of revokes(run)) {
        for (const p of revoke.partitions) {
          for (const assign of assigns(run).filter((a) => a.member !== revoke.member)) {
            if (assign.partitions.some((q) => q.topic === p.topic && q.partition === p.partition)) {
              expect(assign.round).toBeGreaterThan(revoke.round);
              expect(assign.at).toBeGreaterThan(revoke.at);
            }
          }
        }
      }
      // Kept partitions are never revoked.
      for (const revoke of revokes(run)) {
        for (const p of revoke.partitions)
          expect(input.target[revoke.member]?.[p.topic]?.includes(p.partition) ?? false).toBe(
            false,
          );
      }
    },
  );

  it('keeps four of six partitions flowing, and needs two rounds, when one member joins', () => {
    const run = simulateGeneration('cooperative', joinInput);
    const eager = simulateGeneration('eager', joinInput);
    expect(run.metrics.rounds).toBe(2);
    expect(run.metrics.partitions.map((p) => p.partition)).toEqual([2, 5]);
    expect(run.metrics.members.a?.pauseMs).toBe(0);
    expect(run.metrics.unconsumedPartitionMs).toBeLessThan(eager.metrics.unconsumedPartitionMs);
  });

  it('needs one round when nothing changes owner between members', () => {
    const run = simulateGeneration('cooperative', {
      previous: { a: { t: [0, 1] }, gone: { t: [2] } },
      members: ['a'],
      target: { a: { t: [0, 1, 2] } },
    });
    expect(run.metrics.rounds).toBe(1);
    expect(run.metrics.partitions.map((p) => p.partition)).toEqual([2]);
  });
});

describe('consumer (KIP-848)', () => {
  it.each(SEEDS)(
    'hands a partition over only after its old owner revoked it, and settles every member (seed %i)',
    (seed) => {
      const input = randomGeneration(seed);
      const run = simulateGeneration('consumer', input);
      for (const assign of assigns(run)) {
        for (const p of assign.partitions) {
          const oldOwner = Object.entries(input.previous).find(([, t]) =>
            t[p.topic]?.includes(p.partition),
          )?.[0];
          if (
            oldOwner !== undefined &&
            oldOwner !== assign.member &&
            input.members.includes(oldOwner)
          ) {
            const revoke = revokes(run).find(
              (r) =>
                r.member === oldOwner &&
                r.partitions.some((q) => q.topic === p.topic && q.partition === p.partition),
            );
            expect(revoke, `${oldOwner} never revoked ${p.topic}-${p.partition}`).toBeDefined();
            expect(assign.at).toBeGreaterThan(revoke?.at ?? Infinity);
          }
        }
      }
      for (const member of input.members) {
        const states = run.events.filter(
          (e): e is Extract<MemberEvent, { type: 'state' }> =>
            e.type === 'state' && e.member === member,
        );
        expect(states.at(-1)?.state).toBe('stable');
        expect(states.at(-1)?.memberEpoch).toBe(run.groupEpoch);
      }
      expect(run.groupEpoch).toBe((input.epoch ?? 0) + 1);
    },
  );

  it('keeps the joiner unreleased until both old owners acked, in the old epoch while they revoke', () => {
    // The joiner is first in the group, so it heartbeats before the old owners have revoked.
    const run = simulateGeneration(
      'consumer',
      { ...joinInput, members: ['c', 'a', 'b'] },
      { heartbeatIntervalMs: 3000, pollIntervalMs: 500, revokeMs: 100, rebalanceMs: 200 },
    );
    const states = run.events
      .filter((e) => e.type === 'state')
      .map((e) => `${e.member}:${e.type === 'state' ? `${e.state}@${e.memberEpoch}` : ''}`);
    expect(states).toContain('a:unrevoked-partitions@0');
    expect(states).toContain('c:unreleased-partitions@1');
    expect(states.at(-1)).toMatch(/:stable@1$/);
    expect(run.metrics.rounds).toBe(2);
    expect(run.metrics.members.a?.pauseMs).toBe(0);
    expect(run.metrics.partitions.map((p) => p.partition)).toEqual([2, 5]);
  });
});

describe('static membership (KIP-345)', () => {
  const assignment: AssignmentRecord = { a: { t: [0, 1] }, b: { t: [2, 3] } };
  // A round-robin-like assignor, enough to give a leaving member's partitions away.
  const assign = (members: readonly string[]): AssignmentRecord => {
    const out: AssignmentRecord = {};
    for (const m of members) out[m] = { t: [] };
    for (let p = 0; p < 4; p++) out[members[p % members.length] as string]?.t?.push(p);
    return out;
  };
  const base = {
    members: ['a', 'b'],
    assignment,
    member: 'a',
    assign,
    timings: { sessionTimeoutMs: 10000, rebalanceMs: 200 },
  } as const;

  it.each(['eager', 'cooperative', 'consumer'] as Protocol[])(
    '%s: a restart within the session timeout triggers no rebalance and gives the partitions back',
    (protocol) => {
      const run = simulateRestart({ ...base, protocol, isStatic: true, downtimeMs: 4000 });
      expect(run.rebalances).toHaveLength(0);
      expect(run.final).toEqual(assignment);
      expect(run.events.find((e) => e.type === 'assign')).toMatchObject({
        member: 'a',
        at: 4200,
        partitions: [
          { topic: 't', partition: 0 },
          { topic: 't', partition: 1 },
        ],
      });
      expect(run.unconsumedPartitionMs).toBe(2 * 4200);
    },
  );

  it.each(['eager', 'cooperative', 'consumer'] as Protocol[])(
    '%s: past the timeout the member is expelled (rebalance at the timeout) and rejoins (another)',
    (protocol) => {
      const run = simulateRestart({ ...base, protocol, isStatic: true, downtimeMs: 15000 });
      expect(run.rebalanceStartsMs).toEqual([10000, 15000]);
      expect(run.rebalances[0]?.events.find((e) => e.type === 'leave')).toMatchObject({
        member: 'a',
        at: 10000,
      });
      expect(run.final).toEqual(assign(['a', 'b']));
    },
  );

  it('a dynamic member restarting causes two rebalances, the first at once', () => {
    const run = simulateRestart({ ...base, protocol: 'eager', isStatic: false, downtimeMs: 4000 });
    expect(run.rebalanceStartsMs).toEqual([0, 4000]);
    const staticRun = simulateRestart({
      ...base,
      protocol: 'eager',
      isStatic: true,
      downtimeMs: 4000,
    });
    expect(run.unconsumedPartitionMs).toBeGreaterThan(staticRun.unconsumedPartitionMs);
  });
});
