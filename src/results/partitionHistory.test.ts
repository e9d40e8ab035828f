import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import { replayAll } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import { partitionHistory } from './partitionHistory';

const scenario: Scenario = {
  name: 'history',
  userDataMode: 'aiokafka',
  cluster: { a: 4 },
  steps: [
    { changes: [{ type: 'join', member: 'C1', subscription: ['a', 'b'] }] },
    { changes: [{ type: 'join', member: 'C2', subscription: ['a', 'b'] }] },
    { changes: [{ type: 'leave', member: 'C1' }] },
    { changes: [{ type: 'create-topic', topic: 'b', partitions: 1 }] },
  ],
};

describe('partitionHistory', () => {
  const generations = replayAll(scenario, () => createBuiltinAssignor('range'));

  it('follows one partition through joins and a leave', () => {
    // range: C1 takes a-0..a-3; then C1 a-0,a-1 and C2 a-2,a-3; then C2 everything.
    expect(partitionHistory(generations, 'a', 3).map((h) => [h.owners, h.change])).toEqual([
      [['C1'], 'new'],
      [['C2'], 'moved'],
      [['C2'], 'kept'],
      [['C2'], 'kept'],
    ]);
    expect(partitionHistory(generations, 'a', 1).map((h) => [h.owners, h.change])).toEqual([
      [['C1'], 'new'],
      [['C1'], 'kept'],
      [['C2'], 'orphaned'],
      [['C2'], 'kept'],
    ]);
  });

  it('says when the partition did not exist yet', () => {
    expect(partitionHistory(generations, 'b', 0).map((h) => h.change)).toEqual([
      'absent',
      'absent',
      'absent',
      'new',
    ]);
    expect(partitionHistory(generations, 'a', 1)[2]?.summary).toBe(generations[2]?.summary);
  });
});
