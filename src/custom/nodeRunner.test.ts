/**
 * The Node runner end to end: real confined child processes, real deadlines and memory
 * limits, on a small scenario.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeProblem } from '../core/metrics';
import { DEFAULT_SCENARIO } from '../scenario/lessons';
import { replayAll, type GenerationResult } from '../scenario/replay';
import { loadCustomAssignor } from './evaluate';
import { EXAMPLES, findExample } from './examples';
import { languageOfFile, replayCustomInNode, sandboxBundlePath } from './nodeRunner';
import type { CustomReplayOutcome } from './protocol';
import { DEALER, dealerWithTrouble, SMALL_SCENARIO } from './testScenario';

const SLOW = 30_000;

/** Pids of live processes whose command line names `path` (Linux /proc). */
function processesRunning(path: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = /^\S+ \(.*\) (\S)/s.exec(readFileSync(`/proc/${entry}/stat`, 'utf8'))?.[1];
      if (commandLine.includes(path) && state !== 'Z') pids.push(Number(entry));
    } catch {
      // gone while we looked
    }
  }
  return pids;
}

function done(outcome: CustomReplayOutcome): GenerationResult[] {
  if (outcome.status !== 'done') throw new Error(`expected done, got ${JSON.stringify(outcome)}`);
  return outcome.generations;
}

async function errorsOf(source: string, deadlineMs = 2000): Promise<(string | undefined)[]> {
  const outcome = await replayCustomInNode(
    SMALL_SCENARIO,
    { fileName: 'mine.ts', source },
    { deadlineMs },
  );
  return done(outcome).map((g) => g.error);
}

