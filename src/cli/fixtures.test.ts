import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ASSIGNOR_NAMES, createBuiltinAssignor } from '../core/assignors';
import { parseScenarioFile, ScenarioFileError, SCENARIO_FORMAT } from '../scenario/file';
import { replayAll } from '../scenario/replay';

const DIR = 'e2e/fixtures';
const files = readdirSync(DIR).filter((name) => name.endsWith('.json'));

describe('e2e scenario fixtures', () => {
  it('are there', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'bad-scenario.json',
        'churn.json',
        'kip54-example1.json',
        'range-skew.json',
        'unequal-subscriptions.json',
      ]),
    );
  });

  for (const name of files.filter((f) => f !== 'bad-scenario.json')) {
    it(`${name} is a valid, small scenario every assignor replays correctly`, () => {
      const text = readFileSync(`${DIR}/${name}`, 'utf8');
      expect(JSON.parse(text)).toMatchObject({ format: SCENARIO_FORMAT, version: 1 });
      const { scenario } = parseScenarioFile(text);
      expect(scenario.steps.length).toBeLessThanOrEqual(10);
      for (const assignor of BUILTIN_ASSIGNOR_NAMES) {
        const results = replayAll(scenario, () => createBuiltinAssignor(assignor));
        for (const result of results) {
          expect(result.error, `${assignor} generation ${result.generation}`).toBeUndefined();
          expect(result.problems, `${assignor} generation ${result.generation}`).toEqual([]);
        }
      }
    });
  }

  it('bad-scenario.json passes the schema but fails at the step that makes a non-member leave', () => {
    const text = readFileSync(`${DIR}/bad-scenario.json`, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: SCENARIO_FORMAT, version: 1 });
    expect(() => parseScenarioFile(text)).toThrow(
      new ScenarioFileError('step 2, change 1: C9 is not in the group'),
    );
  });

  it('churn.json covers joins, leaves, a restart, a stale rejoin and topic growth', () => {
    const { scenario } = parseScenarioFile(readFileSync(`${DIR}/churn.json`, 'utf8'));
    const types = new Set(scenario.steps.flatMap((s) => s.changes.map((c) => c.type)));
    expect([...types].sort()).toEqual([
      'add-partitions',
      'create-topic',
      'join',
      'leave',
      'rejoin-stale',
      'restart',
      'subscribe',
    ]);
  });
});
