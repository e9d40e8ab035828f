/**
 * The static-restart step (KIP-345): a static member back within its session timeout triggers
 * no rebalance. The assignor is not called, nothing moves, and what comes after is exactly
 * what it would be without the restart.
 */
import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import type { Assignor } from '../core/types';
import { parseScenarioFile, scenarioFromJson, serializeScenario, ScenarioFileError } from './file';
import { protocolRunsOf, snapshotOf } from './protocolReplay';
import { replayAll } from './replay';
import type { Change, Scenario } from './types';

const join = (member: string): Change => ({ type: 'join', member, subscription: ['orders'] });
const restart = (member: string, downtimeMs: number): Change => ({
  type: 'static-restart',
  member,
  downtimeMs,
});

const base: Scenario = {
  name: 'static',
  userDataMode: 'counter',
  cluster: { orders: 7 },
  steps: [
    { changes: [join('C0'), join('C1'), join('C2')] },
    { changes: [restart('C1', 10_000)] },
    { changes: [join('C3')] },
  ],
};
const withoutRestart: Scenario = { ...base, steps: [base.steps[0]!, base.steps[2]!] };

/** Sticky processes that count the leader's assign calls. */
function counting() {
  let calls = 0;
  const factory = (): Assignor => {
    const sticky = createBuiltinAssignor('sticky');
    return {
      name: sticky.name,
      assign: (cluster, members) => {
        calls++;
        return sticky.assign(cluster, members);
      },
      metadata: (topics) => sticky.metadata(topics),
      onAssignment: (assignment) => sticky.onAssignment(assignment),
      onGenerationAssignment: (generation) => sticky.onGenerationAssignment?.(generation),
    };
  };
  return { factory, calls: () => calls };
}

const owners = (scenario: Scenario, generation: number) =>
  replayAll(scenario, () => createBuiltinAssignor('sticky'))[generation - 1]!.members.map((m) => [
    m.id,
    m.assignment,
  ]);

describe('a static restart', () => {
  it('calls no assignor and keeps every partition where it was', () => {
    const { factory, calls } = counting();
    const generations = replayAll(base, factory);
    expect(calls()).toBe(2); // generations 1 and 3
    const [first, bounce] = generations;
    expect(bounce!.rebalanced).toBe(false);
    expect(bounce!.members.map((m) => m.assignment)).toEqual(
      first!.members.map((m) => m.assignment),
    );
    expect(bounce!.metrics).toMatchObject({ moved: 0, kept: 7, unownedDuringRebalance: 0 });
    expect(bounce!.summary).toBe('C1 restarts as a static member, back after 10 s: no rebalance');
  });

  it('leaves what follows exactly as it would be without it', () => {
    expect(owners(base, 3)).toEqual(owners(withoutRestart, 2));
  });

  it('past its session timeout, the member is expelled: a rebalance without it', () => {
    const late = { ...base, steps: [base.steps[0]!, { changes: [restart('C1', 45_000)] }] };
    const [first, expelled] = replayAll(late, () => createBuiltinAssignor('sticky'));
    expect(expelled!.rebalanced).toBe(true);
    expect(expelled!.members.map((m) => m.id)).toEqual(['C0', 'C2']);
    expect(expelled!.summary).toBe(
      'C1 restarts as a static member but is down 45 s, past its session timeout (45 s): the coordinator expels it',
    );
    // As a leave would: C1's partitions go to C0 and C2, which keep theirs.
    const leave = replayAll(
      { ...base, steps: [base.steps[0]!, { changes: [{ type: 'leave', member: 'C1' }] }] },
      () => createBuiltinAssignor('sticky'),
    )[1]!;
    expect(expelled!.members.map((m) => m.assignment)).toEqual(
      leave.members.map((m) => m.assignment),
    );
    // Under a protocol its partitions wait out the timeout, then the leave's rounds.
    const c1 = first!.members.find((m) => m.id === 'C1')!.assignment;
    const owned = c1.reduce((sum, [, p]) => sum + p.length, 0);
    const run = protocolRunsOf('eager', [first!, expelled!])[1]!;
    expect(run.rounds[0]!.startMs).toBe(45_000);
    for (const p of run.metrics.partitions.filter((p) =>
      c1.some(([topic, ps]) => topic === p.topic && ps.includes(p.partition)),
    ))
      expect(p.unconsumedMs).toBeGreaterThan(45_000);
    expect(run.metrics.partitions.filter((p) => p.unconsumedMs > 45_000)).toHaveLength(owned);
    // A longer session timeout (the protocol's timing) makes the same downtime a static restart.
    const patient: Scenario = {
      ...late,
      protocol: { name: 'eager', timings: { sessionTimeoutMs: 60_000 } },
    };
    expect(replayAll(patient, () => createBuiltinAssignor('sticky'))[1]!.rebalanced).toBe(false);
  });

  it('is a step of its own, of a member in the group', () => {
    const mixed = { ...base, steps: [{ changes: [join('C0'), restart('C0', 1000)] }] };
    expect(() => serializeAndParse(mixed)).toThrow(
      'step 1, change 2: a static restart is a step of its own (this step has 2 changes)',
    );
    const stranger = { ...base, steps: [base.steps[0]!, { changes: [restart('C9', 1000)] }] };
    expect(() => serializeAndParse(stranger)).toThrow('step 2, change 1: C9 is not in the group');
  });

  it('is written as scenario file version 4, which an older version number cannot hold', () => {
    const text = serializeScenario(base);
    expect((JSON.parse(text) as { version: number }).version).toBe(4);
    expect(parseScenarioFile(text).scenario).toEqual(base);
    const json = JSON.parse(text) as { version: number };
    json.version = 3;
    expect(() => scenarioFromJson(json)).toThrow(
      'a "static-restart" step needs scenario file version 4 (this file says version 3)',
    );
    const negative = JSON.parse(text) as { steps: { changes: { downtimeMs?: number }[] }[] };
    negative.steps[1]!.changes[0]!.downtimeMs = -5;
    expect(() => scenarioFromJson(negative)).toThrow(ScenarioFileError);
  });

  it('under every protocol: no rounds, only the restarted member’s partitions wait', () => {
    const generations = replayAll(base, () => createBuiltinAssignor('sticky'));
    const own = generations[0]!.members.find((m) => m.id === 'C1')!.assignment;
    const owned = own.reduce((sum, [, partitions]) => sum + partitions.length, 0);
    for (const protocol of ['eager', 'cooperative', 'consumer'] as const) {
      const run = protocolRunsOf(protocol, generations, { rebalanceMs: 300 })[1]!;
      expect(run.rounds).toEqual([]);
      expect(run.metrics.rounds).toBe(0);
      expect(run.metrics.unconsumedPartitions).toBe(owned);
      // Down 10 s, then one round trip to the coordinator for its cached assignment.
      expect(run.metrics.unconsumedPartitionMs).toBe(owned * 10_300);
      expect(run.metrics.members['C1']?.pauseMs).toBe(10_300);
      expect(run.metrics.members['C0']?.pauseMs).toBe(0);
      // Once settled it consumes its own partitions again, like everyone else.
      const settled = snapshotOf(run, generations[0], generations[1]!, undefined);
      expect(settled.members.map((m) => m.activity)).toEqual([
        'consuming',
        'consuming',
        'consuming',
      ]);
    }
  });
});

function serializeAndParse(scenario: Scenario) {
  return parseScenarioFile(serializeScenario(scenario));
}