describe('replayCustomInNode', () => {
  it(
    'gives what replayAll gives for the same assignor',
    async () => {
      const loaded = loadCustomAssignor({ language: 'typescript', source: DEALER });
      if (!loaded.ok) throw new Error(loaded.error.message);
      const outcome = await replayCustomInNode(SMALL_SCENARIO, {
        fileName: 'dealer.ts',
        source: DEALER,
      });
      expect(outcome).toMatchObject({ status: 'done', assignorName: 'dealer', restarts: 0 });
      expect(done(outcome)).toEqual(replayAll(SMALL_SCENARIO, () => loaded.factory()));
    },
    SLOW,
  );

  it(
    'turns a throw into that generation’s verdict and goes on',
    async () => {
      expect(await errorsOf(dealerWithTrouble("throw new Error('boom');"))).toEqual([
        undefined,
        expect.stringMatching(/^assign\(\) threw Error: boom \(line \d+\)$/),
        undefined,
      ]);
    },
    SLOW,
  );

  it(
    'stops an infinite loop at the deadline, replaces the worker, and goes on',
    async () => {
      const started = performance.now();
      const outcome = await replayCustomInNode(
        SMALL_SCENARIO,
        { fileName: 'loop.ts', source: dealerWithTrouble('for (;;) {}') },
        { deadlineMs: 300 },
      );
      const elapsed = performance.now() - started;
      expect(outcome).toMatchObject({ status: 'done', restarts: 1 });
      const generations = done(outcome);
      expect(generations.map((g) => g.error)).toEqual([
        undefined,
        'timed out after 300 ms: the assignor did not return (an infinite loop?) — the worker was stopped and replaced',
        undefined,
      ]);
      // Generation 3 was computed by the new worker, from the state after generation 1.
      expect(generations[2]?.problems).toEqual([]);
      expect(generations[2]?.metrics.assigned).toBe(6);
      // Two worker start-ups (each loads our TypeScript through tsx) plus one deadline.
      expect(elapsed).toBeLessThan(8000);
    },
    SLOW,
  );

  it(
    'lists the violations of an invalid result',
    async () => {
      const source = dealerWithTrouble(
        "return new Map([['a', { assignment: [['t', [0, 1, 2]], ['u', [0, 1]]] }], ['b', { assignment: [['u', [0]]] }]]);",
      );
      const outcome = await replayCustomInNode(SMALL_SCENARIO, { fileName: 'bad.ts', source });
      const second = done(outcome)[1];
      expect(second?.error).toBeUndefined();
      expect(second?.problems.map(describeProblem)).toEqual([
        'b is given u-0 but does not subscribe to u',
        't-3 is assigned to no member',
        'u-0 is given to 2 members: a, b',
      ]);
    },
    SLOW,
  );

  it(
    'leaves no sandbox process running after a deadline stopped an endless loop',
    async () => {
      const bundle = await sandboxBundlePath();
      expect(
        await errorsOf(dealerWithTrouble('for (;;) {}'), 300).then((errors) => errors[1]),
      ).toMatch(/^timed out after 300 ms/);
      // The stopped process must really be gone, not orphaned behind unshare/setpriv and
      // spinning on a core for ever: wait a little for the kill to land, then look.
      await expect.poll(() => processesRunning(bundle), { timeout: 5_000 }).toEqual([]);
    },
    SLOW,
  );

  it(
    'calls endless recursion by its name',
    async () => {
      expect(
        await errorsOf(dealerWithTrouble('const f = (n: number): number => f(n + 1) * 2; f(0);')),
      ).toEqual([
        undefined,
        'assign() recursed without end (RangeError: Maximum call stack size exceeded)',
        undefined,
      ]);
    },
    SLOW,
  );

  it(
    'survives an assignor that runs out of memory',
    async () => {
      const source = dealerWithTrouble(
        'const hoard: number[][] = []; for (;;) hoard.push(new Array(100_000).fill(1));',
      );
      const outcome = await replayCustomInNode(
        SMALL_SCENARIO,
        { fileName: 'hoard.ts', source },
        { deadlineMs: 20_000, memoryLimitMb: 64 },
      );
      expect(done(outcome).map((g) => g.error)).toEqual([
        undefined,
        expect.stringMatching(
          /^the sandbox worker stopped: an uncaught error, or it ran out of memory \(it said: the sandbox process was killed by SIG\w+ \(the memory limit\?\)\) — the worker was stopped and replaced$/,
        ),
        undefined,
      ]);
    },
    SLOW,
  );

  it(
    'reports load errors with their position',
    async () => {
      expect(
        await replayCustomInNode(SMALL_SCENARIO, {
          fileName: 'typo.ts',
          source: 'export default {\n  name: "x" "y",\n};',
        }),
      ).toEqual({
        status: 'load-error',
        error: { message: expect.stringMatching(/^Unexpected token/), line: 2, column: 13 },
      });
      const shape = await replayCustomInNode(SMALL_SCENARIO, {
        fileName: 'assignors/old.js',
        source: "module.exports = { name: 'old', on_assignment() {} };",
      });
      expect(shape.status === 'load-error' && shape.error.message).toBe(
        'Cannot use the object from assignors/old.js as an assignor: `assign` is not a function ' +
          '(found undefined); found `on_assignment`; rename it to `onAssignment`. ' +
          'See docs/assignors.md#migrating-from-aiokafka-style-assignors',
      );
    },
    SLOW,
  );

  it(
    'takes network, processes, timers and code-from-strings away from user code',
    async () => {
      const attempts = [
        "fetch('http://127.0.0.1:9/')",
        'process.exit(1)',
        "setTimeout(() => { throw new Error('later'); }, 0)",
        "eval('1 + 1')",
        "(() => 1).constructor('return 1')()",
        "new BroadcastChannel('x')",
      ];
      const source = dealerWithTrouble(
        `const which = [${attempts.map((a) => `() => ${a}`).join(', ')}];
         const errors = which.map((f) => { try { f(); return 'allowed'; } catch (e) { return (e as Error).message; } });
         throw new Error(errors.join(' | '));`,
      );
      const verdict = (await errorsOf(source))[1] ?? '';
      const messages = verdict.replace(/^assign\(\) threw Error: /, '').split(' | ');
      expect(messages).toEqual([
        expect.stringMatching(/^fetch is not available to a custom assignor/),
        expect.stringMatching(/^process is not available/),
        expect.stringMatching(/^setTimeout is not available/),
        expect.stringMatching(/^eval is not available/),
        expect.stringMatching(/^the Function constructor is not available/),
        expect.stringMatching(/^BroadcastChannel is not available/),
      ]);
    },
    SLOW,
  );

  it(
    'a static restart (no rebalance) replays in the sandbox as replayAll replays it',
    async () => {
      const loaded = loadCustomAssignor({ language: 'typescript', source: DEALER });
      if (!loaded.ok) throw new Error(loaded.error.message);
      const scenario = {
        ...SMALL_SCENARIO,
        steps: [
          ...SMALL_SCENARIO.steps.slice(0, 2),
          { changes: [{ type: 'static-restart' as const, member: 'a', downtimeMs: 5000 }] },
          ...SMALL_SCENARIO.steps.slice(2),
        ],
      };
      const outcome = await replayCustomInNode(scenario, { fileName: 'dealer.ts', source: DEALER });
      const generations = done(outcome);
      expect(generations.map((g) => g.rebalanced)).toEqual([true, true, false, true]);
      expect(generations).toEqual(replayAll(scenario, () => loaded.factory()));
    },
    SLOW,
  );

  it('picks the language from the file name', () => {
    expect(languageOfFile('a/b/mine.ts')).toBe('typescript');
    expect(languageOfFile('mine.mts')).toBe('typescript');
    expect(languageOfFile('mine.js')).toBe('javascript');
    expect(languageOfFile('mine.cjs')).toBe('javascript');
  });
});

