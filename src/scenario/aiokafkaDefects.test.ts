import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NON_TERMINATION_MESSAGE } from '../core/assignors';
import { builtinRunFactory } from './builtinRuns';
import { builtinVerdict } from './builtinVerdict';
import { parseScenarioFile, serializeScenario } from './file';
import { randomScenario } from './random';
import { replayAll, type GenerationResult } from './replay';
import { decodeShareFragment, encodeShareFragment } from './shareLink';
import type { Scenario } from './types';

const FINDINGS = new URL('../../test/conformance/findings/', import.meta.url);
const readFinding = (name: string) => readFileSync(new URL(name, FINDINGS), 'utf8');
const scenarioFinding = (name: string) => parseScenarioFile(readFinding(name)).scenario;

const replay = (scenario: Scenario, name: 'sticky' | 'sticky-faithful' | 'sticky-fixed') =>
  replayAll(scenario, builtinRunFactory(name, scenario));

const assignmentOf = (result: GenerationResult) =>
  Object.fromEntries(result.members.map((m) => [m.id, Object.fromEntries(m.assignment)]));

describe('aiokafka hands partitions back to a member that no longer subscribes to them', () => {
  const scenario = scenarioFinding('sticky-invalid-hand-back.scenario.json');
  const aiokafka = JSON.parse(readFinding('sticky-invalid-hand-back.aiokafka.json')) as {
    generation: number;
    aiokafkaSticky: Record<string, Record<string, number[]>>;
  };

  it('faithful mode gives exactly aiokafka 0.14’s invalid assignment, and says it is invalid', () => {
    const result = replay(scenario, 'sticky')[aiokafka.generation - 1] as GenerationResult;
    expect(assignmentOf(result)).toEqual(aiokafka.aiokafkaSticky);
    expect(result.problems.length).toBe(11);
    // Every problem is a stale member rejoining with a new subscription, given back an old partition.
    const rejoined = ['C7', 'C8', 'C17', 'C27'];
    for (const problem of result.problems) {
      expect(problem.kind).toBe('not-subscribed');
      expect(rejoined).toContain((problem as { member: string }).member);
    }
  });

  it('fixed mode keeps every generation valid', () => {
    for (const result of replay(scenario, 'sticky-fixed')) {
      expect(result.error, `generation ${result.generation}`).toBeUndefined();
      expect(result.problems, `generation ${result.generation}`).toEqual([]);
    }
  });
});

describe('aiokafka’s sticky assignor never returns in generation 3', () => {
  const scenario = scenarioFinding('sticky-endless-loop.scenario.json');

  it('faithful mode stops that generation with the verdict; the others still replay', () => {
    const results = replay(scenario, 'sticky');
    expect(results).toHaveLength(scenario.steps.length);
    for (const result of results) {
      if (result.generation === 3) {
        expect(result.error).toBe(`StickyNonTerminationError: ${NON_TERMINATION_MESSAGE}`);
        expect(result.members.every((m) => m.assignment.length === 0)).toBe(true);
      } else {
        // (Generation 5 is also invalid: the same stale hand-back as the other finding.)
        expect(result.error, `generation ${result.generation}`).toBeUndefined();
        expect(result.members.some((m) => m.assignment.length > 0)).toBe(true);
      }
    }
  });

  it('fixed mode ends the oscillation: every generation is valid, as balanced as aiokafka', () => {
    const faithful = replay(scenario, 'sticky-faithful');
    for (const result of replay(scenario, 'sticky-fixed')) {
      expect(result.error, `generation ${result.generation}`).toBeUndefined();
      expect(result.problems, `generation ${result.generation}`).toEqual([]);
      const reference = faithful[result.generation - 1] as GenerationResult;
      if (reference.error === undefined && reference.problems.length === 0) {
        expect(result.metrics.spread).toBeLessThanOrEqual(reference.metrics.spread);
      }
    }
  });
});

describe('the faithful / fixed switch travels with the scenario', () => {
  const base = scenarioFinding('sticky-invalid-hand-back.scenario.json');

  it('a file without the field (version 1) loads as faithful', () => {
    const text = readFinding('sticky-invalid-hand-back.scenario.json');
    expect(JSON.parse(text)).toMatchObject({ version: 1 });
    expect(parseScenarioFile(text).scenario.assignorMode).toBeUndefined();
    expect(replay(base, 'sticky')[2]?.problems.length).toBe(11);
  });

  it('a fixed scenario is written as version 2 and replays fixed after loading', () => {
    const text = serializeScenario({ ...base, assignorMode: 'fixed' });
    expect(JSON.parse(text)).toMatchObject({ version: 2, assignorMode: 'fixed' });
    const loaded = parseScenarioFile(text).scenario;
    expect(loaded.assignorMode).toBe('fixed');
    expect(replay(loaded, 'sticky')[2]?.problems).toEqual([]);
  });

  it('a version 1 file that names a mode is refused with a reason', () => {
    const text = serializeScenario({ ...base, assignorMode: 'fixed' }).replace(
      '"version": 2',
      '"version": 1',
    );
    expect(() => parseScenarioFile(text)).toThrow('"assignorMode" needs scenario file version 2');
  });

  it('share links carry the mode', async () => {
    const fragment = await encodeShareFragment({ ...base, assignorMode: 'fixed' }, undefined);
    const loaded = await decodeShareFragment(fragment);
    expect(loaded?.scenario.assignorMode).toBe('fixed');
  });
});

