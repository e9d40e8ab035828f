import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor, BUILTIN_ASSIGNOR_NAMES } from '../core/assignors';
import { decodeMemberMetadata, decodeStickyUserData } from '../core/protocol';
import { builtinRunFactory } from './builtinRuns';
import { checkScenario, parseScenarioFile, serializeScenario } from './file';
import { DEFAULT_SCENARIO, LESSONS, protocolRunAt, type Lesson } from './lessons';
import { replayAll, type GenerationResult } from './replay';
import { JAVA_RUN_NAMES, javaRunFactory } from './javaRuns';
import { SERVER_RUN_NAMES, serverRunFactory } from './serverRuns';
import type { Scenario } from './types';

function replayEvery(scenario: Scenario): Record<string, GenerationResult[]> {
  return Object.fromEntries([
    ...BUILTIN_ASSIGNOR_NAMES.map((name) => [
      name,
      replayAll(scenario, () => createBuiltinAssignor(name)),
    ]),
    // The consumer protocol's lessons run the coordinator's server-side assignors.
    ...SERVER_RUN_NAMES.map((name) => [name, replayAll(scenario, serverRunFactory(name))]),
    // Kafka's Java client assignors, for the lesson that sets one beside aiokafka's.
    ...JAVA_RUN_NAMES.map((name) => [name, replayAll(scenario, javaRunFactory(name))]),
  ]);
}

function lesson(id: string): Lesson {
  const found = LESSONS.find((l) => l.id === id);
  if (found === undefined) throw new Error(`no lesson ${id}`);
  return found;
}

/** The replay a lesson shows, as the learner sees it (its own user data mode). */
function replayOf(id: string, scenario: Scenario = lesson(id).scenario) {
  const results = replayEvery(scenario);
  /** `topic-partition` → owner at `generation` under `assignor`. */
  const owners = (assignor: string, generation: number): Record<string, string> => {
    const owned: Record<string, string> = {};
    for (const member of at(assignor, generation).members)
      for (const [topic, partitions] of member.assignment)
        for (const p of partitions) owned[`${topic}-${p}`] = member.id;
    return owned;
  };
  const at = (assignor: string, generation: number): GenerationResult => {
    const result = results[assignor]?.[generation - 1];
    if (result === undefined) throw new Error(`no ${assignor} result at ${generation}`);
    return result;
  };
  const load = (assignor: string, generation: number, member: string): number =>
    (at(assignor, generation).members.find((m) => m.id === member)?.assignment ?? []).reduce(
      (sum, [, partitions]) => sum + partitions.length,
      0,
    );
  /**
   * Partitions taken from an owner that is still in the group (what the page counts as
   * moved), as `key: from → to`.
   */
  const movedAt = (assignor: string, generation: number): Record<string, string> => {
    const before = owners(assignor, generation - 1);
    const after = owners(assignor, generation);
    const stayed = new Set(at(assignor, generation).members.map((m) => m.id));
    const moved: Record<string, string> = {};
    for (const [key, owner] of Object.entries(after))
      if (before[key] !== undefined && stayed.has(before[key]) && before[key] !== owner)
        moved[key] = `${before[key]} → ${owner}`;
    return moved;
  };
  return { results, at, owners, load, movedAt };
}

describe('lessons', () => {
  it('has at least six, with unique ids', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))(
    '%s: its answer is what the replay actually shows',
    (_, l) => {
      checkScenario(l.scenario);
      const results = replayEvery(l.scenario);
      expect(l.question.generation).toBeLessThanOrEqual(l.scenario.steps.length);
      expect(l.question.answer).toBeLessThan(l.question.choices.length);
      expect(l.check(results)).toBe(l.question.answer);
    },
  );

  it.each(LESSONS.map((l) => [l.id, l] as const))(
    '%s: the question is about the assignor shown first, whose figures the page shows',
    (_, l) => {
      const primary = l.assignors[0]!;
      const all = replayEvery(l.scenario);
      // With only the primary's results, the check must still find the answer: it reads
      // nothing else (metricsAt throws on a missing assignor).
      expect(l.check({ [primary]: all[primary]! })).toBe(l.question.answer);
    },
  );
});

