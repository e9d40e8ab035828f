import { javaRunFactory } from '../scenario/javaRuns';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempFiles } from './testing';
import { describe, expect, it } from 'vitest';
import { createBuiltinAssignor } from '../core/assignors';
import { TEMPLATE } from '../custom/examples';
import { replayCustomInNode } from '../custom/nodeRunner';
import { parseResultsFile, resultsOf, serializeResults } from '../results/resultsFile';
import { parseScenarioFile } from '../scenario/file';
import { replayAll } from '../scenario/replay';
import { UsageError } from './io';
import { createReplayCommand, type NodeRunnerModule } from './replay';

const run = runCli;

const { dir, write: file } = tempFiles('cli-replay-');

const KIP54 = 'e2e/fixtures/kip54-example1.json';
const kip54 = parseScenarioFile(readFileSync(KIP54, 'utf8')).scenario;
const expected = (name: 'sticky' | 'roundrobin' | 'range') =>
  serializeResults(
    resultsOf(
      kip54,
      name,
      replayAll(kip54, () => createBuiltinAssignor(name)),
      { name: 'eager' },
    ),
  );

describe('cli replay', () => {
  it('prints the results file to stdout', async () => {
    const { code, out, err } = await run('replay', KIP54, '--assignor', 'sticky');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(`${out}\n`).toBe(expected('sticky'));
    const results = parseResultsFile(out);
    expect(results.assignor).toBe('sticky');
    expect(results.generations).toHaveLength(2);
  });

  it('writes the results file with --out and says so', async () => {
    const target = join(dir, 'rr.json');
    const { code, out } = await run('replay', KIP54, '--assignor=roundrobin', '--out', target);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(
      `wrote ${target}: 2 generations of "KIP-54 example 1: one member leaves" with roundrobin under the eager protocol`,
    );
    expect(readFileSync(target, 'utf8')).toBe(expected('roundrobin'));
  });

  it('runs every fixture with every built-in assignor', async () => {
    for (const name of ['kip54-example1', 'unequal-subscriptions', 'range-skew', 'churn']) {
      for (const assignor of ['range', 'roundrobin', 'sticky']) {
        const { code, out } = await run(
          'replay',
          `e2e/fixtures/${name}.json`,
          '--assignor',
          assignor,
        );
        expect(code, `${name} ${assignor}`).toBe(0);
        const results = parseResultsFile(out);
        expect(
          results.generations.every((g) => g.problems === undefined && g.error === undefined),
        ).toBe(true);
      }
    }
  });

  it('exits 2 on a missing scenario file', async () => {
    const { code, err } = await run('replay', join(dir, 'nope.json'), '--assignor', 'sticky');
    expect(code).toBe(2);
    expect(err).toBe(`error: ${join(dir, 'nope.json')}: no such file`);
  });

  it('exits 2 with the file’s message on an invalid scenario', async () => {
    const bad = await run('replay', 'e2e/fixtures/bad-scenario.json', '--assignor', 'sticky');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      'error: e2e/fixtures/bad-scenario.json: step 2, change 1: C9 is not in the group',
    );
    const broken = await run(
      'replay',
      file('broken.json', '{\n  "format": 1,\n  oops\n}'),
      '--assignor',
      'sticky',
    );
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/broken\.json: not valid JSON: .* at line 3, column 3$/);
    const results = await run(
      'replay',
      file('results.json', expected('sticky')),
      '--assignor',
      'sticky',
    );
    expect(results.code).toBe(2);
    expect(results.err).toMatch(
      /results\.json: not a scenario file: "format" is "rebalance-playground\/results"/,
    );
  });

  it('exits 2 on an unknown assignor, listing the valid ones', async () => {
    const { code, err } = await run('replay', KIP54, '--assignor', 'cooperative');
    expect(code).toBe(2);
    expect(err).toBe(
      'error: unknown assignor "cooperative": use one of range, roundrobin, sticky, server-uniform, server-range, java-sticky, cooperative-sticky, or a custom assignor file ending in .ts or .js',
    );
  });

  it('replays Kafka’s Java cooperative-sticky as a Java group runs it: cooperatively', async () => {
    const { code, out, err } = await run('replay', KIP54, '--assignor', 'cooperative-sticky');
    expect(err).toBe('');
    expect(code).toBe(0);
    const results = parseResultsFile(out);
    expect(results.assignor).toBe('cooperative-sticky');
    const replayed = replayAll(kip54, javaRunFactory('cooperative-sticky'));
    expect(results.generations.map((g) => g.assignment)).toEqual(
      replayed.map((g) => new Map(g.members.map((m) => [m.id, new Map(m.assignment)]))),
    );
    // Without --protocol, the scenario (which names none) is played cooperatively.
    expect(results.protocol?.name).toBe('cooperative');

    const eager = await run(
      'replay',
      KIP54,
      '--assignor',
      'cooperative-sticky',
      '--protocol',
      'eager',
    );
    expect(eager.code).toBe(2);
    expect(eager.err).toMatch(/runs under the cooperative protocol .* add --protocol cooperative$/);
  });

  it('exits 2 on bad arguments', async () => {
    expect((await run('replay', KIP54)).err).toMatch(
      /^error: --assignor is required\nusage: replay/,
    );
    expect((await run('replay', '--assignor', 'sticky')).err).toMatch(/^error: usage: replay/);
    expect((await run('replay', KIP54, '--assignor', 'sticky', '--deadline', '0')).err).toBe(
      'error: --deadline must be a whole number of at least 1, got "0"',
    );
    expect((await run('replay', KIP54, '--assignor', 'sticky', '--bogus')).code).toBe(2);
    const unwritable = await run(
      'replay',
      KIP54,
      '--assignor',
      'sticky',
      '--out',
      join(dir, 'no/such/dir.json'),
    );
    expect(unwritable.code).toBe(2);
    expect(unwritable.err).toMatch(/dir\.json: cannot write \(no such directory\)$/);
  });

  it('exits 2 on a custom assignor file that does not exist', async () => {
    const { code, err } = await run('replay', KIP54, '--assignor', join(dir, 'missing.ts'));
    expect(code).toBe(2);
    expect(err).toBe(`error: ${join(dir, 'missing.ts')}: no such file`);
  });
});

