import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMINGS } from '../protocol';
import { builtinRunFactory } from '../scenario/builtinRuns';
import { parseScenarioFile } from '../scenario/file';
import { protocolRunsOf } from '../scenario/protocolReplay';
import { replayAll } from '../scenario/replay';
import { describeDiff, diffResults } from './diff';
import {
  parseResultsFile,
  ResultsFileError,
  resultsFileText,
  resultsOf,
  serializeResults,
} from './resultsFile';

const churn = parseScenarioFile(readFileSync('e2e/fixtures/churn.json', 'utf8')).scenario;
const sticky = replayAll(churn, builtinRunFactory('sticky', churn));
/** Written by the playground before results files had protocols (version 1). */
const V1 = readFileSync('test/data/churn-sticky.v1.results.json', 'utf8');

function errorOf(text: string): string {
  try {
    parseResultsFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ResultsFileError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be rejected');
}

describe('results files with a protocol (version 2)', () => {
  it('still loads a version 1 file, and writes the same text for it', () => {
    const old = parseResultsFile(V1);
    expect(old.version).toBe(1);
    expect(old.protocol).toBeUndefined();
    expect(old.generations.every((g) => g.protocol === undefined)).toBe(true);
    expect(serializeResults(old)).toBe(V1);
    expect(resultsFileText(churn, 'sticky', sticky)).toBe(V1);
  });

  it("keeps every generation's rounds and metrics, and round-trips", () => {
    const results = resultsOf(churn, 'sticky', sticky, { name: 'cooperative' });
    expect(results.version).toBe(2);
    expect(results.protocol).toEqual({ name: 'cooperative', timings: DEFAULT_TIMINGS });
    const runs = protocolRunsOf('cooperative', sticky);
    results.generations.forEach((g, i) => {
      const run = runs[i]!;
      expect(g.protocol?.rounds).toEqual(run.rounds);
      expect(g.protocol?.metrics.rounds).toBe(run.rounds.length);
      expect(g.protocol?.metrics.unconsumedPartitionMs).toBe(run.metrics.unconsumedPartitionMs);
      expect(g.protocol?.partitions).toEqual(run.metrics.partitions);
      expect(g.protocol?.members.map((m) => m.member)).toEqual([...g.assignment.keys()]);
    });
    // Cooperative moves partitions in a second round at least once in this scenario.
    expect(results.generations.some((g) => g.protocol?.metrics.rounds === 2)).toBe(true);
    const text = serializeResults(results);
    const back = parseResultsFile(text);
    expect(back).toEqual(results);
    expect(serializeResults(back)).toBe(text);
  });

  it('the timings given are the ones kept', () => {
    const results = resultsOf(churn, 'sticky', sticky, {
      name: 'eager',
      timings: { pollIntervalMs: 10 },
    });
    expect(results.protocol?.timings).toEqual({ ...DEFAULT_TIMINGS, pollIntervalMs: 10 });
    expect(parseResultsFile(serializeResults(results)).protocol?.timings.pollIntervalMs).toBe(10);
  });

  it('names what is wrong in a protocol part', () => {
    const json = JSON.parse(
      serializeResults(resultsOf(churn, 'sticky', sticky, { name: 'eager' })),
    );
    expect(errorOf(JSON.stringify({ ...json, protocol: { ...json.protocol, name: 'lazy' } }))).toBe(
      'at protocol.name: unknown protocol "lazy": expected eager, cooperative, consumer',
    );
    expect(errorOf(JSON.stringify({ ...json, version: 1 }))).toBe(
      '"protocol" needs results file version 2 (this file says version 1)',
    );
    const { protocol: _dropped, ...noProtocol } = json;
    expect(errorOf(JSON.stringify(noProtocol))).toBe(
      'generations have protocol rounds but the file names no "protocol" they were played under',
    );
    json.generations[1].protocol.metrics.rounds = -1;
    expect(errorOf(JSON.stringify(json))).toMatch(
      /^at generations\[1\]\.protocol\.metrics\.rounds: /,
    );
  });

  it('diff compares rounds, protocol figures and pauses', () => {
    const eager = resultsOf(churn, 'sticky', sticky, { name: 'eager' });
    const cooperative = resultsOf(churn, 'sticky', sticky, { name: 'cooperative' });
    const diff = diffResults(eager, cooperative);
    expect(diff.identical).toBe(false);
    expect([diff.protocolA, diff.protocolB]).toEqual(['eager', 'cooperative']);
    const second = diff.generations[1]!;
    expect(second.partitions).toEqual([]);
    const rounds = second.protocolMetrics.find((m) => m.metric === 'rounds');
    expect(rounds).toEqual({
      metric: 'rounds',
      a: eager.generations[1]!.protocol!.metrics.rounds,
      b: cooperative.generations[1]!.protocol!.metrics.rounds,
      delta: 1,
    });
    expect(second.pauses.length).toBeGreaterThan(0);
    const lines = describeDiff(diff);
    expect(lines[0]).toBe('A: (sticky, eager protocol)');
    expect(lines).toContain(
      `  pause (ms): ${second.pauses.map((p) => `${p.member} ${p.a} → ${p.b}`).join(', ')}`,
    );
    expect(lines.some((l) => l.startsWith('  protocol: rounds 1 → 2 (+1)'))).toBe(true);
    expect(
      diffResults(eager, resultsOf(churn, 'sticky', sticky, { name: 'eager' })).identical,
    ).toBe(true);
  });

  it('diff says when only one file has protocol runs', () => {
    const diff = diffResults(
      parseResultsFile(V1),
      resultsOf(churn, 'sticky', sticky, { name: 'eager' }),
    );
    expect(diff.identical).toBe(false);
    expect(describeDiff(diff)).toContain('  protocol  A: no protocol run  B: played');
  });
});
