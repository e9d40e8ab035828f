import { describe, expect, it } from 'vitest';
import type { GenerationResult } from '../scenario/replay';
import { assignorNameOf, generationVerdicts, loadErrorLine, verdictLine } from './panelModel';

function generation(n: number, patch: Partial<GenerationResult> = {}): GenerationResult {
  return { generation: n, error: undefined, problems: [], ...patch } as GenerationResult;
}

describe('generationVerdicts', () => {
  it('lists failed and invalid generations, with every violation named', () => {
    const verdicts = generationVerdicts([
      generation(1),
      generation(2, { error: 'timed out after 2000 ms: …' }),
      generation(3, {
        problems: [
          { kind: 'duplicate', topic: 't', partition: 0, members: ['a', 'b'] },
          { kind: 'unassigned', topic: 't', partition: 3 },
        ],
      }),
      generation(4, { problems: [{ kind: 'unknown-topic', member: 'a', topic: 'x' }] }),
    ]);
    expect(verdicts).toEqual([
      { generation: 2, summary: 'timed out after 2000 ms: …', details: [] },
      {
        generation: 3,
        summary: '2 rule violations',
        details: ['t-0 is given to 2 members: a, b', 't-3 is assigned to no member'],
      },
      {
        generation: 4,
        summary: '1 rule violation',
        details: ['a is given topic x, which the cluster does not have'],
      },
    ]);
    expect(verdicts.map(verdictLine)).toEqual([
      'generation 2: timed out after 2000 ms: …',
      'generation 3: 2 rule violations — t-0 is given to 2 members: a, b; t-3 is assigned to no member',
      'generation 4: 1 rule violation — a is given topic x, which the cluster does not have',
    ]);
  });

  it('is empty when every generation is fine', () => {
    expect(generationVerdicts([generation(1), generation(2)])).toEqual([]);
  });
});

describe('loadErrorLine', () => {
  it('puts the position first when there is one', () => {
    expect(loadErrorLine({ message: 'Unexpected token', line: 2, column: 13 })).toBe(
      'Line 2, column 13: Unexpected token',
    );
    expect(loadErrorLine({ message: 'threw', line: 4 })).toBe('Line 4: threw');
    expect(loadErrorLine({ message: 'no position' })).toBe('no position');
  });
});

describe('assignorNameOf', () => {
  it.each([
    ["export default { name: 'least-loaded', assign() {} }", 'least-loaded'],
    ['class A { static name = "static-one"; }', 'static-one'],
    ['class A { name = `inst`; }', 'inst'],
    ['export default { assign() {} }', 'custom'],
  ])('%s → %s', (source, name) => expect(assignorNameOf(source)).toBe(name));
});
