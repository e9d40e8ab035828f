/**
 * Hostile but plausible input: names that are also JavaScript property names, names Kafka
 * cannot encode, and scenarios that are legal in shape but ask for unbounded work.
 */
import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor, type BuiltinAssignorName } from '../core/assignors';
import { parseScenarioFile, ScenarioFileError, SCENARIO_FORMAT, SCENARIO_LIMITS } from './file';
import { replayAll } from './replay';

const ASSIGNORS: BuiltinAssignorName[] = ['range', 'roundrobin', 'sticky'];

/** Scenario file text written by hand, so keys like `__proto__` stay ordinary JSON keys. */
function fileText(cluster: string, steps: unknown[]): string {
  return `{"format":${JSON.stringify(SCENARIO_FORMAT)},"version":1,"name":"hostile","userDataMode":"aiokafka","cluster":${cluster},"steps":${JSON.stringify(steps)}}`;
}

function rejection(text: string): string {
  try {
    parseScenarioFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

describe('names that are also property names', () => {
  const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '\u202Eabc'];
  for (const name of names) {
    it(`replays member and topic ${JSON.stringify(name)} like any other name`, () => {
      const text = fileText(`{${JSON.stringify(name)}: 3, "plain": 2}`, [
        {
          changes: [
            { type: 'join', member: name, subscription: [name, 'plain'] },
            { type: 'join', member: 'other', subscription: [name] },
          ],
        },
        { changes: [{ type: 'add-partitions', topic: name, partitions: 5 }] },
        { changes: [{ type: 'leave', member: name }] },
        { changes: [{ type: 'delete-topic', topic: name }] },
      ]);
      const { scenario } = parseScenarioFile(text);
      expect(Object.keys(scenario.cluster)).toEqual([name, 'plain']);
      expect(scenario.cluster[name]).toBe(3);
      for (const assignor of ASSIGNORS) {
        const generations = replayAll(scenario, () => createBuiltinAssignor(assignor));
        expect(generations.map((g) => g.error)).toEqual([
          undefined,
          undefined,
          undefined,
          undefined,
        ]);
        expect(generations.map((g) => g.problems)).toEqual([[], [], [], []]);
        expect(generations.map((g) => g.metrics.assigned)).toEqual([5, 7, 5, 0]);
        expect(generations[0]?.members.map((m) => m.id)).toEqual([name, 'other']);
        // Every partition of the named topic is owned by a member in generation 2.
        const owned = generations[1]?.members.flatMap((m) =>
          m.assignment.filter(([topic]) => topic === name).flatMap(([, p]) => p),
        );
        expect(owned?.sort()).toEqual([0, 1, 2, 3, 4]);
      }
    });
  }

  it('still refuses a second topic of the same name, even when the name is __proto__', () => {
    const text = fileText('{"__proto__": 1}', [
      { changes: [{ type: 'create-topic', topic: '__proto__', partitions: 2 }] },
    ]);
    expect(rejection(text)).toBe('step 1, change 1: topic __proto__ already exists');
  });
});

describe('names Kafka cannot send', () => {
  it('refuses a lone UTF-16 surrogate with a message, instead of failing in replay', () => {
    const text = fileText('{"t": 1}', [
      { changes: [{ type: 'join', member: 'a\uD800b', subscription: ['t'] }] },
    ]);
    expect(rejection(text)).toMatch(
      /^at steps\[0\]\.changes\[0\]\.member: contains a lone UTF-16 surrogate/,
    );
  });

  it('quotes at most the start of a 10 kB name in its message', () => {
    const long = 'x'.repeat(10_000);
    const message = rejection(fileText(`{"${long}": 1}`, []));
    expect(message).toMatch(/must be at most 249 characters/);
    expect(message.length).toBeLessThan(300);
  });
});

describe('enormous scenarios are refused before any work', () => {
  it('a topic with 10^9 partitions', () => {
    expect(rejection(fileText('{"t": 1000000000}', []))).toMatch(
      /at cluster\.t: .*100000|at most 100000/,
    );
  });

  it('a step with more changes than the limit, before looking at any of them', () => {
    const joins = Array.from({ length: SCENARIO_LIMITS.changesPerStep + 1 }, (_, i) => ({
      type: 'join',
      member: `m${i}`,
      subscription: ['t'],
    }));
    expect(rejection(fileText('{"t": 1}', [{ changes: joins }]))).toBe(
      `step 1 has ${SCENARIO_LIMITS.changesPerStep + 1} changes; a step may have at most ${SCENARIO_LIMITS.changesPerStep}`,
    );
  });

  it('a subscription longer than the limit', () => {
    const topics = Array.from(
      { length: SCENARIO_LIMITS.subscriptionLength + 1 },
      (_, i) => `t${i}`,
    );
    expect(
      rejection(
        fileText('{"t": 1}', [{ changes: [{ type: 'join', member: 'a', subscription: topics }] }]),
      ),
    ).toBe(
      `step 1, change 1: a subscription lists ${SCENARIO_LIMITS.subscriptionLength + 1} topics; at most ${SCENARIO_LIMITS.subscriptionLength} are allowed`,
    );
  });

  it('a file larger than the input limit, before parsing it', () => {
    const padding = ' '.repeat(SCENARIO_LIMITS.inputBytes);
    expect(rejection(`${fileText('{}', [])}${padding}`)).toMatch(
      /^the scenario is [\d.]+ MB; at most [\d.]+ MB is accepted$/,
    );
  });

  it('legal steps whose total work is too much (partitions × generations)', () => {
    // 500 steps of 100,000 partitions: each step is legal, the whole is hours of work.
    const steps = Array.from({ length: 500 }, () => ({ changes: [] }));
    steps[0] = { changes: [{ type: 'join', member: 'a', subscription: ['t'] }] } as never;
    expect(rejection(fileText('{"t": 100000}', steps))).toMatch(
      /^replaying it would assign 50000000 partitions \(partitions × generations\); at most \d+ are allowed per assignor/,
    );
  });

  it('many joins in one step are validated in linear time', () => {
    // 5,000 joins (the member limit) in one step: quadratic lookups took seconds here.
    const joins = Array.from({ length: SCENARIO_LIMITS.members }, (_, i) => ({
      type: 'join',
      member: `m${i}`,
      subscription: ['t'],
    }));
    const text = fileText('{"t": 10}', [
      { changes: joins },
      { changes: joins.map((j) => ({ type: 'leave', member: j.member })) },
    ]);
    const { scenario } = parseScenarioFile(text);
    expect(scenario.steps[0]?.changes).toHaveLength(SCENARIO_LIMITS.members);
  });
});

describe('a topic called __proto__ is checked like any other', () => {
  it('refuses a partition count that is not a number', () => {
    expect(rejection(fileText('{"__proto__": "abc"}', []))).toMatch(/^at cluster\.__proto__: /);
    expect(rejection(fileText('{"__proto__": -5}', []))).toMatch(/^at cluster\.__proto__: /);
  });
});

describe('found by the fuzz run', () => {
  it('refuses a subscription that lists a topic twice (range handed out its partitions wrongly)', () => {
    const text = fileText('{"t": 4}', [
      { changes: [{ type: 'join', member: 'a', subscription: ['t', 't'] }] },
    ]);
    expect(rejection(text)).toBe('at steps[0].changes[0].subscription: lists topic t twice');
  });

  it('quotes at most the start of a megabyte-long "format"', () => {
    const message = rejection(`{"format": "${'['.repeat(1_000_000)}"}`);
    expect(message.length).toBeLessThan(200);
  });
});
