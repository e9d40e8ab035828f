import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor, BUILTIN_ASSIGNOR_NAMES } from '../core/assignors';
import { builtinRunFactory } from './builtinRuns';
import { checkScenario, parseScenarioFile, serializeScenario } from './file';
import { DEFAULT_SCENARIO, LESSONS } from './lessons';
import { replayAll } from './replay';

function replayEvery(scenario: Parameters<typeof replayAll>[0]) {
  return Object.fromEntries(
    BUILTIN_ASSIGNOR_NAMES.map((name) => [
      name,
      replayAll(scenario, () => createBuiltinAssignor(name)),
    ]),
  );
}

describe('lessons', () => {
  it('has at least six, with unique ids', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  });

  it.each(LESSONS.map((lesson) => [lesson.id, lesson] as const))(
    '%s: its answer is what the replay actually shows',
    (_, lesson) => {
      checkScenario(lesson.scenario);
      const results = replayEvery(lesson.scenario);
      expect(lesson.question.generation).toBeLessThanOrEqual(lesson.scenario.steps.length);
      expect(lesson.question.answer).toBeLessThan(lesson.question.choices.length);
      expect(lesson.check(results)).toBe(lesson.question.answer);
    },
  );

  it('stale rejoin: in counter mode the current owner’s newer generation wins instead', () => {
    const lesson = LESSONS.find((l) => l.id === 'stale-rejoin')!;
    const counter = replayEvery({ ...lesson.scenario, userDataMode: 'counter' });
    const third = counter.sticky![2]!;
    // C1 holds generation-2 claims on everything; C2's generation-1 claims lose, and balance
    // hands C2 its previous partitions back as their previous owner.
    expect(third.members.map((m) => m.id)).toEqual(['C2', 'C1']);
    expect(third.metrics.spread).toBe(0);
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