// Every sentence of a lesson that states a fact about the replay, checked against one.
describe('lesson claims', () => {
  it('one member leaves', () => {
    const r = replayOf('one-member-leaves');
    // "Sticky and roundrobin start from the same assignment."
    expect(r.owners('sticky', 1)).toEqual(r.owners('roundrobin', 1));
    // "Its three partitions must go somewhere."
    expect(r.load('sticky', 1, 'C1')).toBe(3);
    // "sticky hands out only C1's three partitions and C0 and C2 keep all of theirs."
    expect(r.movedAt('sticky', 2)).toEqual({});
    expect(r.at('sticky', 2).metrics.kept).toBe(5);
    // "Roundrobin … moves two partitions of t1 between C0 and C2, in opposite directions."
    expect(r.movedAt('roundrobin', 2)).toEqual({ 't1-0': 'C2 → C0', 't1-1': 'C0 → C2' });
  });

  it('unequal subscriptions', () => {
    const r = replayOf('unequal-subscriptions');
    // "so C2 ends up with four" (roundrobin), sticky balances better.
    expect(r.load('roundrobin', 1, 'C2')).toBe(4);
    expect(r.at('sticky', 1).metrics.spread).toBeLessThan(r.at('roundrobin', 1).metrics.spread);
    // "All five: C1 simply takes t0-0 on top of its t1 partitions."
    expect(r.at('sticky', 2).metrics.kept).toBe(5);
    expect(r.owners('sticky', 2)).toMatchObject({ 't0-0': 'C1', 't1-0': 'C1', 't1-1': 'C1' });
    // "Roundrobin keeps only three … shuffles t1 between C1 and C2."
    expect(r.at('roundrobin', 2).metrics.kept).toBe(3);
    expect(r.movedAt('roundrobin', 2)).toEqual({ 't1-0': 'C1 → C2', 't1-1': 'C2 → C1' });
  });

  it('more members than partitions', () => {
    const r = replayOf('more-members-than-partitions');
    for (const assignor of lesson('more-members-than-partitions').assignors) {
      // "Two members sit idle."
      const loads = ['C0', 'C1', 'C2', 'C3', 'C4'].map((m) => r.load(assignor, 1, m));
      expect(loads.filter((n) => n === 0)).toHaveLength(2);
      // "When the topic grows to five partitions, every member gets one."
      expect(['C0', 'C1', 'C2', 'C3', 'C4'].map((m) => r.load(assignor, 2, m))).toEqual([
        1, 1, 1, 1, 1,
      ]);
    }
  });

  it('range skews across topics', () => {
    const r = replayOf('range-skew');
    // "C0 gets two partitions of every topic while C1 and C2 get one each."
    for (const topic of ['orders', 'payments', 'shipments']) {
      const perMember = (m: string) =>
        r
          .at('range', 1)
          .members.find((x) => x.id === m)!
          .assignment.find(([t]) => t === topic)![1].length;
      expect([perMember('C0'), perMember('C1'), perMember('C2')]).toEqual([2, 1, 1]);
    }
    // "Roundrobin deals the twelve partitions four to a member."
    expect(['C0', 'C1', 'C2'].map((m) => r.load('roundrobin', 1, m))).toEqual([4, 4, 4]);
  });

  it('revocation: why sticky moves 4 and roundrobin 2', () => {
    const r = replayOf('revocation');
    // The lesson explains the two figures the learner sees side by side.
    expect(lesson('revocation').question.reveal).toMatch(
      /sticky counts 4 moved and roundrobin only 2/,
    );
    const paymentsOwners = (assignor: string) =>
      Object.entries(r.owners(assignor, 2))
        .filter(([key]) => key.startsWith('payments-'))
        .map(([, owner]) => owner);
    // "C1's payments partitions are revoked and go to C0."
    expect(paymentsOwners('sticky')).toEqual(['C0', 'C0', 'C0', 'C0']);
    expect(paymentsOwners('roundrobin')).toEqual(['C0', 'C0', 'C0', 'C0']);
    // "sticky counts 4 moved and roundrobin only 2."
    expect(r.at('sticky', 2).metrics.moved).toBe(4);
    expect(r.at('roundrobin', 2).metrics.moved).toBe(2);
    // "Roundrobin moves just the two payments partitions … leaves C0 with six to C1's two (spread 4)."
    expect(r.movedAt('roundrobin', 2)).toEqual({
      'payments-1': 'C1 → C0',
      'payments-3': 'C1 → C0',
    });
    expect([r.load('roundrobin', 2, 'C0'), r.load('roundrobin', 2, 'C1')]).toEqual([6, 2]);
    expect(r.at('roundrobin', 2).metrics.spread).toBe(4);
    // "Sticky also hands orders-0 and orders-2 from C0 to C1, so each ends with four (spread 0)."
    expect(r.movedAt('sticky', 2)).toEqual({
      'orders-0': 'C0 → C1',
      'orders-2': 'C0 → C1',
      'payments-1': 'C1 → C0',
      'payments-3': 'C1 → C0',
    });
    expect(r.at('sticky', 2).metrics.spread).toBe(0);
  });

  it('stale rejoin, as aiokafka sends it (generation −1)', () => {
    const r = replayOf('stale-rejoin');
    // "C2 is evicted … C1 and C3 take over its partitions."
    expect(r.owners('sticky', 1)).toMatchObject({ 'a-1': 'C2', 'a-4': 'C2' });
    expect(r.owners('sticky', 2)).toMatchObject({ 'a-1': 'C1', 'a-4': 'C3' });
    // "then C4 joins and takes one partition from each of them."
    expect(Object.values(r.movedAt('sticky', 3)).sort()).toEqual(['C1 → C4', 'C3 → C4']);
    // "C1 now holds a-1 and C3 holds a-4" when C2 comes back.
    expect(r.owners('sticky', 3)).toMatchObject({ 'a-1': 'C1', 'a-4': 'C3' });
    // "C2 takes both back … C1 and C3 each lose a partition."
    expect(r.movedAt('sticky', 4)).toEqual({ 'a-1': 'C1 → C2', 'a-4': 'C3 → C2' });
  });

  it('stale rejoin, with real generations: C2 gets only a-5 from C4, one move instead of two', () => {
    const l = lesson('stale-rejoin');
    const r = replayOf(l.id, { ...l.scenario, userDataMode: 'counter' });
    expect(r.movedAt('sticky', 4)).toEqual({ 'a-5': 'C4 → C2' });
    expect(r.at('sticky', 4).metrics.moved).toBe(1);
    // The lesson's own mode moves two: the switch really changes what the learner sees.
    expect(replayOf(l.id).at('sticky', 4).metrics.moved).toBe(2);
  });

  it('Kafka’s Java sticky on the stale member: real generations, a quota each, one move', () => {
    const r = replayOf('java-sticky-stale');
    // "C2 … claiming a-1 and a-4 as generation 1; C1, C3 and C4 send generation 3."
    const sent = Object.fromEntries(
      r.at('java-sticky', 4).members.map((m) => {
        const metadata = decodeMemberMetadata(m.metadataBytes);
        return [m.id, [decodeStickyUserData(metadata.userData), metadata.generationId]];
      }),
    );
    expect(sent['C2']).toEqual([{ previousAssignment: [['a', [1, 4]]], generation: 1 }, 1]);
    for (const member of ['C1', 'C3', 'C4']) expect(sent[member]?.[1]).toBe(3);
    expect(r.owners('java-sticky', 3)).toMatchObject({ 'a-1': 'C1', 'a-4': 'C3' });
    // "C3 and C4 keep two and C1 only a-0, so a-1 goes to C2" (two keep two, two keep one).
    expect(r.movedAt('java-sticky', 4)).toEqual({ 'a-1': 'C1 → C2' });
    expect(['C1', 'C2', 'C3', 'C4'].map((m) => r.load('java-sticky', 4, m))).toEqual([1, 1, 2, 2]);
    expect(r.owners('java-sticky', 4)).toMatchObject({ 'a-0': 'C1', 'a-4': 'C3' });
    // "aiokafka’s sticky, its members all at −1, moves two."
    expect(r.at('sticky', 4).metrics.moved).toBe(2);
  });

  it('topic grows', () => {
    const r = replayOf('topic-grows');
    // "C0 had 0–1, now 0–2" under range, and range moves some.
    expect(r.at('range', 1).members[0]!.assignment).toEqual([['clicks', [0, 1]]]);
    expect(r.at('range', 2).members[0]!.assignment).toEqual([['clicks', [0, 1, 2]]]);
    expect(r.at('range', 2).metrics.moved).toBeGreaterThan(0);
    // "Sticky moves none and simply gives each member one new partition."
    expect(r.at('sticky', 2).metrics.moved).toBe(0);
    for (const member of ['C0', 'C1', 'C2']) {
      const before = r.at('sticky', 1).members.find((m) => m.id === member)!.assignment[0]![1];
      const after = r.at('sticky', 2).members.find((m) => m.id === member)!.assignment[0]![1];
      expect(after.filter((p) => !before.includes(p)).every((p) => p >= 6)).toBe(true);
      expect(after.length).toBe(before.length + 1);
    }
  });

  it('the default scenario is valid and survives a file round trip', () => {
    checkScenario(DEFAULT_SCENARIO);
    expect(parseScenarioFile(serializeScenario(DEFAULT_SCENARIO)).scenario).toEqual(
      DEFAULT_SCENARIO,
    );
  });
});