describe('cli replay with a custom assignor', () => {
  const source = file('mine.ts', 'export default class Mine {}');
  const collect = () => {
    const lines: string[] = [];
    return { lines, out: (text: string) => lines.push(text) };
  };
  const failure = async (promise: Promise<number>) => {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error('expected a UsageError');
  };

  it('runs it through the Node runner with the deadline, named as the assignor names itself', async () => {
    const calls: unknown[] = [];
    const runner: NodeRunnerModule = {
      replayCustomInNode: async (scenario, assignor, options) => {
        calls.push({ name: scenario.name, assignor, options });
        return {
          status: 'done',
          generations: replayAll(scenario, () => createBuiltinAssignor('range')),
          assignorName: 'mine',
          restarts: 0,
        };
      },
    };
    const { lines, out } = collect();
    const code = await createReplayCommand(async () => runner)(
      [KIP54, '--assignor', source, '--deadline', '500'],
      out,
    );
    expect(code).toBe(0);
    expect(calls).toEqual([
      {
        name: kip54.name,
        assignor: { fileName: 'mine.ts', source: 'export default class Mine {}' },
        options: { deadlineMs: 500 },
      },
    ]);
    const results = parseResultsFile(lines.join('\n'));
    expect(results.assignor).toBe('mine');
    expect(serializeResults({ ...results, assignor: 'range' })).toBe(expected('range'));
  });

  it('passes the default deadline of 2000 ms', async () => {
    let deadline = 0;
    const runner: NodeRunnerModule = {
      replayCustomInNode: async (_scenario, _assignor, options) => {
        deadline = options.deadlineMs;
        return { status: 'cancelled' };
      },
    };
    const message = await failure(
      createReplayCommand(async () => runner)([KIP54, '--assignor', source], () => undefined),
    );
    expect(deadline).toBe(2000);
    expect(message).toBe(`${source}: the custom replay ended early (cancelled)`);
  });

  it('names the place of a load error', async () => {
    const runner: NodeRunnerModule = {
      replayCustomInNode: async () => ({
        status: 'load-error',
        error: { message: "Unexpected token '}'", line: 3, column: 7 },
      }),
    };
    expect(
      await failure(
        createReplayCommand(async () => runner)([KIP54, '--assignor', source], () => undefined),
      ),
    ).toBe(`${source}:3:7: cannot load the custom assignor: Unexpected token '}'`);
  });

  it('says so clearly when this build has no Node runner', async () => {
    expect(
      await failure(
        createReplayCommand(async () => undefined)([KIP54, '--assignor', source], () => undefined),
      ),
    ).toBe(
      `${source}: custom assignors cannot run from the command line in this build (src/custom/nodeRunner.ts is missing); use a built-in assignor: range, roundrobin, sticky`,
    );
  });
});

describe('cli replay with a custom assignor file, end to end', () => {
  it('matches the contract of src/custom/nodeRunner.ts', () => {
    const contract: NodeRunnerModule['replayCustomInNode'] = replayCustomInNode;
    expect(typeof contract).toBe('function');
  });

  it('replays the template assignor in the Node sandbox', async () => {
    const source = file('template.ts', TEMPLATE.source);
    const { code, out, err } = await run('replay', KIP54, '--assignor', source);
    expect(err).toBe('');
    expect(code).toBe(0);
    const results = parseResultsFile(out);
    expect(results.generations).toHaveLength(2);
    expect(results.generations.every((g) => g.error === undefined)).toBe(true);
  }, 20_000);

  it('exits 2 with the place of a syntax error', async () => {
    const source = file('broken.ts', 'export default {\n');
    const { code, err } = await run('replay', KIP54, '--assignor', source);
    expect(code).toBe(2);
    expect(err).toMatch(
      new RegExp(`^error: ${source}:\\d+:\\d+: cannot load the custom assignor: `),
    );
  }, 20_000);
});