describe('fixed mode on seeded random groups (property test)', () => {
  const keptOverall = (results: readonly GenerationResult[]) =>
    results.reduce((sum, r) => sum + r.metrics.kept, 0);

  it('is valid everywhere, and where faithful is valid: spread no wider, as many kept', () => {
    let compared = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const scenario = {
        ...randomScenario(seed),
        userDataMode: seed % 2 ? 'counter' : 'aiokafka',
      } as Scenario;
      const faithful = replay(scenario, 'sticky-faithful');
      const fixed = replay(scenario, 'sticky-fixed');
      for (const result of fixed) {
        expect(result.error, `seed ${seed} generation ${result.generation}`).toBeUndefined();
        expect(result.problems, `seed ${seed} generation ${result.generation}`).toEqual([]);
      }
      if (faithful.some((r) => r.error !== undefined || r.problems.length > 0)) continue;
      compared++;
      fixed.forEach((result, i) => {
        const reference = faithful[i] as GenerationResult;
        expect(result.metrics.spread, `seed ${seed} generation ${i + 1}`).toBeLessThanOrEqual(
          reference.metrics.spread,
        );
      });
      expect(keptOverall(fixed), `seed ${seed}`).toBeGreaterThanOrEqual(keptOverall(faithful));
    }
    expect(compared).toBeGreaterThan(100);
  }, 30_000);
});

describe('the verdict the page shows for aiokafka’s defects', () => {
  it('names the members aiokafka gives partitions they no longer subscribe to', () => {
    const scenario = scenarioFinding('sticky-invalid-hand-back.scenario.json');
    const verdict = builtinVerdict(replay(scenario, 'sticky')[2] as GenerationResult);
    expect(verdict?.kind).toBe('invalid');
    expect(verdict?.summary).toBe(
      'aiokafka 0.14 gives C7, C8, C17 and C27 partitions of topics they no longer subscribe to — a known defect of the original.',
    );
    expect(verdict?.details).toHaveLength(11);
  });

  it('says the rebalance never ends, and nothing for a valid generation', () => {
    const results = replay(scenarioFinding('sticky-endless-loop.scenario.json'), 'sticky');
    expect(builtinVerdict(results[2] as GenerationResult)?.summary).toBe(
      `${NON_TERMINATION_MESSAGE}.`,
    );
    expect(builtinVerdict(results[0] as GenerationResult)).toBeUndefined();
  });
});

describe('aiokafka raises KeyError moving a partition back to a member it set aside', () => {
  // Found by the fuzz run (autosave seed 1532): the stale hand-back lesson with topic t0 gone.
  const scenario: Scenario = {
    name: 'key error',
    userDataMode: 'counter',
    cluster: { t1: 7, t2: 5 },
    steps: [
      {
        changes: [
          { type: 'join', member: 'C0', subscription: ['t0', 't2'] },
          { type: 'join', member: 'C1', subscription: ['t0', 't1'] },
          { type: 'join', member: 'C2', subscription: ['t1', 't2'] },
          { type: 'join', member: 'C3', subscription: ['t1', 't2'] },
        ],
      },
      { changes: [{ type: 'leave', member: 'C2' }] },
      {
        changes: [
          { type: 'leave', member: 'C0' },
          { type: 'rejoin-stale', member: 'C2', subscription: ['t0'] },
        ],
      },
    ],
  };

  it('faithful mode fails the generation as aiokafka does, and the page calls it aiokafka’s', () => {
    const result = replay(scenario, 'sticky')[2] as GenerationResult;
    expect(result.error).toMatch(/^KeyError: sticky assignment failed as aiokafka's does: t1-1/);
    expect(builtinVerdict(result)).toMatchObject({
      kind: 'crash',
      summary: expect.stringContaining('a known defect of the original') as string,
    });
  });

  it('fixed mode assigns it', () => {
    const result = replay(scenario, 'sticky-fixed')[2] as GenerationResult;
    expect(result.error).toBeUndefined();
    expect(result.problems).toEqual([]);
    expect(builtinVerdict(result)).toBeUndefined();
  });
});
