import { describe, expect, it } from 'vitest';
import { describeChange, SUMMARY_MAX_LENGTH, stepSummary } from './groupState';
import type { Change } from './types';

const topics = Array.from({ length: 100 }, (_, i) => `t${String(i).padStart(3, '0')}`);
const joins: Change[] = Array.from({ length: 100 }, (_, i) => ({
  type: 'join',
  member: `consumer-${i}`,
  subscription: topics,
}));

describe('a step summary', () => {
  it('says each change while it is short', () => {
    expect(stepSummary({ changes: [{ type: 'leave', member: 'C1' }] })).toBe('C1 leaves');
    expect(
      stepSummary({
        changes: [
          { type: 'join', member: 'C3', subscription: ['orders'] },
          { type: 'leave', member: 'C1' },
        ],
      }),
    ).toBe('C3 joins (orders); C1 leaves');
  });

  it('counts the changes of a big step instead of spelling out tens of kilobytes', () => {
    const summary = stepSummary({
      changes: [...joins, { type: 'leave', member: 'C1' }, { type: 'leave', member: 'C2' }],
    });
    expect(summary).toBe('100 joins; 2 leaves');
    // One change that is long on its own is counted too.
    expect(describeChange(joins[0]!).length).toBeGreaterThan(SUMMARY_MAX_LENGTH);
    expect(stepSummary({ changes: [joins[0]!] })).toBe('1 join');
    // The author's note still wins.
    expect(stepSummary({ changes: joins, note: 'a hundred consumers start' })).toBe(
      'a hundred consumers start',
    );
  });
});
