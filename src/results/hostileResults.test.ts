/** Results files that are hostile in shape: keys that are property names, deep nesting, huge owner lists. */
import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import { replayAll } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import {
  ownersOfGeneration,
  parseResultsFile,
  ResultsFileError,
  resultsOf,
  serializeResults,
} from './resultsFile';
import { partitionKey } from '../scenario/replay';

function errorOf(text: string): string {
  try {
    parseResultsFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ResultsFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

const hostile: Scenario = {
  name: 'hostile',
  userDataMode: 'aiokafka',
  cluster: Object.assign(Object.create(null) as Record<string, number>, {
    ['__proto__']: 2,
    constructor: 2,
  }),
  steps: [
    {
      changes: [
        { type: 'join', member: '__proto__', subscription: ['__proto__', 'constructor'] },
        { type: 'join', member: 'toString', subscription: ['constructor'] },
      ],
    },
  ],
};
// Object.assign would call the __proto__ setter; define it as data instead.
Object.defineProperty(hostile.cluster, '__proto__', { value: 2, enumerable: true, writable: true });

describe('results files with hostile names', () => {
  it('round-trips a member called __proto__ and a topic called constructor', () => {
    const results = resultsOf(
      hostile,
      'sticky',
      replayAll(hostile, () => createBuiltinAssignor('sticky')),
    );
    const text = serializeResults(results);
    const parsed = parseResultsFile(text);
    expect([...parsed.generations[0]!.assignment.keys()]).toEqual(['__proto__', 'toString']);
    expect(parsed.generations[0]!.assignment).toEqual(results.generations[0]!.assignment);
    expect(serializeResults(parsed)).toBe(text);
  });

  it('refuses nesting deeper than any results file has, with a message', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const text = `{"format":"rebalance-playground/results","version":1,"x":${deep}}`;
    expect(errorOf(text)).toMatch(/nested more than \d+ levels deep/);
  });

  it('finds the owners of one partition given to 100,000 members', () => {
    const members = Array.from({ length: 100_000 }, (_, i) => `m${i}`);
    const owners = ownersOfGeneration({
      generation: 1,
      summary: '',
      assignment: new Map(members.map((m) => [m, new Map([['t', [0, 0]]])])),
      metrics: {
        moved: 0,
        kept: 0,
        unownedDuringRebalance: 0,
        unassigned: 0,
        assigned: 1,
        partitions: 1,
        spread: 0,
        balanceScore: 0,
        isSticky: true,
      },
    });
    expect(owners.get(partitionKey('t', 0))).toEqual(members);
  });
});
