import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempFiles } from './testing';

const run = runCli;

const { dir } = tempFiles('cli-diff-');
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  const replays: [string, string, string][] = [
    ['kip54-example1', 'sticky', 'sticky.json'],
    ['kip54-example1', 'sticky', 'sticky-again.json'],
    ['kip54-example1', 'roundrobin', 'roundrobin.json'],
    ['unequal-subscriptions', 'sticky', 'other-scenario.json'],
  ];
  for (const [scenario, assignor, out] of replays) {
    const { code } = await run(
      'replay',
      `e2e/fixtures/${scenario}.json`,
      '--assignor',
      assignor,
      '--out',
      path(out),
    );
    expect(code).toBe(0);
  }
});

describe('cli diff', () => {
  it('exits 0 on identical results', async () => {
    const { code, out, err } = await run('diff', path('sticky.json'), path('sticky-again.json'));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/generation 2 \(C1 leaves\): identical/);
    expect(out).toMatch(/identical: same owners, metrics and protocol runs in all 2 generations$/);
  });

  it('exits 1 and lists the differing partitions and metric deltas', async () => {
    const { code, out } = await run('diff', path('sticky.json'), path('roundrobin.json'));
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      `A: ${path('sticky.json')} (sticky, eager protocol)`,
      `B: ${path('roundrobin.json')} (roundrobin, eager protocol)`,
      'scenario "KIP-54 example 1: one member leaves", 2 generations',
      'generation 1 (C0, C1 and C2 join): identical',
      'generation 2 (C1 leaves): 2 partitions with another owner',
      '  t1-0  A: C2  B: C0',
      '  t1-1  A: C0  B: C2',
      '  metrics: moved 0 → 2 (+2), kept 5 → 3 (-2), isSticky true → false',
      'different: 1 of 2 generations differ, 2 partition owners in all; moved in total A 0, B 2',
    ]);
  });

  it('exits 2 on a missing file', async () => {
    const { code, out, err } = await run('diff', path('sticky.json'), path('nope.json'));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`error: ${path('nope.json')}: no such file`);
  });

  it('exits 2 when given a scenario file instead of results', async () => {
    const { code, err } = await run(
      'diff',
      'e2e/fixtures/kip54-example1.json',
      path('sticky.json'),
    );
    expect(code).toBe(2);
    expect(err).toBe(
      'error: e2e/fixtures/kip54-example1.json: this is a scenario file, not a results file (make results from it with: replay SCENARIO --assignor NAME)',
    );
  });

  it('exits 2 when given a conformance file instead of results', async () => {
    const { code, err } = await run('diff', path('sticky.json'), 'test/conformance/assignors.json');
    expect(code).toBe(2);
    expect(err).toBe(
      'error: test/conformance/assignors.json: this is an aiokafka conformance file (assignors), not a results file',
    );
  });

  it('exits 2 on a malformed results file, saying where', async () => {
    const data = JSON.parse(readFileSync(path('sticky.json'), 'utf8'));
    data.generations[0].metrics.spread = -1;
    writeFileSync(path('tampered.json'), JSON.stringify(data));
    const { code, err } = await run('diff', path('sticky.json'), path('tampered.json'));
    expect(code).toBe(2);
    expect(err).toBe(
      `error: ${path('tampered.json')}: at generations[0].metrics.spread: Too small: expected number to be >=0`,
    );
  });

  it('exits 2 on results of another scenario', async () => {
    const { code, err } = await run('diff', path('sticky.json'), path('other-scenario.json'));
    expect(code).toBe(2);
    expect(err).toBe(
      `error: ${path('sticky.json')} is results of scenario "KIP-54 example 1: one member leaves", ${path('other-scenario.json')} of scenario "KIP-54 example 2: unequal subscriptions": they cannot be compared`,
    );
  });

  it('exits 2 without two files', async () => {
    const { code, err } = await run('diff', path('sticky.json'));
    expect(code).toBe(2);
    expect(err).toMatch(/^error: usage: diff A\.json B\.json/);
  });
});
