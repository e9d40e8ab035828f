import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor, type BuiltinAssignorName } from '../core/assignors';
import type { Assignor, GroupAssignment } from '../core/types';
import { parseScenarioFile } from '../scenario/file';
import { replayAll } from '../scenario/replay';
import type { Scenario } from '../scenario/types';
import { scenarioFingerprint } from './fingerprint';
import {
  ownersOfGeneration,
  parseResultsFile,
  RESULTS_FORMAT,
  ResultsFileError,
  resultsOf,
  serializeResults,
  type ResultsFile,
} from './resultsFile';

const kip54 = parseScenarioFile(readFileSync('e2e/fixtures/kip54-example1.json', 'utf8')).scenario;

function results(scenario: Scenario, name: BuiltinAssignorName): ResultsFile {
  return resultsOf(
    scenario,
    name,
    replayAll(scenario, () => createBuiltinAssignor(name)),
  );
}

function errorOf(text: string): string {
  try {
    parseResultsFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ResultsFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

/** The sticky results of KIP-54 example 1 as plain JSON, to tamper with. */
const valid = () => JSON.parse(serializeResults(results(kip54, 'sticky')));

describe('results files', () => {
  it('hold every generation’s assignment and metrics, and round-trip', () => {
    const sticky = results(kip54, 'sticky');
    expect(sticky.format).toBe(RESULTS_FORMAT);
    expect(sticky.scenario).toEqual({
      name: 'KIP-54 example 1: one member leaves',
      fingerprint: scenarioFingerprint(kip54),
    });
    expect(sticky.assignor).toBe('sticky');
    expect(sticky.generations.map((g) => g.summary)).toEqual(['C0, C1 and C2 join', 'C1 leaves']);
    const second = sticky.generations[1]!;
    expect([...second.assignment.keys()]).toEqual(['C0', 'C2']);
    expect(second.metrics).toMatchObject({ moved: 0, kept: 5, isSticky: true, partitions: 8 });
    expect(second.error).toBeUndefined();
    expect(second.problems).toBeUndefined();

    const text = serializeResults(sticky);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseResultsFile(text)).toEqual(sticky);
    expect(serializeResults(parseResultsFile(text))).toBe(text);
  });

  it('keep integer-like member ids in member order and topics ascending', () => {
    const scenario: Scenario = {
      name: 'numbers',
      userDataMode: 'aiokafka',
      cluster: { '7': 2, '10': 1, orders: 1 },
      steps: [
        {
          changes: [
            { type: 'join', member: '10', subscription: ['7', '10', 'orders'] },
            { type: 'join', member: '9', subscription: ['7', '10', 'orders'] },
          ],
        },
      ],
    };
    const range = results(scenario, 'range');
    const text = serializeResults(range);
    expect(text.indexOf('"10": {')).toBeLessThan(text.indexOf('"9": {'));
    const read = parseResultsFile(text);
    expect([...read.generations[0]!.assignment.keys()]).toEqual(['10', '9']);
    expect([...read.generations[0]!.assignment.get('10')!.keys()]).toEqual(['10', '7', 'orders']);
    expect(read).toEqual(range);
  });

  it('record an assignor’s error and the problems of an invalid assignment', () => {
    const scenario: Scenario = {
      name: 'faulty',
      userDataMode: 'aiokafka',
      cluster: { t: 2 },
      steps: [
        { changes: [{ type: 'join', member: 'C0', subscription: ['t'] }] },
        { changes: [{ type: 'join', member: 'C1', subscription: ['t'] }] },
      ],
    };
    let call = 0;
    const faulty = (): Assignor => {
      const inner = createBuiltinAssignor('range');
      return {
        name: 'faulty',
        metadata: (topics) => inner.metadata(topics),
        onAssignment: () => undefined,
        assign: (cluster, members): GroupAssignment => {
          call++;
          if (call === 2) throw new Error('boom');
          const result = inner.assign(cluster, members);
          // Leave t-1 out: an invalid assignment.
          return new Map(
            [...result].map(([m, a]) => [
              m,
              { ...a, assignment: a.assignment.map(([t, p]) => [t, p.filter((x) => x !== 1)]) },
            ]),
          );
        },
      } as Assignor;
    };
    const file = resultsOf(scenario, 'faulty', replayAll(scenario, faulty));
    expect(file.generations[0]!.problems).toEqual(['t-1 is assigned to no member']);
    expect(file.generations[1]!.error).toBe('Error: boom');
    expect(parseResultsFile(serializeResults(file))).toEqual(file);
  });

  it('owners per partition key, several for a duplicate', () => {
    const owners = ownersOfGeneration({
      generation: 1,
      summary: '',
      assignment: new Map([
        ['C0', new Map([['t', [0, 1]]])],
        ['C1', new Map([['t', [1]]])],
      ]),
      metrics: valid().generations[0].metrics,
    });
    expect(owners).toEqual(
      new Map([
        ['t\u00000', ['C0']],
        ['t\u00001', ['C0', 'C1']],
      ]),
    );
  });
});

describe('reading results files', () => {
  it('says where the JSON is broken', () => {
    expect(errorOf('{\n  "format": 1,\n  oops\n}')).toMatch(
      /^not valid JSON: .* at line 3, column 3$/,
    );
  });

  it('names the kind of file when given another of this project’s files', () => {
    expect(errorOf(readFileSync('e2e/fixtures/kip54-example1.json', 'utf8'))).toBe(
      'this is a scenario file, not a results file (make results from it with: replay SCENARIO --assignor NAME)',
    );
    expect(errorOf('{"format": "aiokafka-assignor-conformance/1", "scenarios": []}')).toBe(
      'this is an aiokafka conformance file (assignors), not a results file',
    );
    expect(errorOf('{"format": "aiokafka-wire-vectors/1"}')).toMatch(/conformance file \(wire/);
    expect(errorOf('{"format": "something/else"}')).toBe(
      `not a results file: "format" is "something/else", expected "${RESULTS_FORMAT}"`,
    );
    expect(errorOf('{}')).toMatch(/"format" is missing/);
    expect(errorOf('[1]')).toMatch(/expected a JSON object/);
  });

  it('rejects a newer version with a clear message', () => {
    expect(errorOf(JSON.stringify({ ...valid(), version: 3 }))).toBe(
      'results file version 3 is newer than this playground understands (2)',
    );
  });

  it('says where a field is wrong', () => {
    const data = valid();
    data.generations[1].metrics.moved = 'zero';
    expect(errorOf(JSON.stringify(data))).toBe(
      'at generations[1].metrics.moved: Invalid input: expected number, received string',
    );
    const missing = valid();
    delete missing.generations[0].assignment;
    expect(errorOf(JSON.stringify(missing))).toMatch(/^at generations\[0\]\.assignment: /);
    const partition = valid();
    partition.generations[0].assignment.C0.t0 = [-1];
    expect(errorOf(JSON.stringify(partition))).toBe(
      'at generations[0].assignment.C0.t0[0]: expected a partition number',
    );
    const fingerprint = valid();
    fingerprint.scenario.fingerprint = 'abc';
    expect(errorOf(JSON.stringify(fingerprint))).toBe(
      'at scenario.fingerprint: expected "sha256:" and 64 hex digits',
    );
  });

  it('wants generations numbered 1, 2, 3, … in order', () => {
    const data = valid();
    data.generations[1].generation = 3;
    expect(errorOf(JSON.stringify(data))).toBe(
      'at generations[1].generation: expected 2, found 3 (generations must run 1, 2, 3, … in order)',
    );
  });
});
