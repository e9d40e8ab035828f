import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor, type BuiltinAssignorName } from '../core/assignors';
import { parseScenarioFile } from '../scenario/file';
import { partitionKey, replayAll } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import {
  describeDiff,
  diffGeneration,
  diffResults,
  differingPartitionKeys,
  ResultsDiffError,
} from './diff';
import { resultsOf, type ResultsFile, type ResultsGeneration } from './resultsFile';

function fixture(name: string): Scenario {
  return parseScenarioFile(readFileSync(`e2e/fixtures/${name}.json`, 'utf8')).scenario;
}

function results(scenario: Scenario, name: BuiltinAssignorName): ResultsFile {
  return resultsOf(
    scenario,
    name,
    replayAll(scenario, () => createBuiltinAssignor(name)),
  );
}

const kip54 = fixture('kip54-example1');

describe('diffResults', () => {
  it('finds nothing between identical results', () => {
    const diff = diffResults(results(kip54, 'sticky'), results(kip54, 'sticky'));
    expect(diff.identical).toBe(true);
    expect(diff.generations.every((g) => g.identical && g.partitions.length === 0)).toBe(true);
    expect(diff.summary).toEqual({
      generations: 2,
      differingGenerations: 0,
      differingPartitions: 0,
      movedA: 0,
      movedB: 0,
    });
    expect(describeDiff(diff).at(-1)).toBe(
      'identical: same owners, metrics and protocol runs in all 2 generations',
    );
  });

  it('sticky vs roundrobin on KIP-54 example 1: roundrobin swaps t1 between C0 and C2', () => {
    const diff = diffResults(results(kip54, 'sticky'), results(kip54, 'roundrobin'));
    expect(diff.identical).toBe(false);
    expect(diff.assignorA).toBe('sticky');
    expect(diff.assignorB).toBe('roundrobin');
    const [first, second] = diff.generations;
    expect(first!.identical).toBe(true);
    expect(second!.partitions).toEqual([
      { topic: 't1', partition: 0, ownerA: 'C2', ownerB: 'C0' },
      { topic: 't1', partition: 1, ownerA: 'C0', ownerB: 'C2' },
    ]);
    expect(second!.metrics).toEqual([
      { metric: 'moved', a: 0, b: 2, delta: 2 },
      { metric: 'kept', a: 5, b: 3, delta: -2 },
      { metric: 'isSticky', a: true, b: false, delta: undefined },
    ]);
    expect(diff.summary).toMatchObject({
      differingGenerations: 1,
      differingPartitions: 2,
      movedA: 0,
      movedB: 2,
    });
    expect(differingPartitionKeys(diff)).toEqual(
      new Map([
        [1, new Set()],
        [2, new Set([partitionKey('t1', 0), partitionKey('t1', 1)])],
      ]),
    );
    expect(describeDiff(diff, { a: 'sticky.json', b: 'rr.json' })).toEqual([
      'A: sticky.json (sticky)',
      'B: rr.json (roundrobin)',
      'scenario "KIP-54 example 1: one member leaves", 2 generations',
      'generation 1 (C0, C1 and C2 join): identical',
      'generation 2 (C1 leaves): 2 partitions with another owner',
      '  t1-0  A: C2  B: C0',
      '  t1-1  A: C0  B: C2',
      '  metrics: moved 0 → 2 (+2), kept 5 → 3 (-2), isSticky true → false',
      'different: 1 of 2 generations differ, 2 partition owners in all; moved in total A 0, B 2',
    ]);
  });

  it('is symmetric in what differs', () => {
    const ab = diffResults(results(kip54, 'sticky'), results(kip54, 'roundrobin'));
    const ba = diffResults(results(kip54, 'roundrobin'), results(kip54, 'sticky'));
    expect(differingPartitionKeys(ba)).toEqual(differingPartitionKeys(ab));
    expect(ba.generations[1]!.partitions[0]).toEqual({
      topic: 't1',
      partition: 0,
      ownerA: 'C0',
      ownerB: 'C2',
    });
  });

  it('compares a range-skewed group: range and roundrobin agree only when partitions divide evenly', () => {
    const scenario = fixture('range-skew');
    const diff = diffResults(results(scenario, 'range'), results(scenario, 'roundrobin'));
    // 3 members: range skews; 4 members over 4-partition topics: the same; payments at 6: skew.
    expect(diff.generations.map((g) => g.identical)).toEqual([false, true, false]);
    expect(diff.generations[0]!.metrics.find((m) => m.metric === 'spread')).toEqual({
      metric: 'spread',
      a: 3,
      b: 0,
      delta: -3,
    });
  });

  it('refuses results of different scenarios, naming both', () => {
    const other = fixture('unequal-subscriptions');
    expect(() => diffResults(results(kip54, 'sticky'), results(other, 'sticky'))).toThrow(
      new ResultsDiffError(
        'A is results of scenario "KIP-54 example 1: one member leaves", B of scenario "KIP-54 example 2: unequal subscriptions": they cannot be compared',
      ),
    );
    // Same name, other content: the fingerprints tell them apart.
    const changed: Scenario = { ...kip54, cluster: { ...kip54.cluster, t3: 3 } };
    expect(() =>
      diffResults(results(kip54, 'sticky'), results(changed, 'sticky'), {
        a: 'old.json',
        b: 'new.json',
      }),
    ).toThrow(
      /^old\.json is results of scenario "KIP-54 example 1: one member leaves" \(fingerprint [0-9a-f]{12}\), new\.json of scenario "KIP-54 example 1: one member leaves" \(fingerprint [0-9a-f]{12}\): they cannot be compared$/,
    );
  });

  it('refuses results with different numbers of generations', () => {
    const full = results(kip54, 'sticky');
    const cut: ResultsFile = { ...full, generations: full.generations.slice(0, 1) };
    expect(() => diffResults(full, cut)).toThrow('A has 2 generations, B has 1');
  });
});

describe('diffGeneration', () => {
  const metrics = results(kip54, 'sticky').generations[0]!.metrics;
  const generation = (assignment: [string, [string, number[]][]][], error?: string) =>
    ({
      generation: 1,
      summary: 's',
      assignment: new Map(assignment.map(([m, topics]) => [m, new Map(topics)])),
      metrics,
      ...(error === undefined ? {} : { error }),
    }) satisfies ResultsGeneration;

  it('reports unowned partitions as null and duplicates with every owner', () => {
    const a = generation([
      ['C0', [['t', [0, 1]]]],
      ['C1', [['t', [1]]]],
    ]);
    const b = generation([
      ['C0', [['t', [1]]]],
      ['C1', []],
    ]);
    expect(diffGeneration(a, b).partitions).toEqual([
      { topic: 't', partition: 0, ownerA: 'C0', ownerB: null },
      { topic: 't', partition: 1, ownerA: 'C0', ownerB: 'C0', ownersA: ['C0', 'C1'] },
    ]);
  });

  it('ignores member and partition order; sees differing errors', () => {
    const a = generation([
      ['C0', [['t', [0, 1]]]],
      ['C1', [['u', [0]]]],
    ]);
    const b = generation([
      ['C1', [['u', [0]]]],
      ['C0', [['t', [1, 0]]]],
    ]);
    expect(diffGeneration(a, b).identical).toBe(true);
    const failed = diffGeneration(a, generation([], 'Error: boom'));
    expect(failed.identical).toBe(false);
    expect(failed.errorA).toBeUndefined();
    expect(failed.errorB).toBe('Error: boom');
  });
});