describe('the aiokafka defect lesson', () => {
  it('fixed mode gives C2 only what it subscribes to', () => {
    const lesson = LESSONS.find((l) => l.id === 'aiokafka-stale-hand-back')!;
    const fixed = replayAll(lesson.scenario, builtinRunFactory('sticky-fixed', lesson.scenario));
    expect(fixed[2]?.problems).toEqual([]);
    const c2 = fixed[2]?.members.find((m) => m.id === 'C2');
    expect(c2?.assignment.map(([topic]) => topic)).toEqual(['t0']);
  });
});

describe('protocol lesson claims', () => {
  it('eager vs cooperative', () => {
    const r = replayOf('eager-vs-cooperative');
    // "sticky gives it one partition from each: two move, four stay."
    expect(r.movedAt('sticky', 2)).toEqual({ 'orders-4': 'C0 → C2', 'orders-5': 'C1 → C2' });
    expect(r.at('sticky', 2).metrics.kept).toBe(4);
    const eager = protocolRunAt(r.results, 'sticky', 2, 'eager').metrics;
    const cooperative = protocolRunAt(r.results, 'sticky', 2, 'cooperative').metrics;
    // "all 6 partitions stop (4800 partition·ms) … C0 is paused 1300 ms."
    expect([eager.unconsumedPartitions, eager.unconsumedPartitionMs]).toEqual([6, 4800]);
    expect(eager.members['C0']?.pauseMs).toBe(1300);
    expect(eager.rounds).toBe(1);
    // "2 partitions stop (2000 partition·ms) and C0 and C1 never pause … 2 rounds"
    expect([cooperative.unconsumedPartitions, cooperative.unconsumedPartitionMs]).toEqual([
      2, 2000,
    ]);
    // "revoke only orders-4 and orders-5"
    expect(cooperative.partitions.map((p) => `${p.topic}-${p.partition}`)).toEqual([
      'orders-4',
      'orders-5',
    ]);
    expect([cooperative.members['C0']?.pauseMs, cooperative.members['C1']?.pauseMs]).toEqual([
      0, 0,
    ]);
    expect(cooperative.rounds).toBe(2);
  });

  it('KIP-848 reconciliation', () => {
    const r = replayOf('kip848-reconciliation');
    // "C0 and C1 own orders-0…2 and orders-3…5" and C2's target is orders-2 and orders-5.
    expect(r.owners('server-uniform', 1)).toEqual({
      'orders-0': 'C0',
      'orders-1': 'C0',
      'orders-2': 'C0',
      'orders-3': 'C1',
      'orders-4': 'C1',
      'orders-5': 'C1',
    });
    expect(r.movedAt('server-uniform', 2)).toEqual({
      'orders-2': 'C0 → C2',
      'orders-5': 'C1 → C2',
    });
    const run = protocolRunAt(r.results, 'server-uniform', 2, 'consumer');
    const brief = run.events.map((e) =>
      e.type === 'state'
        ? `${e.at} ${e.member} ${e.state} ${e.memberEpoch}`
        : `${e.at} ${e.member} ${e.type}`,
    );
    for (const claim of [
      '1000 C2 unreleased-partitions 2',
      '2000 C0 unrevoked-partitions 1',
      '2500 C0 revoke',
      '2600 C0 stable 2',
      '3600 C1 stable 2',
      '4000 C2 heartbeat',
      '4500 C2 assign',
    ])
      expect(brief).toContain(claim);
    expect(run.metrics.partitions).toEqual([
      { topic: 'orders', partition: 2, unconsumedMs: 2000 },
      { topic: 'orders', partition: 5, unconsumedMs: 1000 },
    ]);
    expect([run.metrics.members['C0']?.pauseMs, run.metrics.members['C1']?.pauseMs]).toEqual([
      0, 0,
    ]);
  });

  it('static membership', () => {
    const r = replayOf('static-membership');
    // "two partitions each", and the dynamic restart: C1's go to C0 and C2, then it takes two back.
    expect([1, 2, 3].map((g) => r.load('sticky', 1, `C${g - 1}`))).toEqual([2, 2, 2]);
    expect(Object.keys(r.owners('sticky', 2)).length).toBe(6);
    expect(Object.values(r.owners('sticky', 2))).not.toContain('C1');
    expect(r.load('sticky', 3, 'C1')).toBe(2);
    // "Under eager, both stop the whole group."
    for (const g of [2, 3])
      expect(protocolRunAt(r.results, 'sticky', g, 'eager').metrics.unconsumedPartitions).toBe(6);
    // "No rebalance at all … nothing moves and C0 and C2 never stop."
    const restart = r.at('sticky', 4);
    expect(restart.rebalanced).toBe(false);
    expect(restart.metrics.moved).toBe(0);
    expect(r.owners('sticky', 4)).toEqual(r.owners('sticky', 3));
    const run = protocolRunAt(r.results, 'sticky', 4, 'eager');
    expect(run.metrics.rounds).toBe(0);
    expect([run.metrics.members['C0']?.pauseMs, run.metrics.members['C2']?.pauseMs]).toEqual([
      0, 0,
    ]);
    // "Only C1's two partitions wait … 20400 partition·ms."
    expect([run.metrics.unconsumedPartitions, run.metrics.unconsumedPartitionMs]).toEqual([
      2, 20400,
    ]);
  });
});
