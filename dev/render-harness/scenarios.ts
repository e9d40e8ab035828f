/** Scenarios for the render harness, replayed with the real core. */
import { BUILTIN_ASSIGNOR_NAMES, createBuiltinAssignor } from '../../src/core/assignors';
import type { BuiltinAssignorName } from '../../src/core/assignors';
import { replayAll, type GenerationResult } from '../../src/scenario/replay';
import type { Scenario } from '../../src/scenario/types';
import type { LayoutGenerationInput } from '../../src/render/layout';
import type { MetricsPoint } from '../../src/render/metricsChart';

export interface HarnessStep {
  readonly generation: number;
  readonly summary: string;
  readonly data: LayoutGenerationInput;
}

export interface HarnessRun {
  readonly scenario: Scenario;
  readonly steps: readonly HarnessStep[];
  readonly topics: readonly string[];
  readonly metrics: readonly MetricsPoint[];
}

/**
 * 3 members on t0..t3 (2 partitions each); C1 leaves; C4 joins; t1 grows to 4 partitions;
 * C5 joins for a topic that does not exist.
 */
export function smallScenario(): Scenario {
  const topics = ['t0', 't1', 't2', 't3'];
  return {
    name: 'harness: small',
    userDataMode: 'aiokafka',
    cluster: Object.fromEntries(topics.map((t) => [t, 2])),
    steps: [
      {
        changes: ['C1', 'C2', 'C3'].map((member) => ({
          type: 'join' as const,
          member,
          subscription: topics,
        })),
      },
      { changes: [{ type: 'leave', member: 'C1' }] },
      { changes: [{ type: 'join', member: 'C4', subscription: topics }] },
      { changes: [{ type: 'add-partitions', topic: 't1', partitions: 4 }] },
      // Subscribes to a topic that does not exist: joins, gets nothing (idle).
      { changes: [{ type: 'join', member: 'C5', subscription: ['t9'] }] },
    ],
  };
}

/**
 * `members` members on t0..t3 (about 4 partitions each), enough to wrap lanes into rows:
 * C2 (first row) leaves, so lanes and tokens move between rows; C{n+1} joins; t0 grows.
 */
export function rowsScenario(members: number): Scenario {
  const topics = ['t0', 't1', 't2', 't3'];
  const perTopic = Math.max(1, members);
  const ids = Array.from({ length: members }, (_, i) => `C${i + 1}`);
  return {
    name: `harness: ${members} members`,
    userDataMode: 'aiokafka',
    cluster: Object.fromEntries(topics.map((t) => [t, perTopic])),
    steps: [
      { changes: ids.map((member) => ({ type: 'join' as const, member, subscription: topics })) },
      { changes: [{ type: 'leave', member: 'C2' }] },
      { changes: [{ type: 'join', member: `C${members + 1}`, subscription: topics }] },
      { changes: [{ type: 'add-partitions', topic: 't0', partitions: perTopic + 8 }] },
    ],
  };
}

/** About `tokens` partitions over `members` members; a few leave, one joins, a topic grows. */
export function bigScenario(tokens: number, members = 100): Scenario {
  const topicCount = Math.max(1, Math.round(Math.sqrt(tokens)));
  const perTopic = Math.max(1, Math.round(tokens / topicCount));
  const topics = Array.from(
    { length: topicCount },
    (_, i) => `topic-${String(i).padStart(String(topicCount - 1).length, '0')}`,
  );
  const ids = Array.from({ length: members }, (_, i) => `C${i + 1}`);
  const leaving = ids.filter((_, i) => i % 29 === 2);
  return {
    name: `harness: ${topicCount * perTopic} partitions`,
    userDataMode: 'aiokafka',
    cluster: Object.fromEntries(topics.map((t) => [t, perTopic])),
    steps: [
      { changes: ids.map((member) => ({ type: 'join' as const, member, subscription: topics })) },
      { changes: leaving.map((member) => ({ type: 'leave' as const, member })) },
      { changes: [{ type: 'join', member: `C${members + 1}`, subscription: topics }] },
      {
        changes: [
          { type: 'add-partitions', topic: topics[0] as string, partitions: perTopic + 20 },
        ],
      },
    ],
  };
}

/** A made-up invalid result after `last`: a partition given twice and one that does not exist. */
export function faultyStep(last: GenerationResult): HarnessStep {
  const members = last.members.map((m) => ({
    id: m.id,
    subscription: m.subscription,
    assignment: m.assignment.map(([t, p]) => [t, [...p]] as const),
  }));
  const [first, second] = members;
  if (first && second) {
    const stolen = second.assignment[0];
    if (stolen && stolen[1].length > 0) {
      first.assignment = [...first.assignment, [stolen[0], [stolen[1][0] as number]] as const];
    }
    const topic = Object.keys(last.cluster)[0] as string;
    second.assignment = [...second.assignment, [topic, [(last.cluster[topic] ?? 0) + 5]] as const];
  }
  return {
    generation: last.generation + 1,
    summary: 'made-up invalid result: a duplicate and a partition that does not exist',
    data: { cluster: last.cluster, members },
  };
}

export function runScenario(
  scenario: Scenario,
  assignor: BuiltinAssignorName,
  options: { faulty?: boolean; metrics?: boolean } = {},
): HarnessRun {
  const generations = replayAll(scenario, () => createBuiltinAssignor(assignor));
  const steps: HarnessStep[] = generations.map((g) => ({
    generation: g.generation,
    summary: g.summary,
    data: g,
  }));
  const last = generations[generations.length - 1];
  if (options.faulty && last) steps.push(faultyStep(last));

  const topics = new Set<string>(Object.keys(scenario.cluster));
  for (const g of generations) for (const t of Object.keys(g.cluster)) topics.add(t);

  const metrics: MetricsPoint[] = [];
  if (options.metrics !== false) {
    for (const name of BUILTIN_ASSIGNOR_NAMES) {
      const replay =
        name === assignor ? generations : replayAll(scenario, () => createBuiltinAssignor(name));
      for (const g of replay) {
        metrics.push({
          assignor: name,
          generation: g.generation,
          moved: g.metrics.moved,
          spread: g.metrics.spread,
        });
      }
    }
  }
  return { scenario, steps, topics: [...topics].sort(), metrics };
}
