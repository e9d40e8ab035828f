import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ASSIGNOR_NAMES } from '../core/assignors';
import { judge, runGeneration } from './assignors';
import { parseConformanceFile, type ConformanceFile } from './formats';
import { runConformance } from './run';
import { runPartitionMovementsVector, runSortedSetVector } from './vectors';

function load<K extends ConformanceFile['kind']>(name: string, kind: K) {
  const file = parseConformanceFile(readFileSync(`test/conformance/${name}`, 'utf8'));
  if (file.kind !== kind) throw new Error(`${name} is ${file.kind}, not ${kind}`);
  return file as Extract<ConformanceFile, { kind: K }>;
}

const assignors = load('assignors.json', 'assignors');
const sortedSet = load('sortedset.json', 'sortedset');
const movements = load('partition_movements.json', 'partition-movements');
const wire = load('wire.json', 'wire');

describe('assignors match aiokafka 0.14 on every conformance scenario', () => {
  it.each(assignors.data.scenarios.map((s) => [s.name, s] as const))('%s', (_, scenario) => {
    for (const generation of scenario.generations) {
      for (const name of BUILTIN_ASSIGNOR_NAMES) {
        const verdict = judge(
          generation,
          generation.expected[name],
          runGeneration(generation, name),
        );
        expect(verdict, `generation ${generation.generation} ${name}`).toMatchObject({ ok: true });
      }
    }
  });

  it('matches aiokafka exactly wherever aiokafka was deterministic and free of hash-order picks', () => {
    let exact = 0;
    for (const scenario of assignors.data.scenarios) {
      for (const generation of scenario.generations) {
        for (const name of BUILTIN_ASSIGNOR_NAMES) {
          const expected = generation.expected[name];
          if (!('assignment' in expected) || expected.hashOrderChoicePoints !== undefined) continue;
          expect(judge(generation, expected, runGeneration(generation, name))).toEqual({
            ok: true,
            how: 'exact',
          });
          exact++;
        }
      }
    }
    expect(exact).toBeGreaterThan(550);
  });

  it('gives an empty group an empty assignment where aiokafka sticky raises ValueError', () => {
    const emptyGenerations = assignors.data.scenarios
      .flatMap((s) => s.generations)
      .filter((g) => 'error' in g.expected.sticky);
    expect(emptyGenerations.length).toBe(3);
    for (const generation of emptyGenerations) {
      const outcome = runGeneration(generation, 'sticky');
      expect(outcome).toEqual({ assignment: new Map() });
    }
  });
});

describe('SortedSet matches aiokafka on every vector', () => {
  it.each(sortedSet.data.vectors.map((v) => [v.name, v] as const))('%s', (_, vector) => {
    expect(runSortedSetVector(vector).failures).toEqual([]);
  });

  it('answers first() from its real contents, not aiokafka stale cache', () => {
    const vector = sortedSet.data.vectors.find((v) => v.name === 'stale_first_after_pop_last');
    expect(vector).toBeDefined();
    const { results } = runSortedSetVector(vector!);
    const firstResults = vector!.ops.flatMap((op, i) => (op.op === 'first' ? [results[i]] : []));
    // add 5, first, pop_last, …, first (empty), add 7, first, …, add 3, first
    expect(firstResults).toEqual([5, null, 7, 3]);
  });
});

describe('PartitionMovements matches aiokafka on every vector', () => {
  it.each(movements.data.vectors.map((v) => [v.name, v] as const))('%s', (_, vector) => {
    expect(runPartitionMovementsVector(vector).failures).toEqual([]);
  });
});

describe('wire encodings are byte-exact', () => {
  it('encodes and round-trips every vector of wire.json', () => {
    const run = runConformance(wire);
    expect(run.lines).toEqual([]);
    expect(run.passed).toBe(12);
  });
});

describe('judging failures', () => {
  // aiokafka 0.14 raises KeyError here: t0-0's earlier claimant F is set aside (it reads only
  // x, which nobody else reads), yet balancing tries to hand t0-0 back to F.
  const generation = {
    generation: 1,
    cluster: { t0: 4, x: 1 },
    members: [
      {
        id: 'C1',
        subscription: ['t0'],
        userData: { generation: 2, owned: [['t0', [0, 1, 2, 3]]] as [string, number[]][] },
      },
      { id: 'C2', subscription: ['t0'], userData: null },
      {
        id: 'F',
        subscription: ['x'],
        userData: {
          generation: 1,
          owned: [
            ['t0', [0]],
            ['x', [0]],
          ] as [string, number[]][],
        },
      },
    ],
    expected: {
      range: { deterministic: true as const, assignment: {} },
      roundrobin: { deterministic: true as const, assignment: {} },
      sticky: {
        deterministic: true as const,
        error: { type: 'KeyError', message: "ConsumerSubscription(consumer='F', partitions=())" },
      },
    },
  };

  it('accepts the same error type where aiokafka fails on a defect we reproduce', () => {
    const outcome = runGeneration(generation, 'sticky');
    expect(outcome).toMatchObject({ error: expect.stringMatching(/^KeyError: /) });
    expect(judge(generation, generation.expected.sticky, outcome)).toMatchObject({ ok: true });
  });

  it('rejects an assignment where aiokafka raised, and a different assignment where it did not', () => {
    const roundrobin = runGeneration(generation, 'roundrobin');
    expect(judge(generation, generation.expected.sticky, roundrobin)).toMatchObject({ ok: false });
    expect(
      judge(generation, generation.expected.range, runGeneration(generation, 'range')),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not in aiokafka'),
    });
  });
});
