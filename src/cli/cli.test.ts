import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli as run, tempFiles } from './testing';

const { write: file } = tempFiles('cli-test-');

describe('cli conformance', () => {
  it('passes on the public assignor data and prints a summary', async () => {
    const { code, out } = await run('conformance', 'test/conformance/assignors.json');
    expect(code).toBe(0);
    expect(out).toMatch(/assignors conformance .*: 582 passed, 0 failed$/);
  });

  it('exits 1 and names the scenario when an expected assignment is wrong', async () => {
    const data = JSON.parse(readFileSync('test/conformance/assignors.json', 'utf8'));
    const scenario = data.scenarios.find(
      (s: { name: string }) => s.name === 'ported/sticky_assignor1',
    );
    scenario.generations[0].expected.range.assignment.C0.t0 = [1];
    data.scenarios = [scenario];
    const { code, out } = await run('conformance', file('tampered.json', JSON.stringify(data)));
    expect(code).toBe(1);
    expect(out).toContain(
      'FAIL  ported/sticky_assignor1 generation 1 range: C0 t0: ours [0], aiokafka [1]',
    );
    expect(out).toMatch(/5 passed, 1 failed$/);
  });

  it('prints only what we computed with --json, members in their order', async () => {
    const data = JSON.parse(readFileSync('test/conformance/assignors.json', 'utf8'));
    data.scenarios = data.scenarios.filter(
      (s: { name: string }) => s.name === 'edge/member_id_string_order',
    );
    const { code, out } = await run(
      'conformance',
      file('order.json', JSON.stringify(data)),
      '--json',
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed.scenarios[0].generations[0].range.assignment)).toEqual([
      'C2',
      'C10',
      'C1',
      'C11',
      'C3',
    ]);
    expect(parsed.scenarios[0].generations[0].range.assignment.C1).toEqual({ a: [0, 1], b: [0] });
  });

  it('keeps integer-like member ids in member order in --json output', async () => {
    const generation = {
      generation: 1,
      cluster: { t: 2 },
      members: [
        { id: '10', subscription: ['t'], userData: null },
        { id: '9', subscription: ['t'], userData: null },
      ],
      expected: {
        range: { deterministic: true, assignment: { '10': { t: [0] }, '9': { t: [1] } } },
        roundrobin: { deterministic: true, assignment: { '10': { t: [0] }, '9': { t: [1] } } },
        sticky: { deterministic: true, assignment: { '10': { t: [0] }, '9': { t: [1] } } },
      },
    };
    const data = {
      format: 'aiokafka-assignor-conformance/1',
      scenarios: [{ name: 'numeric', userDataMode: 'aiokafka', generations: [generation] }],
    };
    const { code, out } = await run(
      'conformance',
      file('numeric.json', JSON.stringify(data)),
      '--json',
    );
    expect(code).toBe(0);
    expect(out).toContain('"range":{"assignment":{"10":{"t":[0]},"9":{"t":[1]}}}');
  });

  it('reports SortedSet results per op, errors as {"error":"KeyError"}', async () => {
    const { code, out } = await run('conformance', 'test/conformance/sortedset.json', '--json');
    expect(code).toBe(0);
    const empty = JSON.parse(out).vectors.find((v: { name: string }) => v.name === 'empty_set');
    expect(empty.results).toContainEqual({ error: 'KeyError' });
  });

  it.each([
    [['conformance', 'missing.json'], /missing\.json: no such file/],
    [['conformance'], /usage: conformance FILE/],
    [['conformance', 'x', '--bogus'], /unknown option --bogus/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('exits 2 with a specific message for %j', async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('exits 2 on a file of an unknown format or with a malformed scenario', async () => {
    expect((await run('conformance', file('bad.json', '{"format": "nope"}'))).err).toMatch(
      /unknown format "nope"/,
    );
    expect((await run('conformance', file('broken.json', '{not json'))).err).toMatch(
      /not valid JSON/,
    );
    const malformed = await run(
      'conformance',
      file(
        'malformed.json',
        JSON.stringify({ format: 'aiokafka-assignor-conformance/1', scenarios: [{ name: 1 }] }),
      ),
    );
    expect(malformed.code).toBe(2);
    expect(malformed.err).toMatch(/at scenarios\[0\]\.name: /);
  });
});