describe('the examples do what they say', () => {
  const run = (id: string, deadlineMs = 2000) => {
    const example = findExample(id);
    if (example === undefined) throw new Error(`no example ${id}`);
    return replayCustomInNode(
      DEFAULT_SCENARIO,
      { fileName: `${id}.ts`, source: example.source, language: example.language },
      { deadlineMs, memoryLimitMb: 128 },
    );
  };
  const kinds = (generations: GenerationResult[]) =>
    [...new Set(generations.flatMap((g) => g.problems.map((p) => p.kind)))].sort();

  it('has unique ids, and a description for each', () => {
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    for (const example of EXAMPLES) expect(example.description.length).toBeGreaterThan(20);
  });

  it.each(['template', 'least-loaded', 'aiokafka-static-class'])(
    '%s is valid in every generation',
    async (id) => {
      const generations = done(await run(id));
      expect(generations).toHaveLength(DEFAULT_SCENARIO.steps.length);
      for (const g of generations) {
        expect(g.error).toBeUndefined();
        expect(g.problems).toEqual([]);
        expect(g.metrics.unassigned).toBe(0);
      }
    },
    SLOW,
  );

  it.each([
    ['drops-partition', ['unassigned']],
    ['duplicate', ['duplicate']],
    ['unsubscribed-topic', ['not-subscribed']],
  ])(
    '%s produces %j violations and no errors',
    async (id, expected) => {
      const generations = done(await run(id));
      expect(kinds(generations)).toEqual(expected);
      expect(generations.every((g) => g.error === undefined)).toBe(true);
    },
    SLOW,
  );

  it(
    'throws: every generation fails with the JSON error',
    async () => {
      for (const g of done(await run('throws'))) {
        expect(g.error).toMatch(/^assign\(\) threw SyntaxError: .*JSON.* \(line \d+\)$/);
      }
    },
    SLOW,
  );

  it(
    'recurses-forever: every generation recursed without end',
    async () => {
      for (const g of done(await run('recurses-forever'))) {
        expect(g.error).toMatch(/^assign\(\) recursed without end/);
      }
    },
    SLOW,
  );

  it(
    'never-returns: every generation of the default scenario times out',
    async () => {
      const outcome = await run('never-returns', 250);
      expect(outcome).toMatchObject({ status: 'done', restarts: 4 });
      for (const g of done(outcome)) expect(g.error).toMatch(/^timed out after 250 ms/);
    },
    SLOW,
  );

  it('allocates-without-bound: runs out of memory', async () => {
    const outcome = await run('allocates-without-bound', 10_000);
    for (const g of done(outcome))
      expect(g.error).toMatch(
        /^the sandbox worker stopped: an uncaught error, or it ran out of memory/,
      );
  }, 60_000);

  it(
    'aiokafka-names: will not load, and says why',
    async () => {
      const outcome = await run('aiokafka-names');
      expect(outcome.status).toBe('load-error');
      const message = outcome.status === 'load-error' ? outcome.error.message : '';
      expect(message).toContain('`assign` is not a function');
      expect(message).toContain('rename it to `onAssignment`');
      expect(message).toContain('docs/assignors.md#migrating-from-aiokafka-style-assignors');
    },
    SLOW,
  );
});
